/**
 * Coupon codes of the local store's v3 promotions over real HTTP: creating codes (unique in the
 * store, COUPON promotions only), cursor pagination, the delete paths, the by-code paths, bulk
 * code generation (BULK coupon promotions only) and the cap of 10 concurrent code requests.
 */
import { LocalStore, startLocalStore } from "../../store/server";
import { adminCall, expectV3Error, v3Caller } from "./http";

const call = v3Caller("test-token-codes", "codes1");

const rule = { action: { cart_value: { discount: { fixed_amount: "5" } } } };

describe("v3 promotion codes of the local store", () => {
  let store: LocalStore;

  beforeEach(async () => {
    store = await startLocalStore({ quota: 100_000 });
  });

  afterEach(async () => {
    await store.close();
  });

  const promotion = async (over: Record<string, unknown> = {}) => {
    const a = await call(store, "POST", "/promotions", {
      redemption_type: "COUPON",
      name: "Codes promo",
      rules: [rule],
      ...over,
    });
    expect(a.status).toBe(201);
    return a.json.data as Record<string, any> & { id: number };
  };

  const addCode = async (promotionId: number, code: string, over: Record<string, unknown> = {}) => {
    const a = await call(store, "POST", `/promotions/${promotionId}/codes`, { code, ...over });
    expect(a.status).toBe(201);
    return a.json.data as Record<string, any> & { id: number };
  };

  describe("create", () => {
    test("POST /codes answers {data, meta} with the code, its limits defaulting to 0 (unlimited)", async () => {
      const p = await promotion();
      const a = await call(store, "POST", `/promotions/${p.id}/codes`, { code: "SAVE 5_now-1" });
      expect(a.status).toBe(201);
      expect(a.json.meta).toEqual({});
      expect(a.json.data).toEqual({
        id: expect.any(Number),
        code: "SAVE 5_now-1",
        current_uses: 0,
        max_uses: 0,
        max_uses_per_customer: 0,
        created: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/),
      });
      const withLimits = await addCode(p.id, "LIMITED", { max_uses: 10, max_uses_per_customer: 2 });
      expect(withLimits).toMatchObject({ max_uses: 10, max_uses_per_customer: 2 });
    });

    test("a code is unique in the store, whatever its case and promotion (409)", async () => {
      const p1 = await promotion();
      const p2 = await promotion({ name: "Other" });
      await addCode(p1.id, "ONLYONCE");
      expectV3Error(await call(store, "POST", `/promotions/${p1.id}/codes`, { code: "ONLYONCE" }), 409, ["code"]);
      expectV3Error(await call(store, "POST", `/promotions/${p2.id}/codes`, { code: "onlyonce" }), 409, ["code"]);
      expectV3Error(
        await call(store, "POST", "/promotions", {
          redemption_type: "COUPON",
          name: "x",
          rules: [rule],
          codes: { code: "OnlyOnce" },
        }),
        409,
      );
      expect((await call(store, "GET", `/promotions/${p2.id}/codes`)).json.data).toEqual([]);
    });

    test("code, max_uses and max_uses_per_customer are validated (422 naming the field)", async () => {
      const p = await promotion();
      expectV3Error(await call(store, "POST", `/promotions/${p.id}/codes`, {}), 422, ["code"]);
      expectV3Error(await call(store, "POST", `/promotions/${p.id}/codes`, { code: "BAD!CODE" }), 422, ["code"]);
      expectV3Error(await call(store, "POST", `/promotions/${p.id}/codes`, { code: "X".repeat(51) }), 422, ["code"]);
      expectV3Error(await call(store, "POST", `/promotions/${p.id}/codes`, { code: "OK", max_uses: -1 }), 422, [
        "max_uses",
      ]);
      expectV3Error(
        await call(store, "POST", `/promotions/${p.id}/codes`, { code: "OK", max_uses_per_customer: "2" }),
        422,
        ["max_uses_per_customer"],
      );
      expectV3Error(
        await call(store, "POST", "/promotions", {
          redemption_type: "COUPON",
          name: "x",
          rules: [rule],
          codes: { code: "no good" + "!" },
        }),
        422,
        ["codes.code"],
      );
      expect((await call(store, "GET", `/promotions/${p.id}/codes`)).json.data).toEqual([]);
    });

    test("codes are only for COUPON promotions (405) of existing promotions (404)", async () => {
      const auto = await call(store, "POST", "/promotions", {
        redemption_type: "AUTOMATIC",
        name: "auto",
        rules: [rule],
      });
      expectV3Error(await call(store, "POST", `/promotions/${auto.json.data.id}/codes`, { code: "NOPE" }), 405);
      expectV3Error(await call(store, "POST", "/promotions/999/codes", { code: "NOPE" }), 404);
      expectV3Error(await call(store, "GET", "/promotions/999/codes"), 404);
    });

    test("a coupon promotion reports whether it has several codes", async () => {
      const p = await promotion();
      await addCode(p.id, "FIRST");
      expect((await call(store, "GET", `/promotions/${p.id}`)).json.data.multiple_codes).toEqual({
        has_multiple_codes: false,
      });
      await addCode(p.id, "SECOND");
      expect((await call(store, "GET", `/promotions/${p.id}`)).json.data.multiple_codes).toEqual({
        has_multiple_codes: true,
      });
    });
  });

  describe("cursor pagination", () => {
    test("25 codes with limit 10 come in pages of 10, 10 and 5 following the after cursor, and back with before", async () => {
      const p = await promotion();
      for (let i = 1; i <= 25; i++) await addCode(p.id, `PAGE-${String(i).padStart(2, "0")}`);
      const first = await call(store, "GET", `/promotions/${p.id}/codes?limit=10`);
      expect(first.status).toBe(200);
      expect(first.json.data.map((c: any) => c.code)).toEqual(
        Array.from({ length: 10 }, (_, i) => `PAGE-${String(i + 1).padStart(2, "0")}`),
      );
      const cp = first.json.meta.cursor_pagination;
      expect(cp).toMatchObject({
        count: 10,
        per_page: 10,
        start_cursor: expect.any(String),
        end_cursor: expect.any(String),
      });
      expect(cp.links.previous).toBeUndefined();
      expect(cp.links.next).toBe(`?limit=10&after=${cp.end_cursor}`);
      // without page or cursor both metas are present
      expect(first.json.meta.pagination).toMatchObject({
        total: 25,
        count: 10,
        per_page: 10,
        current_page: 1,
        total_pages: 3,
      });

      const second = await call(store, "GET", `/promotions/${p.id}/codes${cp.links.next}`);
      expect(second.json.data.map((c: any) => c.code)[0]).toBe("PAGE-11");
      expect(second.json.data).toHaveLength(10);
      expect(second.json.meta.pagination).toBeUndefined();
      const third = await call(
        store,
        "GET",
        `/promotions/${p.id}/codes${second.json.meta.cursor_pagination.links.next}`,
      );
      expect(third.json.data.map((c: any) => c.code)).toEqual(["PAGE-21", "PAGE-22", "PAGE-23", "PAGE-24", "PAGE-25"]);
      expect(third.json.meta.cursor_pagination.count).toBe(5);
      expect(third.json.meta.cursor_pagination.links.next).toBeUndefined();

      const back = await call(
        store,
        "GET",
        `/promotions/${p.id}/codes${third.json.meta.cursor_pagination.links.previous}`,
      );
      expect(back.json.data.map((c: any) => c.code)).toEqual(second.json.data.map((c: any) => c.code));
      const seen = [first, second, third].flatMap((a) => a.json.data.map((c: any) => c.id));
      expect(new Set(seen).size).toBe(25);
    });

    test("the deprecated page parameter gives offset pagination only; cursors and page do not mix", async () => {
      const p = await promotion();
      for (let i = 1; i <= 3; i++) await addCode(p.id, `OFF-${i}`);
      const a = await call(store, "GET", `/promotions/${p.id}/codes?page=2&limit=2`);
      expect(a.json.data.map((c: any) => c.code)).toEqual(["OFF-3"]);
      expect(a.json.meta.cursor_pagination).toBeUndefined();
      expect(a.json.meta.pagination).toMatchObject({ total: 3, current_page: 2, total_pages: 2 });
      const cursor = Buffer.from(JSON.stringify({ id: "1" })).toString("base64");
      expectV3Error(await call(store, "GET", `/promotions/${p.id}/codes?page=1&after=${cursor}`), 422, ["page"]);
      expectV3Error(await call(store, "GET", `/promotions/${p.id}/codes?before=${cursor}&after=${cursor}`), 422, [
        "before",
      ]);
      expectV3Error(await call(store, "GET", `/promotions/${p.id}/codes?after=not-a-cursor`), 422, ["after"]);
    });

    test("an empty list is 200 with no cursors, and the code filter finds one code", async () => {
      const p = await promotion();
      const empty = await call(store, "GET", `/promotions/${p.id}/codes`);
      expect(empty.status).toBe(200);
      expect(empty.json.data).toEqual([]);
      expect(empty.json.meta.cursor_pagination).toEqual({ count: 0, per_page: 50, links: {} });
      await addCode(p.id, "FINDME");
      await addCode(p.id, "OTHER");
      expect(
        (await call(store, "GET", `/promotions/${p.id}/codes?code=findme`)).json.data.map((c: any) => c.code),
      ).toEqual(["FINDME"]);
    });
  });

  describe("delete", () => {
    test("DELETE /codes/{codeId} answers 204, also for a missing code or promotion", async () => {
      const p = await promotion();
      const c = await addCode(p.id, "GONE");
      const keep = await addCode(p.id, "KEEP");
      expect((await call(store, "DELETE", `/promotions/${p.id}/codes/${c.id}`)).status).toBe(204);
      expect((await call(store, "GET", `/promotions/${p.id}/codes`)).json.data.map((x: any) => x.id)).toEqual([
        keep.id,
      ]);
      expect((await call(store, "DELETE", `/promotions/${p.id}/codes/${c.id}`)).status).toBe(204);
      expect((await call(store, "DELETE", "/promotions/999/codes/1")).status).toBe(204);
      // a code id of another promotion is not deleted through this one
      const other = await promotion({ name: "other" });
      expect((await call(store, "DELETE", `/promotions/${other.id}/codes/${keep.id}`)).status).toBe(204);
      expect((await call(store, "GET", `/promotions/${p.id}/codes`)).json.data).toHaveLength(1);
    });

    test("DELETE /codes?id:in= (or ?code=) deletes the listed codes; id:in is required and at most 50 (the developer portal's bound, stricter than the spec's 250)", async () => {
      const p = await promotion();
      const a = await addCode(p.id, "A1");
      const b = await addCode(p.id, "B1");
      const c = await addCode(p.id, "C1");
      expect((await call(store, "DELETE", `/promotions/${p.id}/codes?id:in=${a.id},${c.id}`)).status).toBe(204);
      expect((await call(store, "GET", `/promotions/${p.id}/codes`)).json.data.map((x: any) => x.id)).toEqual([b.id]);
      expect((await call(store, "DELETE", `/promotions/${p.id}/codes?code=b1`)).status).toBe(204);
      expect((await call(store, "GET", `/promotions/${p.id}/codes`)).json.data).toEqual([]);
      expectV3Error(await call(store, "DELETE", `/promotions/${p.id}/codes`), 422, ["id:in"]);
      const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1).join(",");
      expectV3Error(await call(store, "DELETE", `/promotions/${p.id}/codes?id:in=${ids(51)}`), 422, ["id:in"]);
      expect((await call(store, "DELETE", `/promotions/${p.id}/codes?id:in=${ids(50)}`)).status).toBe(204);
    });

    test("GET and DELETE /promotions/codes?code= find and delete a code by its code", async () => {
      const p = await promotion();
      const c = await addCode(p.id, "BY-CODE");
      const got = await call(store, "GET", "/promotions/codes?code=by-code");
      expect(got.status).toBe(200);
      expect(got.json.data).toEqual([c]);
      expect((await call(store, "GET", "/promotions/codes?code=NOTHING")).json.data).toEqual([]);
      expectV3Error(await call(store, "GET", "/promotions/codes"), 422, ["code"]);
      expect((await call(store, "DELETE", "/promotions/codes?code=BY-CODE")).status).toBe(204);
      expect((await call(store, "GET", `/promotions/${p.id}/codes`)).json.data).toEqual([]);
      expect((await call(store, "DELETE", "/promotions/codes?code=BY-CODE")).status).toBe(204);
    });
  });

  describe("codegen", () => {
    test("generates batch_size unique 16-character codes for a BULK coupon promotion, stored as its codes", async () => {
      const p = await promotion({ coupon_type: "BULK" });
      const a = await call(store, "POST", `/promotions/${p.id}/codegen`, { batch_size: 250 });
      expect(a.status).toBe(201);
      expect(a.json.meta).toEqual({});
      expect(a.json.data).toMatchObject({
        batch_size: 250,
        max_uses: 1,
        max_uses_per_customer: 1,
        created: expect.any(String),
      });
      const codes: string[] = a.json.data.codes.map((c: any) => c.code);
      expect(codes).toHaveLength(250);
      expect(new Set(codes).size).toBe(250);
      for (const c of codes) expect(c).toMatch(/^[A-Z0-9]{16}$/);
      const listed = await call(store, "GET", `/promotions/${p.id}/codes?limit=250`);
      expect(listed.json.data.map((c: any) => c.code).sort()).toEqual([...codes].sort());
      expect(listed.json.data[0]).toMatchObject({ max_uses: 1, max_uses_per_customer: 1, current_uses: 0 });
    });

    test("prefix, suffix, delimiter, code_length, exclude_characters and use limits shape the codes", async () => {
      const p = await promotion({ coupon_type: "BULK" });
      const a = await call(store, "POST", `/promotions/${p.id}/codegen`, {
        batch_size: 20,
        prefix: "PRE",
        suffix: "POST",
        delimiter: "-",
        code_length: 6,
        exclude_characters: ["0", "O", "1", "I"],
        max_uses: 0,
        max_uses_per_customer: 3,
      });
      expect(a.status).toBe(201);
      expect(a.json.data).toMatchObject({ max_uses: 0, max_uses_per_customer: 3, batch_size: 20 });
      for (const { code } of a.json.data.codes) {
        expect(code).toMatch(/^PRE-[A-Z0-9]{6}-POST$/);
        expect(code.slice(4, 10)).not.toMatch(/[01OI]/);
      }
    });

    test("generated codes never repeat a code already in the store", async () => {
      const p = await promotion({ coupon_type: "BULK" });
      const all = new Set<string>();
      for (let i = 0; i < 4; i++) {
        const a = await call(store, "POST", `/promotions/${p.id}/codegen`, {
          batch_size: 250,
          code_length: 6,
          exclude_characters: [..."ABCDEFGHIJKLMNOPQRSTUVWXY0123456"],
        });
        expect(a.status).toBe(201);
        for (const { code } of a.json.data.codes) all.add(code);
      }
      // only Z,7,8,9 are left: 4^6 = 4096 possible codes, 1000 drawn, none twice
      expect(all.size).toBe(1000);
    });

    test("codegen is 405 for SINGLE coupon promotions and automatic promotions, 404 for missing ones", async () => {
      const single = await promotion();
      const auto = await call(store, "POST", "/promotions", {
        redemption_type: "AUTOMATIC",
        name: "auto",
        rules: [rule],
      });
      expectV3Error(await call(store, "POST", `/promotions/${single.id}/codegen`, { batch_size: 1 }), 405);
      expectV3Error(await call(store, "POST", `/promotions/${auto.json.data.id}/codegen`, { batch_size: 1 }), 405);
      expectV3Error(await call(store, "POST", "/promotions/999/codegen", { batch_size: 1 }), 404);
      expect((await call(store, "GET", `/promotions/${single.id}/codes`)).json.data).toEqual([]);
    });

    test("batch_size is required, an integer from 1 to 250; the other settings are checked too", async () => {
      const p = await promotion({ coupon_type: "BULK" });
      const gen = (body: unknown) => call(store, "POST", `/promotions/${p.id}/codegen`, body);
      expectV3Error(await gen({}), 422, ["batch_size"]);
      expectV3Error(await gen({ batch_size: 251 }), 422, ["batch_size"]);
      expectV3Error(await gen({ batch_size: 0 }), 422, ["batch_size"]);
      expectV3Error(await gen({ batch_size: 2.5 }), 422, ["batch_size"]);
      expectV3Error(await gen({ batch_size: 1, prefix: "lower" }), 422, ["prefix"]);
      expectV3Error(await gen({ batch_size: 1, suffix: "X".repeat(21) }), 422, ["suffix"]);
      expectV3Error(await gen({ batch_size: 1, delimiter: "." }), 422, ["delimiter"]);
      expectV3Error(await gen({ batch_size: 1, code_length: 5 }), 422, ["code_length"]);
      expectV3Error(await gen({ batch_size: 1, code_length: 17 }), 422, ["code_length"]);
      expectV3Error(await gen({ batch_size: 1, exclude_characters: ["ab"] }), 422, ["exclude_characters"]);
      expectV3Error(await gen({ batch_size: 1, max_uses: 100_001 }), 422, ["max_uses"]);
      // 16 + "X"*20 + "_" + "Y"*20 + "_" = 58 > 50
      expectV3Error(await gen({ batch_size: 1, prefix: "X".repeat(20), suffix: "Y".repeat(20), delimiter: "_" }), 422, [
        "code_length",
      ]);
      expect((await call(store, "GET", `/promotions/${p.id}/codes`)).json.data).toEqual([]);
    });

    test("a promotion with generated codes cannot be deleted until they are deleted", async () => {
      const p = await promotion({ coupon_type: "BULK" });
      await call(store, "POST", `/promotions/${p.id}/codegen`, { batch_size: 3 });
      expectV3Error(await call(store, "DELETE", `/promotions/${p.id}`), 422);
      const ids = (await call(store, "GET", `/promotions/${p.id}/codes`)).json.data.map((c: any) => c.id);
      expect((await call(store, "DELETE", `/promotions/${p.id}/codes?id:in=${ids.join(",")}`)).status).toBe(204);
      expect((await call(store, "DELETE", `/promotions/${p.id}`)).status).toBe(204);
    });

    test("PATCH /__admin/promotion_codes/{id} edits a code's read-only current_uses", async () => {
      const p = await promotion();
      const c = await addCode(p.id, "USED");
      expect((await adminCall(store, "PATCH", `/promotion_codes/${c.id}`, { current_uses: 3 })).status).toBe(200);
      expect((await call(store, "GET", `/promotions/${p.id}/codes`)).json.data[0].current_uses).toBe(3);
    });
  });
});

