import * as fs from "node:fs";
import * as path from "node:path";
import { BigCommerceClient } from "../../provider/client/http";
import { LocalStore } from "../../store/server";
import { REPO, stepsOf, storeAndStack, TestStack } from "./engine";

const TOKEN = "e2e-Secret-Token-8d3e1c5a7f";
const STACK = `gift-certificate-${process.pid}`;
/** A declared code (at most 20 characters), and a code too long to be accepted. */
const GIVEN_CODE = "GIFT-E2E-7Q4M-XK2P";
const LONG_CODE = "GIFT-E2E-TOO-LONG-CODE-123";

/** A certificate with a declared code. */
const alyss = {
  toName: "Alyss",
  toEmail: "alyss@example.com",
  fromName: "Noland",
  fromEmail: "noland@example.com",
  amount: "50",
  code: GIVEN_CODE,
  template: "birthday.html",
  message: "Happy birthday!",
  expiryDate: "2030-12-31",
};
/** A certificate whose code the store generates. */
const lyss = {
  toName: "Lyss",
  toEmail: "lyss@example.com",
  fromName: "Store Admin",
  fromEmail: "admin@example.com",
  amount: 25,
};

type Stored = Record<string, unknown> & { id: number };
interface Deployment {
  resources: Array<{ type: string; urn: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> }>;
}
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

