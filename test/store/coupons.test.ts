/**
 * The local store's v2 coupons API, exercised over real HTTP: formats, validation, uniqueness,
 * listing, updates, deletes, persistence and the admin endpoints.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalStore, startLocalStore } from "../../store/server";
import { useFakeClock } from "../fake-clock";
import { adminCall, expectV2Error, v2Caller } from "./http";

const TOKEN = "test-token-coupons";
const HASH = "abc123";

const call = v2Caller(TOKEN, HASH);

const RFC2822_GMT =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$/;

let seq = 0;
function couponBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  seq++;
  return {
    name: `Coupon ${seq}`,
    code: `CODE-${seq}`,
    type: "per_total_discount",
    amount: "5",
    applies_to: { entity: "categories", ids: [0] },
    ...over,
  };
}

/** The fake clock's time in the "created now" tests, 456 ms past a second (the store keeps whole seconds). */
const NOW = Date.UTC(2024, 2, 5, 10, 20, 30, 456);
afterEach(() => jest.useRealTimers());

describe("v2 coupons of the local store", () => {
  let store: LocalStore;

  beforeEach(async () => {
    store = await startLocalStore({ quota: 100_000 });
  });

  afterEach(async () => {
    await store.close();
  });

  const create = async (over: Record<string, unknown> = {}) => {
    const a = await call(store, "POST", "/coupons", couponBody(over));
    expect(a.status).toBe(201);
    return a.json as Record<string, any> & { id: number };
  };

  describe("create", () => {
    test("POST answers 201 with the coupon, amounts as strings with four decimals and defaults filled in", async () => {
      useFakeClock(NOW);
      const a = await call(store, "POST", "/coupons", {
        name: "Five off",
        code: "FIVE_OFF 1-a",
        type: "per_total_discount",
        amount: "5",
        applies_to: { entity: "products", ids: [3, 7] },
      });
      expect(a.status).toBe(201);
      expect(a.headers.get("content-type")).toContain("application/json");
      const c = a.json;
      expect(typeof c.id).toBe("number");
      expect(c).toMatchObject({
        name: "Five off",
        code: "FIVE_OFF 1-a",
        type: "per_total_discount",
        amount: "5.0000",
        min_purchase: "0.0000",
        expires: "",
        enabled: true,
        num_uses: 0,
        max_uses: 0,
        max_uses_per_customer: 0,
        applies_to: { entity: "products", ids: [3, 7] },
      });
      expect(c.date_created).toMatch(RFC2822_GMT);
      expect(c.date_created).toBe("Tue, 05 Mar 2024 10:20:30 +0000"); // the fake clock's now
    });

    test("numeric and decimal amounts are stored as four-decimal strings", async () => {
      const c = await create({ amount: 12.5, min_purchase: "25.125" });
      expect(c.amount).toBe("12.5000");
      expect(c.min_purchase).toBe("25.1250");
    });

    test("expires given in RFC 2822 with another zone comes back in GMT (+0000)", async () => {
      const c = await create({ expires: "Tue, 30 Jun 2026 10:15:00 +0200" });
      expect(c.expires).toBe("Tue, 30 Jun 2026 08:15:00 +0000");
      const again = await call(store, "GET", `/coupons/${c.id}`);
      expect(again.json.expires).toBe("Tue, 30 Jun 2026 08:15:00 +0000");
    });

    test("expires can be cleared again with an empty string on PUT", async () => {
      const c = await create({ expires: "Wed, 01 Jul 2026 00:00:00 +0000" });
      const a = await call(store, "PUT", `/coupons/${c.id}`, { expires: "", applies_to: c.applies_to });
      expect(a.status).toBe(200);
      expect(a.json.expires).toBe("");
    });

    test.each(["name", "code", "type", "amount", "applies_to"])(
      "POST without the required field %s is refused with a v2 400 naming it",
      async (field) => {
        const body = couponBody();
        delete body[field];
        const a = await call(store, "POST", "/coupons", body);
        expectV2Error(a, 400, `'${field}'`);
        expect((await call(store, "GET", "/coupons/count")).json.count).toBe(0);
      },
    );

    test.each<[string, Record<string, unknown>, string]>([
      ["a code with a forbidden character", { code: "TEN%OFF" }, "code"],
      ["a code with a dot", { code: "TEN.OFF" }, "code"],
      ["a code longer than 50 characters", { code: "C".repeat(51) }, "code"],
      ["an empty code", { code: "" }, "code"],
      ["a name longer than 100 characters", { name: "N".repeat(101) }, "name"],
      ["an unknown type", { type: "half_price" }, "type"],
      ["the type promotion", { type: "promotion" }, "type"],
      ["a percentage discount over 100", { type: "percentage_discount", amount: "100.01" }, "amount"],
      ["a negative amount", { amount: "-5" }, "amount"],
      ["a negative numeric amount", { amount: -5 }, "amount"],
      ["a non-numeric amount", { amount: "five" }, "amount"],
      ["a non-numeric min_purchase", { min_purchase: "lots" }, "min_purchase"],
      ["an ISO date as expires", { expires: "2026-01-01" }, "expires"],
      ["an ISO date-time as expires", { expires: "2026-01-01T00:00:00Z" }, "expires"],
      ["applies_to with an unknown entity", { applies_to: { entity: "brands", ids: [1] } }, "applies_to"],
      ["a non-boolean enabled", { enabled: "yes" }, "enabled"],
      ["a negative max_uses", { max_uses: -1 }, "max_uses"],
      ["an unknown field", { colour: "red" }, "colour"],
    ])("POST with %s is refused with a v2 400 naming the field", async (_what, over, field) => {
      const a = await call(store, "POST", "/coupons", couponBody(over));
      expectV2Error(a, 400, `'${field}'`);
      expect((await call(store, "GET", "/coupons/count")).json.count).toBe(0);
    });

    test("the limits themselves are accepted: code of 50, name of 100, percentage of exactly 100", async () => {
      const c = await create({
        code: "C".repeat(50),
        name: "N".repeat(100),
        type: "percentage_discount",
        amount: "100",
      });
      expect(c.code).toHaveLength(50);
      expect(c.name).toHaveLength(100);
      expect(c.amount).toBe("100.0000");
    });

    test("a per-total discount may be above 100 (the 100 cap is for percentages only)", async () => {
      const c = await create({ type: "per_total_discount", amount: "250" });
      expect(c.amount).toBe("250.0000");
    });

    test.each<[string, unknown]>([
      ["id", 99],
      ["num_uses", 3],
      ["date_created", "Tue, 13 Mar 2018 16:18:59 +0000"],
    ])("POST with the read-only field %s is refused with a v2 400 naming it", async (field, value) => {
      const a = await call(store, "POST", "/coupons", couponBody({ [field]: value }));
      expectV2Error(a, 400, `'${field}'`);
      expect(a.json[0].message).toMatch(/read-only/i);
      expect((await call(store, "GET", "/coupons/count")).json.count).toBe(0);
    });

    test("a body that is not valid JSON is refused with a v2 400", async () => {
      const res = await fetch(`${store.url}/stores/${HASH}/v2/coupons`, {
        method: "POST",
        headers: { "X-Auth-Token": TOKEN, "Content-Type": "application/json" },
        body: "{not json",
      });
      expect(res.status).toBe(400);
      const json = (await res.json()) as Array<{ status: number }>;
      expect(Array.isArray(json)).toBe(true);
      expect(json[0].status).toBe(400);
    });

    test("a body sent without a JSON content type is refused with 415", async () => {
      const res = await fetch(`${store.url}/stores/${HASH}/v2/coupons`, {
        method: "POST",
        headers: { "X-Auth-Token": TOKEN, "Content-Type": "text/plain" },
        body: JSON.stringify(couponBody()),
      });
      expect(res.status).toBe(415);
      await res.text();
      expect((await call(store, "GET", "/coupons/count")).json.count).toBe(0);
    });
  });

  describe("uniqueness", () => {
    test("a second coupon with the same name is refused with a v2 409 and not stored", async () => {
      await create({ name: "Same name", code: "ONE" });
      const a = await call(store, "POST", "/coupons", couponBody({ name: "Same name", code: "TWO" }));
      expectV2Error(a, 409, "Same name");
      expect(a.json[0].message).toMatch(/name/);
      expect((await call(store, "GET", "/coupons/count")).json.count).toBe(1);
    });

    test("a second coupon with the same code is refused with a v2 409 and not stored", async () => {
      await create({ name: "First", code: "SAMECODE" });
      const a = await call(store, "POST", "/coupons", couponBody({ name: "Second", code: "SAMECODE" }));
      expectV2Error(a, 409, "SAMECODE");
      expect(a.json[0].message).toMatch(/code/);
      expect((await call(store, "GET", "/coupons/count")).json.count).toBe(1);
    });

    test("updating a coupon while keeping its own name and code is accepted", async () => {
      const c = await create({ name: "Keep me", code: "KEEPME" });
      const a = await call(store, "PUT", `/coupons/${c.id}`, {
        name: "Keep me",
        code: "KEEPME",
        amount: "7",
        applies_to: c.applies_to,
      });
      expect(a.status).toBe(200);
      expect(a.json).toMatchObject({ id: c.id, name: "Keep me", code: "KEEPME", amount: "7.0000" });
    });

    test("renaming a coupon to the name or code of another one is refused with 409 and changes nothing", async () => {
      await create({ name: "Taken", code: "TAKEN" });
      const c = await create({ name: "Mine", code: "MINE" });
      expectV2Error(
        await call(store, "PUT", `/coupons/${c.id}`, { name: "Taken", applies_to: c.applies_to }),
        409,
        "Taken",
      );
      expectV2Error(
        await call(store, "PUT", `/coupons/${c.id}`, { code: "TAKEN", applies_to: c.applies_to }),
        409,
        "TAKEN",
      );
      const now = await call(store, "GET", `/coupons/${c.id}`);
      expect(now.json).toMatchObject({ name: "Mine", code: "MINE", applies_to: c.applies_to });
    });
  });

  describe("read one and count", () => {
    test("GET /coupons/{id} returns the stored coupon", async () => {
      const c = await create({ name: "Readable" });
      const a = await call(store, "GET", `/coupons/${c.id}`);
      expect(a.status).toBe(200);
      expect(a.json).toEqual(c);
    });

    test("GET of an unknown id answers a v2 404", async () => {
      await create();
      expectV2Error(await call(store, "GET", "/coupons/9999"), 404);
      expectV2Error(await call(store, "GET", "/coupons/not-a-number"), 404);
    });

    test("PUT and DELETE of an unknown id answer a v2 404", async () => {
      expectV2Error(await call(store, "PUT", "/coupons/9999", { name: "x" }), 404);
      expectV2Error(await call(store, "DELETE", "/coupons/9999"), 404);
    });

    test("GET /coupons/count counts the coupons", async () => {
      expect((await call(store, "GET", "/coupons/count")).json).toEqual({ count: 0 });
      await create();
      await create();
      await create();
      const a = await call(store, "GET", "/coupons/count");
      expect(a.status).toBe(200);
      expect(a.json).toEqual({ count: 3 });
    });
  });

  describe("list", () => {
    test("an empty list answers 204 with an empty body", async () => {
      const a = await call(store, "GET", "/coupons");
      expect(a.status).toBe(204);
      expect(a.text).toBe("");
    });

    test("the list is sorted by id whatever the stored order", async () => {
      const ids = [(await create()).id, (await create()).id, (await create()).id];
      store.state.data.coupons.reverse();
      const a = await call(store, "GET", "/coupons");
      expect(a.status).toBe(200);
      expect(a.json.map((c: { id: number }) => c.id)).toEqual([...ids].sort((x, y) => x - y));
    });

    test("filters by code, name, type, exclude_type and id", async () => {
      const a = await create({ name: "Alpha", code: "ALPHA", type: "per_item_discount" });
      const b = await create({ name: "Beta", code: "BETA", type: "free_shipping" });
      const c = await create({ name: "Gamma", code: "GAMMA", type: "per_item_discount" });
      const ids = async (query: string) => {
        const r = await call(store, "GET", `/coupons?${query}`);
        if (r.status === 204) return [];
        expect(r.status).toBe(200);
        return r.json.map((x: { id: number }) => x.id);
      };
      expect(await ids("code=BETA")).toEqual([b.id]);
      expect(await ids("name=Gamma")).toEqual([c.id]);
      expect(await ids("type=per_item_discount")).toEqual([a.id, c.id]);
      expect(await ids("exclude_type=per_item_discount")).toEqual([b.id]);
      expect(await ids(`id=${b.id}`)).toEqual([b.id]);
      expect(await ids("code=NOPE")).toEqual([]);
      expect(await ids("type=per_item_discount&name=Alpha")).toEqual([a.id]);
    });

    test("filters by min_id and max_id, inclusive", async () => {
      const ids: number[] = [];
      for (let i = 0; i < 5; i++) ids.push((await create()).id);
      const got = async (query: string) =>
        (await call(store, "GET", `/coupons?${query}`)).json.map((x: { id: number }) => x.id);
      expect(await got(`min_id=${ids[2]}`)).toEqual(ids.slice(2));
      expect(await got(`max_id=${ids[1]}`)).toEqual(ids.slice(0, 2));
      expect(await got(`min_id=${ids[1]}&max_id=${ids[3]}`)).toEqual(ids.slice(1, 4));
    });

    test("page and limit cut the sorted list into pages; a page past the end is 204 with an empty body", async () => {
      const ids: number[] = [];
      for (let i = 0; i < 5; i++) ids.push((await create()).id);
      const page = async (p: number) => call(store, "GET", `/coupons?limit=2&page=${p}`);
      expect((await page(1)).json.map((c: { id: number }) => c.id)).toEqual(ids.slice(0, 2));
      expect((await page(2)).json.map((c: { id: number }) => c.id)).toEqual(ids.slice(2, 4));
      expect((await page(3)).json.map((c: { id: number }) => c.id)).toEqual(ids.slice(4));
      const past = await page(4);
      expect(past.status).toBe(204);
      expect(past.text).toBe("");
    });

    test("without limit a page holds 50 coupons", async () => {
      for (let i = 0; i < 51; i++) await create();
      const first = await call(store, "GET", "/coupons");
      expect(first.json).toHaveLength(50);
      const second = await call(store, "GET", "/coupons?page=2");
      expect(second.json).toHaveLength(1);
    });

    test("limit up to 250 is accepted, above 250 is refused with a v2 400 naming limit", async () => {
      await create();
      expect((await call(store, "GET", "/coupons?limit=250")).status).toBe(200);
      expectV2Error(await call(store, "GET", "/coupons?limit=251"), 400, "'limit'");
      expectV2Error(await call(store, "GET", "/coupons?limit=0"), 400, "'limit'");
      expectV2Error(await call(store, "GET", "/coupons?page=0"), 400, "'page'");
    });
  });

  describe("update", () => {
    test("PUT changes the given fields and keeps the others", async () => {
      const c = await create({ name: "Before", min_purchase: "10", max_uses: 4 });
      const a = await call(store, "PUT", `/coupons/${c.id}`, { name: "After", amount: 8, applies_to: c.applies_to });
      expect(a.status).toBe(200);
      expect(a.json).toMatchObject({
        id: c.id,
        name: "After",
        amount: "8.0000",
        code: c.code,
        min_purchase: "10.0000",
        max_uses: 4,
        date_created: c.date_created,
      });
    });

    test("PUT without applies_to clears it (null afterwards)", async () => {
      const c = await create({ applies_to: { entity: "products", ids: [4, 5] } });
      const a = await call(store, "PUT", `/coupons/${c.id}`, { name: "No scope now" });
      expect(a.status).toBe(200);
      expect(a.json.applies_to).toBeNull();
      expect((await call(store, "GET", `/coupons/${c.id}`)).json.applies_to).toBeNull();
    });

    test("PUT with applies_to keeps it, and restores it after it was cleared", async () => {
      const c = await create({ applies_to: { entity: "products", ids: [4, 5] } });
      const kept = await call(store, "PUT", `/coupons/${c.id}`, {
        amount: "6",
        applies_to: { entity: "products", ids: [4, 5] },
      });
      expect(kept.json.applies_to).toEqual({ entity: "products", ids: [4, 5] });
      await call(store, "PUT", `/coupons/${c.id}`, { amount: "6" });
      const restored = await call(store, "PUT", `/coupons/${c.id}`, { applies_to: { entity: "categories", ids: [9] } });
      expect(restored.json.applies_to).toEqual({ entity: "categories", ids: [9] });
      expect((await call(store, "GET", `/coupons/${c.id}`)).json.applies_to).toEqual({
        entity: "categories",
        ids: [9],
      });
    });

    test.each<[string, unknown]>([
      ["id", 42],
      ["num_uses", 5],
      ["date_created", "Tue, 13 Mar 2018 16:18:59 +0000"],
    ])(
      "PUT with the read-only field %s is refused with a v2 400 naming it and changes nothing",
      async (field, value) => {
        const c = await create({ name: "Untouched" });
        const a = await call(store, "PUT", `/coupons/${c.id}`, {
          name: "Touched",
          applies_to: c.applies_to,
          [field]: value,
        });
        expectV2Error(a, 400, `'${field}'`);
        expect(a.json[0].message).toMatch(/read-only/i);
        expect((await call(store, "GET", `/coupons/${c.id}`)).json).toEqual(c);
      },
    );

    test("PUT that makes a percentage discount exceed 100 is refused naming amount", async () => {
      const c = await create({ type: "per_total_discount", amount: "150" });
      const a = await call(store, "PUT", `/coupons/${c.id}`, { type: "percentage_discount", applies_to: c.applies_to });
      expectV2Error(a, 400, "'amount'");
      expect((await call(store, "GET", `/coupons/${c.id}`)).json.type).toBe("per_total_discount");
    });
  });

  describe("delete", () => {
    test("DELETE /coupons/{id} answers 204 with an empty body, then GET is 404 and the others remain", async () => {
      const a = await create();
      const b = await create();
      const del = await call(store, "DELETE", `/coupons/${a.id}`);
      expect(del.status).toBe(204);
      expect(del.text).toBe("");
      expectV2Error(await call(store, "GET", `/coupons/${a.id}`), 404);
      expect((await call(store, "GET", `/coupons/${b.id}`)).status).toBe(200);
    });

    test("DELETE /coupons?id:in=... deletes only the listed coupons", async () => {
      const ids: number[] = [];
      for (let i = 0; i < 4; i++) ids.push((await create()).id);
      const del = await call(store, "DELETE", `/coupons?id:in=${ids[0]},${ids[2]}`);
      expect(del.status).toBe(204);
      const left = await call(store, "GET", "/coupons");
      expect(left.json.map((c: { id: number }) => c.id)).toEqual([ids[1], ids[3]]);
    });

    test("DELETE /coupons without a filter deletes every coupon", async () => {
      for (let i = 0; i < 3; i++) await create();
      const del = await call(store, "DELETE", "/coupons");
      expect(del.status).toBe(204);
      expect((await call(store, "GET", "/coupons/count")).json.count).toBe(0);
      expect((await call(store, "GET", "/coupons")).status).toBe(204);
    });

    test("a deleted coupon's name and code can be used again", async () => {
      const c = await create({ name: "Reusable", code: "REUSE" });
      await call(store, "DELETE", `/coupons/${c.id}`);
      const again = await create({ name: "Reusable", code: "REUSE" });
      expect(again.id).not.toBe(c.id);
    });
  });

  describe("admin endpoints", () => {
    test("PATCH /__admin/coupons/{id} sets num_uses, which GET then returns", async () => {
      const c = await create();
      const p = await adminCall(store, "PATCH", `/coupons/${c.id}`, { num_uses: 7 });
      expect(p.status).toBe(200);
      expect(p.json.num_uses).toBe(7);
      expect((await call(store, "GET", `/coupons/${c.id}`)).json.num_uses).toBe(7);
    });

    test("PATCH /__admin/coupons/{id} of an unknown coupon is 404", async () => {
      expect((await adminCall(store, "PATCH", "/coupons/9999", { num_uses: 1 })).status).toBe(404);
    });

    test("POST /__admin/reset empties the store", async () => {
      await create();
      await create();
      const r = await adminCall(store, "POST", "/reset");
      expect(r.status).toBe(204);
      expect((await call(store, "GET", "/coupons/count")).json.count).toBe(0);
      expect((await call(store, "GET", "/coupons")).status).toBe(204);
    });

    test("GET /__admin/stats counts API requests by method, and admin requests not at all", async () => {
      await create();
      const c = await create();
      await call(store, "GET", `/coupons/${c.id}`);
      await call(store, "GET", "/coupons");
      await call(store, "GET", "/coupons/count");
      await call(store, "PUT", `/coupons/${c.id}`, { name: "Stats" });
      await call(store, "DELETE", `/coupons/${c.id}`);
      await adminCall(store, "GET", "/health");
      const s = await adminCall(store, "GET", "/stats");
      expect(s.status).toBe(200);
      expect(s.json).toEqual({
        byMethod: { POST: 2, GET: 3, PUT: 1, DELETE: 1 },
        rateLimited: 0,
        total: 7,
        faults: { errors: 0, dropped: 0, lostResponses: 0, slowed: 0, storm429: 0 },
      });
    });

    test("POST /__admin/reset also clears the stats", async () => {
      await create();
      await adminCall(store, "POST", "/reset");
      const s = await adminCall(store, "GET", "/stats");
      expect(s.json.total).toBe(0);
      expect(s.json.byMethod).toEqual({});
    });
  });
});

