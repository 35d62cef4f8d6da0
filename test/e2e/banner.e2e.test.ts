import { BigCommerceClient } from "../../provider/client/http";
import { LocalStore } from "../../store/server";
import { stepsOf, storeAndStack, TestStack } from "./engine";

const TOKEN = "e2e-Banner-Token-8e21c0d94b";

// 2026-12-01T00:00:00Z and 2026-12-31T23:59:59Z as the store writes them
const DEC_1 = "1796083200";
const DEC_31 = "1798761599";

const winter = {
  name: "Winter sale",
  content: "<p>Winter sale: <b>20% off</b> coats</p>",
  page: "category_page",
  location: "top",
  dateType: "custom",
  dateFrom: "2026-12-01",
  dateTo: "2026-12-31T23:59:59Z",
  visible: true,
  itemId: 23,
};

describe("Banner with the real Pulumi engine against the local store", () => {
  let store: LocalStore;
  let stack: TestStack;
  let api: BigCommerceClient;

  beforeAll(async () => {
    ({ store, stack, api } = await storeAndStack({
      name: "banner",
      program: "banners",
      programArgs: { banners: { winter } },
      token: TOKEN,
    }));
  });

  afterAll(async () => {
    await stack?.run("destroy").catch(() => undefined);
    await store?.close();
  });

  const banners = () => store.state.data.banners;
  const steps = (r: Parameters<typeof stepsOf>[0]) => stepsOf(r, "Banner");

  test("up creates the banner in the store, in the API's string forms", async () => {
    const r = await stack.ok("up");
    expect(steps(r).map((s) => s.op)).toEqual(["create"]);
    expect(banners()).toHaveLength(1);
    expect(banners()[0]).toMatchObject({
      name: "Winter sale",
      content: "<p>Winter sale: <b>20% off</b> coats</p>",
      page: "category_page",
      item_id: "23",
      location: "top",
      date_type: "custom",
      date_from: DEC_1,
      date_to: DEC_31,
      visible: "1",
    });
    expect(r.outputs?.winter).toEqual({
      id: banners()[0].id,
      visible: true,
      dateFrom: "2026-12-01T00:00:00Z",
      dateTo: "2026-12-31T23:59:59Z",
    });
  });

  test("a second preview after up shows no change", async () => {
    const r = await stack.ok("preview", { expectNoChanges: true });
    expect(steps(r).map((s) => s.op)).toEqual(["same"]);
  });

  test("the same dates written as unix seconds or RFC 2822 are no change", async () => {
    stack.setProgramArgs({
      banners: { winter: { ...winter, dateFrom: Number(DEC_1), dateTo: "Thu, 31 Dec 2026 23:59:59 +0000" } },
    });
    await stack.ok("preview", { expectNoChanges: true });
    stack.setProgramArgs({ banners: { winter } });
  });

  test('hiding the banner previews exactly one update, of visible, and up writes "0"', async () => {
    stack.setProgramArgs({ banners: { winter: { ...winter, visible: false } } });
    const r = await stack.ok("preview");
    const s = steps(r);
    expect(s.map((x) => x.op)).toEqual(["update"]);
    expect(s[0].changed).toEqual(["visible"]);
    expect(r.changeSummary).toMatchObject({ update: 1 });
    expect(r.stdout).toMatch(/~ visible\s*: true => false/);
    const id = banners()[0].id;
    await stack.ok("up");
    expect(banners()[0]).toMatchObject({ id, visible: "0" });
    await stack.ok("preview", { expectNoChanges: true });
  });

  test("moving the end date previews an update of dateTo shown as readable dates", async () => {
    stack.setProgramArgs({ banners: { winter: { ...winter, visible: false, dateTo: "2027-01-06" } } });
    const r = await stack.ok("preview");
    expect(steps(r).map((x) => [x.op, x.changed])).toEqual([["update", ["dateTo"]]]);
    expect(r.stdout).toMatch(/~ dateTo\s*: "2026-12-31T23:59:59Z" => "2027-01-06T00:00:00Z"/);
    await stack.ok("up");
    expect(banners()[0].date_to).toBe(String(Date.parse("2027-01-06T00:00:00Z") / 1000));
    await stack.ok("preview", { expectNoChanges: true });
  });

  test("an edit made directly in the store is shown by refresh and reverted by the next up", async () => {
    const b = banners()[0];
    // another app edits the banner through the API (a partial PUT) ...
    await api.put(`/v2/banners/${b.id}`, { content: "<p>Edited in the control panel</p>", visible: "1" });
    // ... and someone moves it to the bottom in the control panel
    await fetch(`${store.url}/__admin/banners/${b.id}`, {
      method: "PATCH",
      body: JSON.stringify({ location: "bottom" }),
    });

    const preview = await stack.ok("previewRefresh");
    const drift = steps(preview).find((s) => s.op === "update");
    expect(drift?.changed).toEqual(["content", "location", "visible"]);

    const refresh = await stack.ok("refresh");
    expect(refresh.changeSummary).toMatchObject({ update: 1 });
    const refreshed = refresh.deployment as { resources: Array<{ type: string; inputs: Record<string, unknown> }> };
    const res = refreshed.resources.find((x) => x.type.endsWith(":Banner"));
    expect(res?.inputs).toMatchObject({
      content: "<p>Edited in the control panel</p>",
      location: "bottom",
      visible: true,
    });

    const revert = await stack.ok("preview");
    expect(steps(revert).map((s) => [s.op, s.changed])).toEqual([["update", ["content", "location", "visible"]]]);
    await stack.ok("up");
    expect(banners()[0]).toMatchObject({ id: b.id, content: winter.content, location: "top", visible: "0" });
    await stack.ok("preview", { expectNoChanges: true });
  });

  test("a banner deleted in the store is dropped by refresh and recreated by up", async () => {
    const oldId = banners()[0].id;
    await api.delete(`/v2/banners/${oldId}`);
    const refresh = await stack.ok("refresh");
    expect(refresh.changeSummary).toMatchObject({ delete: 1 });
    const up = await stack.ok("up");
    expect(up.changeSummary).toMatchObject({ create: 1 });
    expect(banners()).toHaveLength(1);
    expect(banners()[0].id).not.toBe(oldId);
    expect(banners()[0]).toMatchObject({ name: "Winter sale", item_id: "23", visible: "0" });
    await stack.ok("preview", { expectNoChanges: true });
  });

  test("bad input fails before any request, naming the field and the rule", async () => {
    const before = store.stats.total;
    const count = banners().length;
    const r = await stack.run("preview", {
      programArgs: { banners: { winter: { ...winter, page: "brand_page", itemId: undefined, dateTo: "2026-11-01" } } },
    });
    expect(r.ok).toBe(false);
    const text = r.stdout + r.stderr + (r.error ?? "");
    expect(text).toMatch(/itemId: is required when page is "brand_page"/);
    expect(text).toMatch(/dateTo: must be after dateFrom/);
    expect(store.stats.total).toBe(before);
    expect(banners()).toHaveLength(count);
  });

  test("destroy removes the banner from the store", async () => {
    const r = await stack.ok("destroy");
    expect(steps(r).map((s) => s.op)).toEqual(["delete"]);
    expect(banners()).toHaveLength(0);
  });
});