describe("GiftCertificate with the real Pulumi engine against the local store", () => {
  let store: LocalStore;
  let stack: TestStack;
  let api: BigCommerceClient;
  /** Every code the store has held for these certificates (given and generated). */
  const codes = new Set<string>([GIVEN_CODE, LONG_CODE, LONG_CODE.slice(0, 20)]);

  beforeAll(async () => {
    ({ store, stack, api } = await storeAndStack({
      name: "gift-certificate",
      program: "gift-certificates",
      programArgs: { giftCertificates: { alyss, lyss } },
      token: TOKEN,
    }));
  });

  afterAll(async () => {
    stack?.setProgramArgs({
      giftCertificates: {
        alyss: { ...alyss, allowDeleteWhenSpent: true },
        lyss: { ...lyss, allowDeleteWhenSpent: true },
      },
    });
    await stack?.run("up").catch(() => undefined);
    await stack?.run("destroy").catch(() => undefined);
    await store?.close();
  });

  const certs = () => store.state.data.gift_certificates as Stored[];
  const byName = (toName: string) => {
    const g = certs().find((c) => c.to_name === toName);
    if (g) codes.add(String(g.code));
    return g;
  };
  const admin = (id: number, body: unknown) =>
    fetch(`${store.url}/__admin/gift_certificates/${id}`, { method: "PATCH", body: JSON.stringify(body) });
  const steps = (r: Parameters<typeof stepsOf>[0]) => stepsOf(r, "GiftCertificate");

  test("up creates both certificates with the declared values; the store generates the missing code", async () => {
    const r = await stack.ok("up");
    expect(steps(r).map((s) => s.op)).toEqual(["create", "create"]);
    expect(certs()).toHaveLength(2);
    expect(byName("Alyss")).toMatchObject({
      code: GIVEN_CODE,
      amount: "50.0000",
      balance: "50.0000",
      status: "active",
      template: "birthday.html",
      message: "Happy birthday!",
      expiry_date: String(Date.parse("2030-12-31T00:00:00Z") / 1000),
    });
    expect(byName("Lyss")).toMatchObject({
      amount: "25.0000",
      balance: "25.0000",
      template: "general.html",
      expiry_date: "0",
    });
    expect(byName("Lyss")?.code).toMatch(/^[0-9A-F]{20}$/);
    expect(r.outputs?.alyss).toMatchObject({ id: byName("Alyss")?.id, balance: "50.0000", status: "active" });
  });

  test("a second preview after up shows no change (the generated code included)", async () => {
    const r = await stack.ok("preview", { expectNoChanges: true });
    expect(steps(r).map((s) => s.op)).toEqual(["same", "same"]);
  });

  test("the same values written differently are no change (50 vs '50.00', ISO vs RFC 2822)", async () => {
    stack.setProgramArgs({
      giftCertificates: {
        alyss: { ...alyss, amount: 50.0, expiryDate: "Tue, 31 Dec 2030 00:00:00 GMT" },
        lyss: { ...lyss, amount: "25.00" },
      },
    });
    await stack.ok("preview", { expectNoChanges: true });
    stack.setProgramArgs({ giftCertificates: { alyss, lyss } });
  });

  test("changing the message previews exactly one update, of that field, and up applies it", async () => {
    stack.setProgramArgs({ giftCertificates: { alyss: { ...alyss, message: "Happy 30th!" }, lyss } });
    const r = await stack.ok("preview");
    const updates = steps(r).filter((s) => s.op !== "same");
    expect(updates.map((s) => s.op)).toEqual(["update"]);
    expect(updates[0].changed).toEqual(["message"]);
    expect(r.changeSummary).toMatchObject({ update: 1 });
    expect(r.stdout).toMatch(/~ message\s*: "Happy birthday!" => "Happy 30th!"/);
    await stack.ok("up");
    expect(byName("Alyss")).toMatchObject({ message: "Happy 30th!", code: GIVEN_CODE });
    alyss.message = "Happy 30th!";
    stack.setProgramArgs({ giftCertificates: { alyss, lyss } });
    await stack.ok("preview", { expectNoChanges: true });
  });

  test("an edit made directly in the store is shown by refresh and reverted by the next up", async () => {
    const g = byName("Alyss") as Stored;
    await api.put(`/v2/gift_certificates/${g.id}`, { message: "Edited in the control panel", status: "disabled" });

    const preview = await stack.ok("previewRefresh");
    const drift = steps(preview).find((s) => s.op === "update");
    expect(drift?.changed).toEqual(["message", "status"]);

    const refresh = await stack.ok("refresh");
    expect(refresh.changeSummary).toMatchObject({ update: 1 });
    const res = (refresh.deployment as Deployment).resources.find((x) => x.urn.endsWith("::alyss"));
    expect(res?.inputs.message).toBe("Edited in the control panel");
    expect(res?.inputs.status).toBe("disabled");

    const revert = await stack.ok("preview");
    expect(
      steps(revert)
        .filter((s) => s.op !== "same")
        .map((s) => [s.op, s.changed]),
    ).toEqual([["update", ["message", "status"]]]);
    await stack.ok("up");
    expect(byName("Alyss")).toMatchObject({ message: "Happy 30th!", status: "active", code: GIVEN_CODE });
    await stack.ok("preview", { expectNoChanges: true });
  });

  test("a certificate deleted in the store is dropped by refresh and recreated by up", async () => {
    const old = byName("Lyss") as Stored;
    await api.delete(`/v2/gift_certificates/${old.id}`);
    const refresh = await stack.ok("refresh");
    expect(refresh.changeSummary).toMatchObject({ delete: 1 });
    const up = await stack.ok("up");
    expect(up.changeSummary).toMatchObject({ create: 1 });
    expect(certs()).toHaveLength(2);
    const again = byName("Lyss") as Stored;
    expect(again.id).not.toBe(old.id);
    expect(again.code).toMatch(/^[0-9A-F]{20}$/);
    await stack.ok("preview", { expectNoChanges: true });
  });

  test("a customer spending and the store expiring a certificate are not drift: nothing to revert after refresh", async () => {
    const g = byName("Alyss") as Stored;
    expect((await admin(g.id, { balance: "30.0000" })).status).toBe(200);
    await stack.ok("previewRefresh", { expectNoChanges: true });
    const h = byName("Lyss") as Stored;
    expect((await admin(h.id, { status: "expired" })).status).toBe(200);
    await stack.ok("previewRefresh", { expectNoChanges: true });

    const refresh = await stack.ok("refresh");
    const resources = (refresh.deployment as Deployment).resources;
    const alyssState = resources.find((x) => x.urn.endsWith("::alyss"));
    const lyssState = resources.find((x) => x.urn.endsWith("::lyss"));
    expect(alyssState?.outputs).toMatchObject({ balance: "30.0000", status: "active" });
    expect(lyssState?.outputs).toMatchObject({ status: "expired", declaredStatus: "active" });

    await stack.ok("preview", { expectNoChanges: true });
    const up = await stack.ok("up");
    expect(steps(up).map((s) => s.op)).toEqual(["same", "same"]);
    expect(byName("Alyss")).toMatchObject({ balance: "30.0000", status: "active" });
    expect(byName("Lyss")).toMatchObject({ balance: "25.0000", status: "expired" });
    expect(up.outputs?.alyss).toMatchObject({ balance: "30.0000" });
  });

  test("a code longer than 20 characters fails before any write, without showing the code", async () => {
    // the preview's one read of the store (the token check) is no write
    const writes = () => ["POST", "PUT", "DELETE"].map((m) => store.stats.byMethod[m] ?? 0);
    const before = writes();
    const r = await stack.run("preview", {
      programArgs: { giftCertificates: { alyss: { ...alyss, code: LONG_CODE }, lyss } },
    });
    expect(r.ok).toBe(false);
    const text = r.stdout + r.stderr + (r.error ?? "");
    expect(text).toMatch(/code: must be at most 20 characters/);
    expect(writes()).toEqual(before);
    expect(byName("Alyss")?.code).toBe(GIVEN_CODE);
  });

  test("the stored state holds both codes only encrypted, inputs and outputs alike", async () => {
    const r = await stack.ok("export");
    const deployment = r.deployment as Deployment;
    const state = JSON.stringify(deployment);
    expect(state).toContain("alyss@example.com"); // the state is there, in clear where not secret
    const generated = String(byName("Lyss")?.code);
    for (const code of [GIVEN_CODE, generated]) expect(state).not.toContain(code);
    const alyssState = deployment.resources.find((x) => x.urn.endsWith("::alyss"));
    const lyssState = deployment.resources.find((x) => x.urn.endsWith("::lyss"));
    expect(alyssState?.inputs.code).toMatchObject({ [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270" });
    expect(alyssState?.outputs.code).toMatchObject({ [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270" });
    expect(lyssState?.outputs.code).toMatchObject({ [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270" });
    expect(lyssState?.inputs).not.toHaveProperty("code");
    const checkpoint = path.join(
      REPO,
      ".tmp",
      "pulumi-backend",
      ".pulumi",
      "stacks",
      "gift-certificate-e2e",
      `${STACK}.json`,
    );
    const stored = fs.readFileSync(checkpoint, "utf8");
    for (const code of [GIVEN_CODE, generated]) expect(stored).not.toContain(code);
    expect(stored).not.toContain(TOKEN);
  });

  test("destroy refuses to delete a partly spent certificate with a clear message, and it stays in the store", async () => {
    const spent = byName("Alyss") as Stored;
    const r = await stack.run("destroy");
    expect(r.ok).toBe(false);
    const text = r.stdout + r.stderr + (r.error ?? "");
    expect(text).toMatch(
      new RegExp(
        `refusing to delete gift certificate ${spent.id}: customers have spent from it \\(balance 30\\.0000 of 50\\.0000 USD\\)`,
      ),
    );
    expect(text).toMatch(/allowDeleteWhenSpent: true/);
    expect(byName("Alyss")).toMatchObject({ id: spent.id, balance: "30.0000" });
  });

  test("allowDeleteWhenSpent previews as one update of that field, and then destroy deletes the spent certificate", async () => {
    stack.setProgramArgs({ giftCertificates: { alyss: { ...alyss, allowDeleteWhenSpent: true }, lyss } });
    const preview = await stack.ok("preview");
    expect(
      steps(preview)
        .filter((s) => s.op === "update")
        .map((s) => s.changed),
    ).toEqual([["allowDeleteWhenSpent"]]);
    await stack.ok("up");
    expect(byName("Alyss")).toMatchObject({ balance: "30.0000", message: "Happy 30th!" });
    expect(byName("Lyss")?.code).toMatch(/^[0-9A-F]{20}$/); // recreated after the first destroy deleted it
    const r = await stack.ok("destroy");
    expect(steps(r).every((s) => s.op === "delete")).toBe(true);
    expect(certs()).toHaveLength(0);
  });

  test("no CLI output of any operation showed a code in clear text (given, generated or too long)", async () => {
    const log = stack.log.join("\n");
    expect(log.length).toBeGreaterThan(1000);
    expect(log).toContain("[secret]");
    for (const code of codes) expect(log).not.toContain(code);
    expect(log).not.toContain(TOKEN);
  });
});
