/**
 * The export against a seeded local store: every object once, marked for adoption, in the
 * canonical input form, so that what the file declares is exactly what each kind's `read`
 * returns for the same object (and the diff of the two is empty).
 */
import * as YAML from "yaml";
import { BigCommerceClient, Query } from "../../../provider/client/http";
import { checkInputs, diffInputs } from "../../../provider/common/kind";
import { compact } from "../../../provider/common/values";
import { parseCampaign } from "../../../provider/campaign";
import { createOrAdopt } from "../../../provider/common/adopt";
import { LocalStore } from "../../../store/server";
import { exportStore, KEY_PATTERN, managedIds, SECTION_KINDS, SECTIONS, Section } from "../../../tools/export/index";
import { Seeded, seedStore } from "../../../tools/seed";
import { storeAndClient } from "../../provider/local-store";

type Props = Record<string, unknown>;
type Parsed = { campaign: { name: string } } & Partial<Record<Section, Record<string, Props>>>;

/** The state props `read` gets for an object adopted for these checked inputs (as createOrAdopt passes them). */
function stateProps(section: Section, inputs: Props): Props {
  return SECTION_KINDS[section].adoption?.readProps?.(inputs) ?? {};
}

describe("export of a seeded local store", () => {
  let store: LocalStore;
  let client: BigCommerceClient;
  let seeded: Seeded;
  let text: string;
  let parsed: Parsed;
  let warnings: string[];

  beforeAll(async () => {
    ({ store, client } = await storeAndClient());
    seeded = await seedStore({ client, adminUrl: store.url });
    const result = await exportStore(client, {
      outFile: "campaigns/store.yaml",
      name: "Main store",
      source: "the test store",
    });
    text = result.text;
    warnings = result.exported.warnings;
    parsed = YAML.parse(text) as Parsed;
  });

  afterAll(async () => {
    await store?.close();
  });

  /** The promotion id a couponCodes entry refers to (by key). */
  const promotionIdOf = (key: string) => parsed.promotions?.[key]?.adoptId as number;

  /** Each entry as the kind's args: without the adoption inputs, the promotion key made an id. */
  function argsOf(section: Section, entry: Props): Props {
    const { adoptId: _a, promotion, ...rest } = entry;
    return section === "couponCodes" ? { ...rest, promotionId: promotionIdOf(promotion as string) } : rest;
  }

  const entries = () =>
    SECTIONS.flatMap((section) =>
      Object.entries(parsed[section] ?? {}).map(([key, entry]) => ({ section, key, entry })),
    );

  test("the seed holds at least 50 mixed objects, and the export writes each exactly once with its id", () => {
    expect(seeded.total).toBeGreaterThanOrEqual(50);
    const data = store.state.data;
    const ids = (section: Section) => Object.values(parsed[section] ?? {}).map((e) => e.adoptId);
    expect(ids("coupons")).toEqual(data.coupons.map((c) => c.id));
    expect(ids("banners")).toEqual(data.banners.map((c) => c.id));
    expect(ids("giftCertificates")).toEqual(data.gift_certificates.map((c) => c.id));
    expect(ids("promotions")).toEqual(data.promotions.map((c) => c.id));
    expect(ids("couponCodes").sort((a, b) => Number(a) - Number(b))).toEqual(data.promotion_codes.map((c) => c.id));
    expect(entries()).toHaveLength(seeded.total);
    // each code names the promotion it belongs to in the store
    for (const [, e] of Object.entries(parsed.couponCodes ?? {})) {
      const stored = data.promotion_codes.find((c) => c.id === e.adoptId);
      expect(promotionIdOf(e.promotion as string)).toBe(stored?.promotion_id);
    }
    expect(warnings).toEqual([]);
  });

  test("the file starts with the $schema line and names the campaign", () => {
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=../schema/campaign.schema.json");
    expect(parsed.campaign).toEqual({ name: "Main store" });
  });

  test("the campaign loader accepts the file as written, objects unchanged", () => {
    const campaign = parseCampaign(text, "store.yaml");
    expect(campaign.campaign).toEqual({ name: "Main store" });
    for (const section of SECTIONS) expect(campaign[section]).toEqual(parsed[section] ?? {});
  });

  test("keys are slugs of codes and names, unique in the file", () => {
    const keys = entries().map((e) => e.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) expect(k).toMatch(KEY_PATTERN);
    expect(Object.keys(parsed.coupons ?? {})).toEqual(
      expect.arrayContaining(["spring15", "vip-30", "staff-25", "freeship-au"]),
    );
    expect(Object.keys(parsed.promotions ?? {})).toEqual(expect.arrayContaining(["20-off-two-brands", "welcome-10"]));
    expect(Object.keys(parsed.giftCertificates ?? {})).toEqual(expect.arrayContaining(["gift-alyss", "gift-fay"]));
  });

  test("every entry, checked as the provider checks it, is exactly what the kind's read returns for the object", async () => {
    let compared = 0;
    for (const { section, key, entry } of entries()) {
      const kind = SECTION_KINDS[section];
      const { inputs, failures } = checkInputs(kind, argsOf(section, entry));
      expect({ key, failures }).toEqual({ key, failures: [] });
      const read = await kind.read(client, String(entry.adoptId), stateProps(section, inputs));
      expect(read).toBeDefined();
      expect({ key, inputs: compact(inputs) }).toEqual({ key, inputs: compact(read!.inputs) });
      // and the engine's diff between the store's object and the file finds nothing
      const olds = compact({ ...read!.inputs, ...read!.outs, ...stateProps(section, inputs) });
      expect({ key, diff: diffInputs(kind, olds, inputs).changes }).toEqual({ key, diff: false });
      compared++;
    }
    expect(compared).toBe(seeded.total);
  });

  test("adopting every entry (adoptId) writes nothing to the store and leaves state that diffs as no change", async () => {
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    const error = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const before = JSON.stringify(store.state.data);
    const writesBefore = { ...store.stats.byMethod };
    try {
      for (const { section, key, entry } of entries()) {
        const kind = SECTION_KINDS[section];
        const { inputs } = checkInputs(kind, argsOf(section, entry));
        const { id, outs } = await createOrAdopt(kind, client, inputs, { adoptId: entry.adoptId as number });
        expect({ key, id }).toEqual({ key, id: String(entry.adoptId) });
        // what the runtime's create records in state, against the same inputs at the next preview
        const state = compact({ ...inputs, ...outs });
        expect({ key, diff: diffInputs(kind, state, inputs).changes }).toEqual({ key, diff: false });
      }
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
    for (const method of ["POST", "PUT", "DELETE"])
      expect({ method, n: store.stats.byMethod[method] ?? 0 }).toEqual({ method, n: writesBefore[method] ?? 0 });
    expect(JSON.stringify(store.state.data)).toBe(before);
  });

  test("gift certificate codes are never written, and each certificate says so", () => {
    for (const g of store.state.data.gift_certificates) expect(text).not.toContain(String(g.code));
    for (const entry of Object.values(parsed.giftCertificates ?? {})) expect(entry).not.toHaveProperty("code");
    const keys = Object.keys(parsed.giftCertificates ?? {});
    expect(keys).toHaveLength(store.state.data.gift_certificates.length);
    const lines = text.split("\n");
    for (const key of keys) {
      const at = lines.indexOf(`  ${key}:`);
      expect(at).toBeGreaterThan(1);
      expect(lines.slice(at - 2, at)).toEqual([
        expect.stringMatching(/^ {2}# code not exported: it is a secret/),
        expect.stringMatching(/^ {2}# balance /),
      ]);
    }
    // the spent certificate's balance is told, not declared (up never writes customers' money)
    expect(parsed.giftCertificates?.["gift-alyss"]).not.toHaveProperty("balance");
    expect(text).toMatch(/# balance 30\.0000 of 50\.0000 USD/);
  });

  test("the store's spelling becomes the canonical one, and defaults are left out", () => {
    const c = parsed.coupons!;
    expect(c.tenoff).toEqual({
      adoptId: seeded.coupons[0],
      name: "Ten percent off",
      code: "TENOFF",
      type: "percentage_discount",
      amount: "10.0000",
    });
    expect(c.shoes50.appliesTo).toEqual({ entity: "categories", ids: [7, 23] });
    expect(c.order10.expires).toBe("Fri, 31 Dec 2027 23:00:00 +0000");
    const b = parsed.banners!;
    expect(b["boots-week"]).toMatchObject({
      dateType: "custom",
      dateFrom: "2026-01-15T00:00:00Z",
      visible: false,
      itemId: 7,
    });
    expect(b.welcome).toEqual({
      adoptId: seeded.banners[0],
      name: "Welcome",
      content: "<p>Welcome</p>",
      page: "home_page",
      location: "top",
    });
    const p = parsed.promotions!;
    // rule defaults (applyOnce true, stop false, asTotal false...) are not written; non-defaults are
    expect(p["20-off-two-brands"].rules).toEqual([
      {
        action: { cartItems: { discount: { percentageAmount: "20" }, items: { brands: [3, 7] } } },
        condition: { cart: { items: { not: { categories: [12] } }, minimumQuantity: 2 } },
      },
    ]);
    expect(p["three-for-30"].rules).toEqual([
      {
        action: { fixedPriceSet: { quantity: 3, fixedPrice: "30", items: { products: [5, 6, 7] } } },
        applyOnce: false,
      },
    ]);
    expect(p["members-10"]).toMatchObject({
      customer: { excludedGroupIds: [4] },
      displayName: "Members save 10%",
      maxUses: 1000,
      currencyCode: "USD",
    });
    expect(p["welcome-10"]).not.toHaveProperty("couponType");
    expect(p["welcome-10"]).not.toHaveProperty("currencyCode");
    expect(p["spring-bulk"].couponType).toBe("BULK");
    expect(parsed.couponCodes?.welcome10).toEqual({
      adoptId: seeded.codes[0],
      promotion: "welcome-10",
      code: "WELCOME10",
      maxUses: 100,
    });
  });

  test("objects a stack already manages are left out (skip), and so are codes whose promotion it manages", async () => {
    const welcome = parsed.promotions!["welcome-10"].adoptId as number;
    const generated = store.state.data.promotion_codes
      .filter((c) => c.promotion_id === parsed.promotions!["spring-bulk"].adoptId && c.code !== "SPRING-BULK-A")
      .map((c) => c.id);
    expect(generated).toHaveLength(4);
    const skip = managedIds({
      resources: [
        { type: "pulumi:pulumi:Stack", id: "x" },
        { type: "pulumi:providers:pulumi-nodejs", id: "3" },
        { type: "pulumi-nodejs:dynamic/bigcommerce:Coupon", id: String(seeded.coupons[0]) },
        { type: "pulumi-nodejs:dynamic/bigcommerce:Banner", id: String(seeded.banners[2]) },
        { type: "pulumi-nodejs:dynamic/bigcommerce:Promotion", id: String(welcome) },
        { type: "pulumi-nodejs:dynamic/bigcommerce:BulkCouponCodes", id: "batch", outputs: { codeIds: generated } },
      ],
    });
    expect(skip).toEqual({
      coupons: new Set([seeded.coupons[0]]),
      banners: new Set([seeded.banners[2]]),
      promotions: new Set([welcome]),
      couponCodes: new Set(generated),
    });
    const { text: partial, exported } = await exportStore(client, { skip });
    const ids = (section: Section) => exported.entries.filter((e) => e.section === section).map((e) => e.id);
    expect(ids("coupons")).toEqual(seeded.coupons.slice(1));
    expect(ids("banners")).toEqual(seeded.banners.filter((b) => b !== seeded.banners[2]));
    expect(ids("promotions")).toEqual(seeded.promotions.filter((p) => p !== welcome));
    // the welcome promotion's three codes and the batch's four generated codes are not written
    expect(ids("couponCodes")).toHaveLength(seeded.codes.length - 7);
    expect(exported.notes).toEqual({
      coupons: ["1 object of this kind already managed by the stack is left out."],
      banners: ["1 object of this kind already managed by the stack is left out."],
      promotions: ["1 object of this kind already managed by the stack is left out."],
      couponCodes: [
        "4 objects of this kind already managed by the stack are left out.",
        "3 codes of promotions the stack already manages are left out (WELCOME10, HELLO10, HI10): declare them next to their promotions.",
      ],
    });
    expect(partial).toMatch(/# 3 codes of promotions the stack already manages are left out/);
    expect(exported.warnings).toEqual([]);
  });

  test("uses are told in comments, not declared", () => {
    expect(text).toMatch(/# used 37 times\n\s+spring15:/);
    expect(text).toMatch(/# used 12 times\n\s+5-off-orders-over-50:/);
    expect(text).toMatch(/# used 3 times\n\s+welcome10:/);
    expect(text).not.toMatch(/numUses|currentUses/);
  });

  test("a YAML 1.1 reader reads the same values (dates and flag-like words are quoted)", () => {
    expect(YAML.parse(text, { version: "1.1" })).toEqual(parsed);
    expect(text).toMatch(/dateFrom: "2026-01-15T00:00:00Z"/);
  });
});

describe("export of what the resources cannot declare as the store holds it", () => {
  let store: LocalStore;
  let client: BigCommerceClient;

  beforeAll(async () => {
    ({ store, client } = await storeAndClient());
  });
  afterAll(async () => {
    await store?.close();
  });

  const admin = (collection: string, id: number, body: Props) =>
    fetch(`${store.url}/__admin/${collection}/${id}`, { method: "PATCH", body: JSON.stringify(body) });

  test("INVALID promotions, cleared applies_to, refused values and promotion coupons are reported, not hidden", async () => {
    const c1 = (await client.post<{ id: number }>("/v2/coupons", {
      name: "Cleared",
      code: "CLEARED",
      type: "per_item_discount",
      amount: "1",
      applies_to: { entity: "categories", ids: [0] },
    }))!;
    await client.put(`/v2/coupons/${c1.id}`, { amount: "2" }); // a PUT without applies_to clears it
    const c2 = (await client.post<{ id: number }>("/v2/coupons", {
      name: "Long",
      code: "LONG",
      type: "per_item_discount",
      amount: "1",
      applies_to: { entity: "categories", ids: [0] },
    }))!;
    await admin("coupons", c2.id, { name: "N".repeat(120) });
    const c3 = (await client.post<{ id: number }>("/v2/coupons", {
      name: "Promo",
      code: "PROMO-1",
      type: "per_item_discount",
      amount: "1",
      applies_to: { entity: "categories", ids: [0] },
    }))!;
    await admin("coupons", c3.id, { type: "promotion" });
    const p = (await client.post<{ data: { id: number } }>("/v3/promotions", {
      redemption_type: "AUTOMATIC",
      name: "Gone wrong",
      rules: [{ action: { cart_value: { discount: { fixed_amount: "1" } } } }],
    }))!.data;
    await admin("promotions", p.id, { status: "INVALID" });

    const { text, exported } = await exportStore(client, { outFile: "out.yaml" });
    const parsed = YAML.parse(text) as Parsed;
    expect(exported.warnings).toEqual([
      expect.stringMatching(
        /^promotions\.gone-wrong \(id \d+\): status: the store moved this promotion to INVALID .* up would set it back to ENABLED$/,
      ),
      expect.stringMatching(/^coupons\.cleared \(id \d+\): appliesTo: the store holds none .* all categories$/),
      expect.stringMatching(
        /^coupons\.long \(id \d+\): the resource refuses the store's value: name: must be at most 100 characters$/,
      ),
    ]);
    expect(parsed.promotions?.["gone-wrong"].status).toBe("ENABLED");
    expect(parsed.coupons).not.toHaveProperty("promo-1");
    expect(Object.values(parsed.coupons ?? {}).map((c) => c.adoptId)).toEqual([c1.id, c2.id]);
    expect(text).toMatch(/# 1 coupon of type "promotion" \(ids \d+\) belongs to a v3 promotion and is not exported/);
    expect(text).toMatch(/# WARNING: status: the store moved this promotion to INVALID/);
    expect(text).toMatch(/3 object\(s\) differ from what the resources can declare/);
    expect(exported.notes.coupons).toHaveLength(1);
  });

  test("a promotion deleted while the export runs is left out, not written for a failing adoption", async () => {
    await fetch(`${store.url}/__admin/reset`, { method: "POST" });
    const rules = [{ action: { cart_value: { discount: { fixed_amount: "1" } } } }];
    const kept = (await client.post<{ data: { id: number } }>("/v3/promotions", {
      redemption_type: "COUPON",
      name: "Kept",
      rules,
    }))!.data;
    const going = (await client.post<{ data: { id: number } }>("/v3/promotions", {
      redemption_type: "COUPON",
      name: "Going",
      rules,
    }))!.data;
    const get = client.get.bind(client);
    const spy = jest.spyOn(client, "get").mockImplementation(async (p: string, q?: Query) => {
      // someone deletes the promotion between the list of promotions and the list of its codes
      if (p === `/v3/promotions/${going.id}/codes`)
        store.state.data.promotions = store.state.data.promotions.filter((x) => x.id !== going.id);
      return get(p, q);
    });
    try {
      const { exported } = await exportStore(client, {});
      expect(exported.entries.map((e) => [e.section, e.id])).toEqual([["promotions", kept.id]]);
    } finally {
      spy.mockRestore();
    }
  });

  test("lists of more than 250 objects are read page by page, 250 at a time", async () => {
    await fetch(`${store.url}/__admin/reset`, { method: "POST" });
    for (let i = 0; i < 260; i++) {
      await client.post("/v2/coupons", {
        name: `C${i}`,
        code: `C${i}`,
        type: "per_item_discount",
        amount: "1",
        applies_to: { entity: "categories", ids: [0] },
      });
    }
    const before = { ...store.stats.byMethod };
    const { exported } = await exportStore(client, {});
    expect(exported.entries.filter((e) => e.section === "coupons")).toHaveLength(260);
    // two pages of coupons, one (empty) of banners, of gift certificates and of promotions
    expect((store.stats.byMethod.GET ?? 0) - (before.GET ?? 0)).toBe(5);
    expect(new Set(exported.entries.map((e) => e.key)).size).toBe(260);
  });
});
