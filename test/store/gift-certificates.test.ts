/**
 * The local store's v2 gift certificates API, exercised over real HTTP: formats (four-decimal
 * amounts, RFC 2822 in, unix timestamps out), generated and cut codes, validation, listing,
 * updates, deletes, the store's own expiry and the admin edits.
 */
import { LocalStore, startLocalStore } from "../../store/server";
import { useFakeClock } from "../fake-clock";
import { adminCall, expectV2Error, v2Caller } from "./http";

const TOKEN = "test-token-gift-certificates";
const HASH = "abc123";

const call = v2Caller(TOKEN, HASH);

let seq = 0;
function certBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  seq++;
  return {
    to_name: `Recipient ${seq}`,
    to_email: `to${seq}@example.com`,
    from_name: "Store Admin",
    from_email: "admin@example.com",
    amount: "50",
    ...over,
  };
}

/** Unix seconds of an RFC 2822 / ISO date, as a string. */
const ts = (d: string) => String(Date.parse(d) / 1000);

/** The fake clock's time in the "created now" tests, 456 ms past a second (the store keeps whole seconds). */
const NOW = Date.UTC(2024, 2, 5, 10, 20, 30, 456);
afterEach(() => jest.useRealTimers());

describe("v2 gift certificates of the local store", () => {
  let store: LocalStore;

  beforeEach(async () => {
    store = await startLocalStore({ quota: 100_000 });
  });

  afterEach(async () => {
    await store.close();
  });

  const create = async (over: Record<string, unknown> = {}) => {
    const a = await call(store, "POST", "/gift_certificates", certBody(over));
    expect(a.status).toBe(201);
    return a.json as Record<string, any> & { id: number };
  };
  const count = () => store.state.data.gift_certificates.length;

  describe("create", () => {
    test("POST answers 201 with the certificate: four-decimal amounts, balance = amount, defaults filled in", async () => {
      useFakeClock(NOW);
      const a = await call(store, "POST", "/gift_certificates", {
        to_name: "John Doe",
        to_email: "johndoe@example.com",
        from_name: "Jane Doe",
        from_email: "janedoe@example.com",
        amount: "10",
      });
      expect(a.status).toBe(201);
      expect(a.headers.get("content-type")).toContain("application/json");
      const g = a.json;
      expect(typeof g.id).toBe("number");
      expect(g).toMatchObject({
        to_name: "John Doe",
        to_email: "johndoe@example.com",
        from_name: "Jane Doe",
        from_email: "janedoe@example.com",
        amount: "10.0000",
        balance: "10.0000",
        status: "active",
        order_id: 0,
        customer_id: 0,
        message: "",
        template: "general.html",
        expiry_date: "0",
        currency_code: "USD",
      });
      expect(g.purchase_date).toMatch(/^\d+$/);
      expect(g.purchase_date).toBe(String(Math.floor(NOW / 1000))); // the fake clock's now
    });

    test("a certificate without a code gets a generated one: 20 hex characters, different each time", async () => {
      const one = await create();
      const two = await create();
      expect(one.code).toMatch(/^[0-9A-F]{20}$/);
      expect(two.code).toMatch(/^[0-9A-F]{20}$/);
      expect(one.code).not.toBe(two.code);
    });

    test("a given code of 20 characters is kept; a longer one is cut to its first 20", async () => {
      expect((await create({ code: "A".repeat(20) })).code).toBe("A".repeat(20));
      const cut = await create({ code: "GIFT-0123456789-ABCDEFGH" });
      expect(cut.code).toBe("GIFT-0123456789-ABCD");
      expect((await call(store, "GET", `/gift_certificates/${cut.id}`)).json.code).toBe("GIFT-0123456789-ABCD");
    });

    test("dates are taken in RFC 2822 (any zone) and returned as unix-timestamp strings", async () => {
      const g = await create({
        purchase_date: "Mon, 05 Jan 2026 10:00:00 +0200",
        expiry_date: "Thu, 31 Dec 2026 23:59:00 +0000",
      });
      expect(g.purchase_date).toBe(ts("2026-01-05T08:00:00Z"));
      expect(g.expiry_date).toBe(ts("2026-12-31T23:59:00Z"));
      const again = await call(store, "GET", `/gift_certificates/${g.id}`);
      expect(again.json.expiry_date).toBe(ts("2026-12-31T23:59:00Z"));
    });

    test("every writable field is stored in the store's form", async () => {
      const g = await create({
        amount: 100.5,
        balance: "80.25",
        customer_id: 7,
        template: "birthday.html",
        message: "Happy birthday!",
        status: "pending",
        currency_code: "eur",
      });
      expect(g).toMatchObject({
        amount: "100.5000",
        balance: "80.2500",
        customer_id: 7,
        template: "birthday.html",
        message: "Happy birthday!",
        status: "pending",
        currency_code: "EUR",
      });
    });

    test("a message of exactly 250 characters is accepted", async () => {
      expect((await create({ message: "m".repeat(250) })).message).toHaveLength(250);
    });

    test.each(["to_name", "to_email", "from_name", "from_email", "amount"])(
      "POST without the required field %s is refused with a v2 400 naming it, and nothing is stored",
      async (field) => {
        const body = certBody();
        delete body[field];
        expectV2Error(await call(store, "POST", "/gift_certificates", body), 400, `'${field}'`);
        expect(count()).toBe(0);
      },
    );

    test.each<[string, Record<string, unknown>, string]>([
      ["an unknown template", { template: "halloween.html" }, "template"],
      ["an unknown status", { status: "spent" }, "status"],
      ["a message of 251 characters", { message: "m".repeat(251) }, "message"],
      ["a recipient email that is not one", { to_email: "not-an-email" }, "to_email"],
      ["a sender email that is not one", { from_email: "admin@" }, "from_email"],
      ["an empty recipient name", { to_name: "  " }, "to_name"],
      ["a negative amount", { amount: "-5" }, "amount"],
      ["a non-numeric balance", { balance: "lots" }, "balance"],
      ["an ISO date as expiry_date", { expiry_date: "2026-12-31" }, "expiry_date"],
      ["a unix timestamp as purchase_date", { purchase_date: "1767139200" }, "purchase_date"],
      ["a currency the store does not have", { currency_code: "JPY" }, "currency_code"],
      ["a currency code that is not one", { currency_code: "DOLLARS" }, "currency_code"],
      ["a negative customer_id", { customer_id: -1 }, "customer_id"],
      ["an empty code", { code: "" }, "code"],
      ["an unknown field", { colour: "gold" }, "colour"],
    ])("POST with %s is refused with a v2 400 naming the field", async (_what, over, field) => {
      expectV2Error(await call(store, "POST", "/gift_certificates", certBody(over)), 400, `'${field}'`);
      expect(count()).toBe(0);
    });

    test.each<[string, unknown]>([
      ["id", 99],
      ["order_id", 116],
    ])("POST with the read-only field %s is refused with a v2 400 naming it", async (field, value) => {
      const a = await call(store, "POST", "/gift_certificates", certBody({ [field]: value }));
      expectV2Error(a, 400, `'${field}'`);
      expect(a.json[0].message).toMatch(/read-only/i);
      expect(count()).toBe(0);
    });

    test("a second certificate with the same code is refused with 409, and the message does not repeat the code", async () => {
      await create({ code: "SAME-CODE-1234" });
      const a = await call(store, "POST", "/gift_certificates", certBody({ code: "SAME-CODE-1234" }));
      expectV2Error(a, 409);
      expect(a.json[0].message).toMatch(/code/);
      expect(a.text).not.toContain("SAME-CODE-1234");
      expect(count()).toBe(1);
    });

    test("ids are given only to stored certificates", async () => {
      const first = await create();
      expectV2Error(await call(store, "POST", "/gift_certificates", certBody({ amount: "x" })), 400);
      const second = await create();
      expect(second.id).toBe(first.id + 1);
    });

    test("without a token the store answers 401", async () => {
      const a = await call(store, "GET", "/gift_certificates", undefined, "");
      expectV2Error(a, 401);
    });
  });

  describe("read one", () => {
    test("GET /gift_certificates/{id} returns the stored certificate", async () => {
      const g = await create({ message: "Readable" });
      const a = await call(store, "GET", `/gift_certificates/${g.id}`);
      expect(a.status).toBe(200);
      expect(a.json).toEqual(g);
    });

    test("GET, PUT and DELETE of an unknown id answer a v2 404", async () => {
      await create();
      expectV2Error(await call(store, "GET", "/gift_certificates/9999"), 404);
      expectV2Error(await call(store, "GET", "/gift_certificates/not-a-number"), 404);
      expectV2Error(await call(store, "PUT", "/gift_certificates/9999", { message: "x" }), 404);
      expectV2Error(await call(store, "DELETE", "/gift_certificates/9999"), 404);
    });
  });

  describe("list", () => {
    test("an empty list answers 204 with an empty body", async () => {
      const a = await call(store, "GET", "/gift_certificates");
      expect(a.status).toBe(204);
      expect(a.text).toBe("");
    });

    test("the list is sorted by id, ascending by default, descending with direction=desc", async () => {
      const ids = [(await create()).id, (await create()).id, (await create()).id];
      store.state.data.gift_certificates.reverse();
      const asc = await call(store, "GET", "/gift_certificates");
      expect(asc.json.map((g: { id: number }) => g.id)).toEqual(ids);
      const desc = await call(store, "GET", "/gift_certificates?sort=id&direction=desc");
      expect(desc.json.map((g: { id: number }) => g.id)).toEqual([...ids].reverse());
      expectV2Error(await call(store, "GET", "/gift_certificates?direction=sideways"), 400, "'direction'");
      expectV2Error(await call(store, "GET", "/gift_certificates?sort=amount"), 400, "'sort'");
    });

    test("filters by code, names, emails, order_id and id range", async () => {
      const a = await create({ to_name: "Alyss", to_email: "alyss@example.com", code: "CODE-A" });
      const b = await create({
        to_name: "Lyss",
        from_name: "Noland",
        from_email: "noland@example.com",
        code: "CODE-B",
      });
      const c = await create({ to_name: "Alyss", to_email: "alyss@example.com" });
      await adminCall(store, "PATCH", `/gift_certificates/${c.id}`, { order_id: 1281 });
      const ids = async (query: string) => {
        const r = await call(store, "GET", `/gift_certificates?${query}`);
        if (r.status === 204) return [];
        expect(r.status).toBe(200);
        return r.json.map((x: { id: number }) => x.id);
      };
      expect(await ids("code=CODE-B")).toEqual([b.id]);
      expect(await ids("to_name=Alyss")).toEqual([a.id, c.id]);
      expect(await ids("to_email=alyss%40example.com")).toEqual([a.id, c.id]);
      expect(await ids("from_name=Noland")).toEqual([b.id]);
      expect(await ids("from_email=noland%40example.com")).toEqual([b.id]);
      expect(await ids("order_id=1281")).toEqual([c.id]);
      expect(await ids(`min_id=${b.id}`)).toEqual([b.id, c.id]);
      expect(await ids(`max_id=${b.id}`)).toEqual([a.id, b.id]);
      expect(await ids("code=NOPE")).toEqual([]);
      expect(await ids("to_name=Alyss&code=CODE-A")).toEqual([a.id]);
    });

    test("page and limit cut the sorted list; a page past the end is 204; limits are checked", async () => {
      const ids: number[] = [];
      for (let i = 0; i < 5; i++) ids.push((await create()).id);
      const page = (p: number) => call(store, "GET", `/gift_certificates?limit=2&page=${p}`);
      expect((await page(1)).json.map((g: { id: number }) => g.id)).toEqual(ids.slice(0, 2));
      expect((await page(3)).json.map((g: { id: number }) => g.id)).toEqual(ids.slice(4));
      const past = await page(4);
      expect(past.status).toBe(204);
      expect(past.text).toBe("");
      expectV2Error(await call(store, "GET", "/gift_certificates?limit=251"), 400, "'limit'");
      expectV2Error(await call(store, "GET", "/gift_certificates?page=0"), 400, "'page'");
    });
  });

  describe("update", () => {
    test("PUT changes the given fields and keeps the others, balance and code included", async () => {
      const g = await create({ code: "KEEP-THIS-CODE", message: "Before", balance: "40" });
      const a = await call(store, "PUT", `/gift_certificates/${g.id}`, { message: "After", amount: 60 });
      expect(a.status).toBe(200);
      expect(a.json).toMatchObject({
        ...g,
        message: "After",
        amount: "60.0000",
        balance: "40.0000",
        code: "KEEP-THIS-CODE",
      });
    });

    test("PUT takes RFC 2822 dates, clears the expiry with an empty string, and cuts a long code", async () => {
      const g = await create();
      const set = await call(store, "PUT", `/gift_certificates/${g.id}`, {
        expiry_date: "Wed, 01 Jul 2026 00:00:00 +0000",
        code: "X".repeat(30),
      });
      expect(set.json.expiry_date).toBe(ts("2026-07-01T00:00:00Z"));
      expect(set.json.code).toBe("X".repeat(20));
      const cleared = await call(store, "PUT", `/gift_certificates/${g.id}`, { expiry_date: "" });
      expect(cleared.json.expiry_date).toBe("0");
    });

    test.each<[string, unknown]>([
      ["id", 42],
      ["order_id", 7],
    ])(
      "PUT with the read-only field %s is refused with a v2 400 naming it and changes nothing",
      async (field, value) => {
        const g = await create({ message: "Untouched" });
        const a = await call(store, "PUT", `/gift_certificates/${g.id}`, { message: "Touched", [field]: value });
        expectV2Error(a, 400, `'${field}'`);
        expect((await call(store, "GET", `/gift_certificates/${g.id}`)).json).toEqual(g);
      },
    );

    test("PUT with an invalid value is refused with a v2 400 naming the field and changes nothing", async () => {
      const g = await create();
      expectV2Error(
        await call(store, "PUT", `/gift_certificates/${g.id}`, { template: "nope.html", message: "x" }),
        400,
        "'template'",
      );
      expect((await call(store, "GET", `/gift_certificates/${g.id}`)).json).toEqual(g);
    });

    test("PUT to the code of another certificate is refused with 409", async () => {
      await create({ code: "TAKEN-CODE" });
      const g = await create();
      expectV2Error(await call(store, "PUT", `/gift_certificates/${g.id}`, { code: "TAKEN-CODE" }), 409);
      expect((await call(store, "GET", `/gift_certificates/${g.id}`)).json.code).toBe(g.code);
    });
  });

  describe("the store's own moves", () => {
    test("a customer spending shows in the balance (admin edit of a read-only value)", async () => {
      const g = await create({ amount: "50" });
      expect((await adminCall(store, "PATCH", `/gift_certificates/${g.id}`, { balance: "30.0000" })).status).toBe(200);
      const a = await call(store, "GET", `/gift_certificates/${g.id}`);
      expect(a.json).toMatchObject({ amount: "50.0000", balance: "30.0000" });
    });

    test("an active certificate past its expiry date is moved to expired by the store", async () => {
      const g = await create({ expiry_date: "Thu, 01 Jan 2026 00:00:00 +0000" });
      expect(g.status).toBe("expired");
      const later = await create({ expiry_date: "Fri, 01 Jan 2100 00:00:00 +0000" });
      expect(later.status).toBe("active");
      await adminCall(store, "PATCH", `/gift_certificates/${later.id}`, { expiry_date: ts("2020-01-01T00:00:00Z") });
      expect((await call(store, "GET", `/gift_certificates/${later.id}`)).json.status).toBe("expired");
    });

    test("a disabled certificate past its expiry date stays disabled", async () => {
      const g = await create({ status: "disabled", expiry_date: "Thu, 01 Jan 2026 00:00:00 +0000" });
      expect(g.status).toBe("disabled");
    });
  });

  describe("delete", () => {
    test("DELETE /gift_certificates/{id} answers 204 and the certificate is gone", async () => {
      const g = await create();
      const keep = await create();
      const a = await call(store, "DELETE", `/gift_certificates/${g.id}`);
      expect(a.status).toBe(204);
      expect(a.text).toBe("");
      expectV2Error(await call(store, "GET", `/gift_certificates/${g.id}`), 404);
      expect((await call(store, "GET", `/gift_certificates/${keep.id}`)).status).toBe(200);
    });

    test("DELETE /gift_certificates deletes them all", async () => {
      await create();
      await create();
      const a = await call(store, "DELETE", "/gift_certificates");
      expect(a.status).toBe(204);
      expect(count()).toBe(0);
      expect((await call(store, "GET", "/gift_certificates")).status).toBe(204);
    });

    test("other methods on the collection answer 405", async () => {
      expectV2Error(await call(store, "PATCH", "/gift_certificates", {}), 405);
    });
  });
});
