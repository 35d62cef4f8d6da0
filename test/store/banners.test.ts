/**
 * The local store's v2 banners API, exercised over real HTTP: string forms, validation,
 * listing, updates, deletes, persistence and the admin endpoint.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalStore, startLocalStore } from "../../store/server";
import { useFakeClock } from "../fake-clock";
import { adminCall, expectV2Error, v2Caller } from "./http";

const TOKEN = "test-token-banners";
const HASH = "abc123";

const call = v2Caller(TOKEN, HASH);

// 2026-12-01T00:00:00Z and 2026-12-31T23:59:59Z
const DEC_1 = "1796083200";
const DEC_31 = "1798761599";

let seq = 0;
function bannerBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  seq++;
  return {
    name: `Banner ${seq}`,
    content: `<p>Banner ${seq}</p>`,
    page: "home_page",
    location: "top",
    date_type: "always",
    ...over,
  };
}

/** The fake clock's time in the "created now" tests, 456 ms past a second (the store keeps whole seconds). */
const NOW = Date.UTC(2024, 2, 5, 10, 20, 30, 456);
afterEach(() => jest.useRealTimers());

describe("v2 banners of the local store", () => {
  let store: LocalStore;

  beforeEach(async () => {
    store = await startLocalStore({ quota: 100_000 });
  });

  afterEach(async () => {
    await store.close();
  });

  const count = async () => (await call(store, "GET", "/banners/count")).json.count as number;

  const create = async (over: Record<string, unknown> = {}) => {
    const a = await call(store, "POST", "/banners", bannerBody(over));
    expect(a.status).toBe(200);
    return a.json as Record<string, any> & { id: number };
  };

  describe("create", () => {
    test("POST answers 200 (as the spec says) with the banner, every value but the id a string, defaults filled in", async () => {
      useFakeClock(NOW);
      const a = await call(store, "POST", "/banners", {
        name: "Sale banner",
        content: "<p>Sale! <b>Tuesday</b> at 9am</p>",
        page: "home_page",
        location: "top",
        date_type: "always",
      });
      expect(a.status).toBe(200);
      expect(a.headers.get("content-type")).toContain("application/json");
      const b = a.json;
      expect(typeof b.id).toBe("number");
      expect(b).toEqual({
        id: b.id,
        name: "Sale banner",
        content: "<p>Sale! <b>Tuesday</b> at 9am</p>",
        page: "home_page",
        item_id: "0",
        location: "top",
        date_created: b.date_created,
        date_type: "always",
        date_from: "0",
        date_to: "0",
        visible: "1",
      });
      expect(b.date_created).toMatch(/^\d+$/);
      expect(b.date_created).toBe(String(Math.floor(NOW / 1000))); // the fake clock's now
    });

    test("a custom-dated, hidden category banner keeps its strings: dates, visible and item_id", async () => {
      const b = await create({
        page: "category_page",
        item_id: "23",
        date_type: "custom",
        date_from: DEC_1,
        date_to: DEC_31,
        visible: "0",
        location: "bottom",
      });
      expect(b).toMatchObject({
        page: "category_page",
        item_id: "23",
        date_type: "custom",
        date_from: DEC_1,
        date_to: DEC_31,
        visible: "0",
        location: "bottom",
      });
      expect((await call(store, "GET", `/banners/${b.id}`)).json).toEqual(b);
    });

    test("leading zeros of numeric strings are dropped, as the store keeps numbers", async () => {
      const b = await create({ page: "brand_page", item_id: "007" });
      expect(b.item_id).toBe("7");
    });

    test.each(["name", "content", "page", "location", "date_type"])(
      "POST without the required field %s is refused with a v2 400 naming it",
      async (field) => {
        const body = bannerBody();
        delete body[field];
        const a = await call(store, "POST", "/banners", body);
        expectV2Error(a, 400, `'${field}'`);
        expect(await count()).toBe(0);
      },
    );

    test.each<[string, Record<string, unknown>, string]>([
      ["an empty name", { name: "" }, "name"],
      ["a blank content", { content: "   " }, "content"],
      ["a non-string content", { content: 5 }, "content"],
      ["an unknown page", { page: "product_page" }, "page"],
      ["an unknown location", { location: "middle" }, "location"],
      ["an unknown date_type", { date_type: "sometimes" }, "date_type"],
      ["a boolean visible", { visible: true }, "visible"],
      ["a numeric visible", { visible: 1 }, "visible"],
      ["visible as yes", { visible: "yes" }, "visible"],
      ["a numeric item_id", { page: "category_page", item_id: 23 }, "item_id"],
      ["a negative item_id", { page: "category_page", item_id: "-3" }, "item_id"],
      ["an ISO date_from", { date_type: "custom", date_from: "2026-12-01", date_to: DEC_31 }, "date_from"],
      [
        "an RFC 2822 date_to",
        { date_type: "custom", date_from: DEC_1, date_to: "Thu, 31 Dec 2026 23:59:59 +0000" },
        "date_to",
      ],
      ["a numeric date_from", { date_type: "custom", date_from: Number(DEC_1), date_to: DEC_31 }, "date_from"],
      ["a custom banner without date_from", { date_type: "custom", date_to: DEC_31 }, "date_from"],
      ["a custom banner without date_to", { date_type: "custom", date_from: DEC_1 }, "date_to"],
      [
        "a custom banner whose date_to is before date_from",
        { date_type: "custom", date_from: DEC_31, date_to: DEC_1 },
        "date_to",
      ],
      ["a custom banner whose dates are equal", { date_type: "custom", date_from: DEC_1, date_to: DEC_1 }, "date_to"],
      ["an unknown field", { colour: "red" }, "colour"],
    ])("POST with %s is refused with a v2 400 naming the field", async (_what, over, field) => {
      const a = await call(store, "POST", "/banners", bannerBody(over));
      expectV2Error(a, 400, `'${field}'`);
      expect(await count()).toBe(0);
    });

    test.each<[string, unknown]>([
      ["id", 99],
      ["date_created", "1522169082"],
    ])("POST with the read-only field %s is refused with a v2 400 naming it", async (field, value) => {
      const a = await call(store, "POST", "/banners", bannerBody({ [field]: value }));
      expectV2Error(a, 400, `'${field}'`);
      expect(a.json[0].message).toMatch(/read-only/i);
      expect(await count()).toBe(0);
    });

    test("a refused create does not use up an id", async () => {
      await call(store, "POST", "/banners", bannerBody({ page: "nowhere" }));
      const a = await create();
      const b = await create();
      expect(b.id).toBe(a.id + 1);
      expect(a.id).toBe(1);
    });

    test("a body that is not a JSON object is refused with a v2 400", async () => {
      expectV2Error(await call(store, "POST", "/banners", [bannerBody()]), 400);
      expect(await count()).toBe(0);
    });
  });

  describe("read one and count", () => {
    test("GET /banners/{id} returns the stored banner", async () => {
      const b = await create({ name: "Readable" });
      const a = await call(store, "GET", `/banners/${b.id}`);
      expect(a.status).toBe(200);
      expect(a.json).toEqual(b);
    });

    test("GET, PUT and DELETE of an unknown id answer a v2 404", async () => {
      await create();
      expectV2Error(await call(store, "GET", "/banners/9999"), 404);
      expectV2Error(await call(store, "GET", "/banners/not-a-number"), 404);
      expectV2Error(await call(store, "PUT", "/banners/9999", { name: "x" }), 404);
      expectV2Error(await call(store, "DELETE", "/banners/9999"), 404);
      expect(await count()).toBe(1);
    });

    test("GET /banners/count counts the banners", async () => {
      expect((await call(store, "GET", "/banners/count")).json).toEqual({ count: 0 });
      await create();
      await create();
      const a = await call(store, "GET", "/banners/count");
      expect(a.status).toBe(200);
      expect(a.json).toEqual({ count: 2 });
    });

    test("a method the API does not have answers a v2 405", async () => {
      expectV2Error(await call(store, "PATCH", "/banners"), 405);
      expectV2Error(await call(store, "POST", "/banners/count", {}), 405);
    });
  });

  describe("list", () => {
    test("an empty list answers 204 with an empty body", async () => {
      const a = await call(store, "GET", "/banners");
      expect(a.status).toBe(204);
      expect(a.text).toBe("");
    });

    test("the list is sorted by id whatever the stored order", async () => {
      const ids = [(await create()).id, (await create()).id, (await create()).id];
      store.state.data.banners.reverse();
      const a = await call(store, "GET", "/banners");
      expect(a.status).toBe(200);
      expect(a.json.map((b: { id: number }) => b.id)).toEqual(ids);
    });

    test("filters by min_id and max_id, inclusive; a filter that is no number is a v2 400 naming it", async () => {
      const ids: number[] = [];
      for (let i = 0; i < 5; i++) ids.push((await create()).id);
      const got = async (query: string) => {
        const r = await call(store, "GET", `/banners?${query}`);
        return r.status === 204 ? [] : r.json.map((x: { id: number }) => x.id);
      };
      expect(await got(`min_id=${ids[2]}`)).toEqual(ids.slice(2));
      expect(await got(`max_id=${ids[1]}`)).toEqual(ids.slice(0, 2));
      expect(await got(`min_id=${ids[1]}&max_id=${ids[3]}`)).toEqual(ids.slice(1, 4));
      expect(await got(`min_id=${ids[4] + 1}`)).toEqual([]);
      expectV2Error(await call(store, "GET", "/banners?min_id=abc"), 400, "'min_id'");
    });

    test("page and limit cut the sorted list into pages; a page past the end is 204 with an empty body", async () => {
      const ids: number[] = [];
      for (let i = 0; i < 5; i++) ids.push((await create()).id);
      const page = async (p: number) => call(store, "GET", `/banners?limit=2&page=${p}`);
      expect((await page(1)).json.map((b: { id: number }) => b.id)).toEqual(ids.slice(0, 2));
      expect((await page(2)).json.map((b: { id: number }) => b.id)).toEqual(ids.slice(2, 4));
      expect((await page(3)).json.map((b: { id: number }) => b.id)).toEqual(ids.slice(4));
      const past = await page(4);
      expect(past.status).toBe(204);
      expect(past.text).toBe("");
    });

    test("limit above 250 or below 1 is refused with a v2 400 naming limit", async () => {
      await create();
      expect((await call(store, "GET", "/banners?limit=250")).status).toBe(200);
      expectV2Error(await call(store, "GET", "/banners?limit=251"), 400, "'limit'");
      expectV2Error(await call(store, "GET", "/banners?limit=0"), 400, "'limit'");
      expectV2Error(await call(store, "GET", "/banners?page=0"), 400, "'page'");
    });
  });

  describe("update", () => {
    test("PUT changes the given fields and keeps the others, id and date_created included", async () => {
      const b = await create({ name: "Before", location: "bottom" });
      const a = await call(store, "PUT", `/banners/${b.id}`, { name: "After", visible: "0" });
      expect(a.status).toBe(200);
      expect(a.json).toEqual({ ...b, name: "After", visible: "0" });
      expect((await call(store, "GET", `/banners/${b.id}`)).json).toEqual(a.json);
    });

    test("PUT can switch a banner to custom dates and back to always with dates cleared", async () => {
      const b = await create();
      const custom = await call(store, "PUT", `/banners/${b.id}`, {
        date_type: "custom",
        date_from: DEC_1,
        date_to: DEC_31,
      });
      expect(custom.json).toMatchObject({ date_type: "custom", date_from: DEC_1, date_to: DEC_31 });
      const always = await call(store, "PUT", `/banners/${b.id}`, {
        date_type: "always",
        date_from: "0",
        date_to: "0",
      });
      expect(always.json).toMatchObject({ date_type: "always", date_from: "0", date_to: "0" });
    });

    test("PUT is checked against the banner it produces: custom without dates is refused and changes nothing", async () => {
      const b = await create();
      expectV2Error(await call(store, "PUT", `/banners/${b.id}`, { date_type: "custom" }), 400, "'date_from'");
      const custom = await create({ date_type: "custom", date_from: DEC_1, date_to: DEC_31 });
      expectV2Error(await call(store, "PUT", `/banners/${custom.id}`, { date_to: "1796083199" }), 400, "'date_to'");
      expect((await call(store, "GET", `/banners/${b.id}`)).json).toEqual(b);
      expect((await call(store, "GET", `/banners/${custom.id}`)).json).toEqual(custom);
    });

    test.each<[string, unknown]>([
      ["id", 42],
      ["date_created", "1522169082"],
    ])(
      "PUT with the read-only field %s is refused with a v2 400 naming it and changes nothing",
      async (field, value) => {
        const b = await create({ name: "Untouched" });
        const a = await call(store, "PUT", `/banners/${b.id}`, { name: "Touched", [field]: value });
        expectV2Error(a, 400, `'${field}'`);
        expect(a.json[0].message).toMatch(/read-only/i);
        expect((await call(store, "GET", `/banners/${b.id}`)).json).toEqual(b);
      },
    );

    test("PUT with an invalid value is refused naming the field and changes nothing", async () => {
      const b = await create();
      expectV2Error(await call(store, "PUT", `/banners/${b.id}`, { name: "New", visible: false }), 400, "'visible'");
      expect((await call(store, "GET", `/banners/${b.id}`)).json).toEqual(b);
    });
  });

  describe("delete", () => {
    test("DELETE /banners/{id} answers 204 with an empty body, then GET is 404 and the others remain", async () => {
      const a = await create();
      const b = await create();
      const del = await call(store, "DELETE", `/banners/${a.id}`);
      expect(del.status).toBe(204);
      expect(del.text).toBe("");
      expectV2Error(await call(store, "GET", `/banners/${a.id}`), 404);
      expect((await call(store, "GET", `/banners/${b.id}`)).status).toBe(200);
      expect(await count()).toBe(1);
    });

    test("DELETE /banners deletes every banner and nothing else", async () => {
      for (let i = 0; i < 3; i++) await create();
      store.state.data.coupons.push({ id: 1, name: "a coupon" });
      const del = await call(store, "DELETE", "/banners");
      expect(del.status).toBe(204);
      expect(await count()).toBe(0);
      expect((await call(store, "GET", "/banners")).status).toBe(204);
      expect(store.state.data.coupons).toHaveLength(1);
    });

    test("ids are not reused after a delete", async () => {
      const a = await create();
      await call(store, "DELETE", `/banners/${a.id}`);
      expect((await create()).id).toBe(a.id + 1);
    });
  });

  describe("admin endpoints", () => {
    test("PATCH /__admin/banners/{id} edits the raw banner, which GET then returns", async () => {
      const b = await create();
      const p = await adminCall(store, "PATCH", `/banners/${b.id}`, { visible: "0", content: "<p>edited</p>" });
      expect(p.status).toBe(200);
      expect((await call(store, "GET", `/banners/${b.id}`)).json).toEqual({
        ...b,
        visible: "0",
        content: "<p>edited</p>",
      });
    });

    test("PATCH /__admin/banners/{id} of an unknown banner is 404", async () => {
      expect((await adminCall(store, "PATCH", "/banners/9999", { visible: "0" })).status).toBe(404);
    });

    test("POST /__admin/reset empties the banners", async () => {
      await create();
      expect((await adminCall(store, "POST", "/reset")).status).toBe(204);
      expect(await count()).toBe(0);
    });
  });

  test("banner requests need a token and count against the quota like any other", async () => {
    const small = await startLocalStore({ quota: 2 });
    try {
      const noToken = await fetch(`${small.url}/stores/${HASH}/v2/banners`);
      expect(noToken.status).toBe(401);
      await noToken.text();
      expect((await call(small, "GET", "/banners")).status).toBe(204);
      expect((await call(small, "GET", "/banners/count")).status).toBe(200);
      const limited = await call(small, "GET", "/banners");
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("x-retry-after"))).toBeGreaterThan(0);
    } finally {
      await small.close();
    }
  });
});

describe("banners in a dataFile", () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "bc-store-banners-"));
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("a second store started on the same file sees the banners of the first and continues their ids", async () => {
    const file = path.join(dir, "data.json");
    const first = await startLocalStore({ dataFile: file });
    let created: Record<string, unknown> & { id: number };
    try {
      const a = await call(first, "POST", "/banners", bannerBody({ name: "Persisted" }));
      expect(a.status).toBe(200);
      created = a.json;
    } finally {
      await first.close();
    }
    const second = await startLocalStore({ dataFile: file });
    try {
      expect((await call(second, "GET", `/banners/${created.id}`)).json).toEqual(created);
      const next = await call(second, "POST", "/banners", bannerBody());
      expect(next.json.id).toBe(created.id + 1);
    } finally {
      await second.close();
    }
  });
});