describe("concurrency caps of the codes operations", () => {
  test("15 concurrent listings and codegen calls with latency: 10 are answered, 5 get a v3 429 without rate-limit headers; creations are capped at 40 only", async () => {
    const store = await startLocalStore({ quota: 100_000, latencyMs: 200 });
    try {
      const p = await call(store, "POST", "/promotions", {
        redemption_type: "COUPON",
        coupon_type: "BULK",
        name: "busy",
        rules: [rule],
      });
      const id = p.json.data.id;
      const answers = await Promise.all(
        Array.from({ length: 15 }, (_, i) =>
          i % 3 === 0
            ? call(store, "POST", `/promotions/${id}/codegen`, { batch_size: 1 })
            : call(store, "GET", `/promotions/${id}/codes`),
        ),
      );
      const ok = answers.filter((a) => a.status === 200 || a.status === 201);
      const limited = answers.filter((a) => a.status === 429);
      expect(ok).toHaveLength(10);
      expect(limited).toHaveLength(5);
      for (const a of limited) {
        expectV3Error(a, 429);
        expect(a.headers.get("X-Rate-Limit-Requests-Left")).toBeNull();
      }
      // creating codes is its own operation, capped at 40: 20 at once all pass
      const created = await Promise.all(
        Array.from({ length: 20 }, (_, i) => call(store, "POST", `/promotions/${id}/codes`, { code: `CONC-${i}` })),
      );
      expect(created.filter((a) => a.status === 201)).toHaveLength(20);
      // the listings count against the promotions pool too: 45 requests at once, 40 answered
      const mixed = await Promise.all([
        ...Array.from({ length: 5 }, () => call(store, "GET", `/promotions/${id}/codes`)),
        ...Array.from({ length: 40 }, () => call(store, "GET", `/promotions/${id}`)),
      ]);
      expect(mixed.filter((a) => a.status === 429)).toHaveLength(5);
    } finally {
      await store.close();
    }
  });
});