describe("dataFile", () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "bc-store-"));
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("a second store started on the same file sees the coupons of the first and continues its ids", async () => {
    const file = path.join(dir, "nested", "data.json");
    const first = await startLocalStore({ dataFile: file });
    let created: Record<string, unknown> & { id: number };
    try {
      const dropped = await call(first, "POST", "/coupons", couponBody({ name: "Dropped", code: "DROPPED" }));
      expect((await call(first, "DELETE", `/coupons/${dropped.json.id}`)).status).toBe(204);
      // the last change is a create: it alone must have reached the file
      const a = await call(first, "POST", "/coupons", couponBody({ name: "Persisted", code: "PERSIST" }));
      expect(a.status).toBe(201);
      created = a.json;
    } finally {
      await first.close();
    }
    expect(fs.existsSync(file)).toBe(true);

    const second = await startLocalStore({ dataFile: file });
    try {
      const list = await call(second, "GET", "/coupons");
      expect(list.status).toBe(200);
      expect(list.json).toEqual([created]);
      const next = await call(second, "POST", "/coupons", couponBody());
      expect(next.status).toBe(201);
      expect(next.json.id).toBeGreaterThan(created.id);
    } finally {
      await second.close();
    }
  });

  test("a store without dataFile starts empty even after another one stored coupons", async () => {
    const file = path.join(dir, "data.json");
    const first = await startLocalStore({ dataFile: file });
    try {
      expect((await call(first, "POST", "/coupons", couponBody())).status).toBe(201);
    } finally {
      await first.close();
    }
    const other = await startLocalStore();
    try {
      expect((await call(other, "GET", "/coupons")).status).toBe(204);
    } finally {
      await other.close();
    }
  });
});
