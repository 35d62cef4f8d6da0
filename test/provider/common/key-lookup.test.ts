/** Look-ups by unique key and twin: how many requests a run's look-ups cost, and what they find. */
import * as pulumi from "@pulumi/pulumi";
import { BigCommerceClient } from "../../../provider/client/http";
import { createOrAdopt } from "../../../provider/common/adopt";
import { couponCodeKind } from "../../../provider/coupon-code/provider";
import { couponKind } from "../../../provider/coupon/provider";
import { giftCertificateKind } from "../../../provider/gift-certificate/provider";
import { promotionKind } from "../../../provider/promotion/provider";
import { storedCoupon } from "../../../tools/bench/run";
import { LocalStore } from "../../../store/server";
import { checked, laterRun, SAMPLE, storeAndClient } from "../local-store";

const gets = (client: BigCommerceClient) => client.stats.requests.GET ?? 0;
const codeLookUp = couponCodeKind.unique!.code!.lookUp;

let store: LocalStore;
let client: BigCommerceClient;

beforeEach(async () => {
  ({ store, client } = await storeAndClient());
  jest.spyOn(pulumi.log, "info").mockImplementation(async () => undefined);
  jest.spyOn(pulumi.log, "warn").mockImplementation(async () => undefined);
});

afterEach(async () => {
  jest.restoreAllMocks();
  await store.close();
});

/** A promotion made outside this run (another app, an earlier run): `client` did not create it. */
async function otherPromotion(name: string): Promise<string> {
  const other = laterRun(store);
  return (await promotionKind.create(other, checked(promotionKind, { ...SAMPLE.promotion, name }))).id;
}

async function addCode(promotionId: string, code: string): Promise<void> {
  await couponCodeKind.create(client, checked(couponCodeKind, { promotionId: Number(promotionId), code }));
}

describe("look-ups of a v2 collection", () => {
  test("a coupon's code and name look-ups share one listing: one filtered request each, then one listing", async () => {
    for (let i = 0; i < 3; i++)
      await couponKind.create(client, checked(couponKind, { ...SAMPLE.coupon, name: `N${i}`, code: `K${i}` }));
    const code = couponKind.unique!.code!.lookUp;
    const name = couponKind.unique!.name!.lookUp;
    const run = laterRun(store);
    const found = [
      await code(run, "k0"),
      await name(run, "N0"),
      await code(run, "K1"),
      await name(run, "n2"),
      await code(run, "none"),
      await name(run, "none"),
    ].map((ids) => ids.length);
    expect(found).toEqual([1, 1, 1, 1, 0, 0]);
    expect(gets(run)).toBe(3);
  });
});

describe("a store of many objects the stack does not manage", () => {
  test("10 new coupons in a store of 10,000 are asked for one by one: the count says a listing would cost 41 requests", async () => {
    for (let i = 1; i <= 10_000; i++) store.state.data.coupons.push(storedCoupon(i));
    const run = laterRun(store);
    const found: number[] = [];
    for (let i = 0; i < 10; i++) {
      found.push((await couponKind.unique!.code!.lookUp(run, `new${i}`)).length);
      found.push((await couponKind.unique!.name!.lookUp(run, `New ${i}`)).length);
    }
    found.push((await couponKind.unique!.code!.lookUp(run, "c77")).length);
    expect(found.filter((n) => n > 0)).toEqual([1]);
    expect(gets(run)).toBe(22); // 21 look-ups and the count of coupons
  });

  test("certificates (no count): each look-up after the first pays for one more page, until the listing answers", async () => {
    for (let i = 1; i <= 600; i++)
      store.state.data.gift_certificates.push({ id: i, code: `GC${i}`, to_email: `c${i}@example.com` });
    const run = laterRun(store);
    const lookUp = giftCertificateKind.unique!.code!.lookUp;
    const counted: number[] = [];
    const found: number[] = [];
    for (const code of ["GC1", "GC300", "NONE", "gc599", "GC600", "X", "GC2"]) {
      const before = gets(run);
      found.push((await lookUp(run, code)).length);
      counted.push(gets(run) - before);
    }
    // a certificate's code is told apart by its case, as the store does
    expect(found).toEqual([1, 1, 0, 0, 1, 0, 1]);
    // 1 filtered; then a page and a filtered request, twice; the third page ends the listing
    expect(counted).toEqual([1, 2, 2, 1, 0, 0, 0]);
  });
});

describe("the look-up of a promotion code in the whole store", () => {
  test("many codes under promotions this run created cost a few requests in all, not one per code", async () => {
    for (let i = 0; i < 2; i++)
      await createOrAdopt(promotionKind, client, checked(promotionKind, { ...SAMPLE.promotion, name: `P${i}` }), {});
    const before = gets(client);
    const found: number[] = [];
    for (let i = 0; i < 30; i++) found.push((await codeLookUp(client, `NEW${i}`)).length);
    expect(found.every((n) => n === 0)).toBe(true);
    // the first code on its own, the listing's cost (a one-item page), the promotions' one page;
    // the codes of promotions this run made are its own, so none of them is listed
    expect(gets(client) - before).toBe(3);
  });

  test("once the listing costs less than asking code by code, it lists other promotions' codes and finds them", async () => {
    const p = await otherPromotion("Theirs");
    for (const code of ["AA1", "AA2", "AA3"]) await addCode(p, code);
    const before = gets(client);
    const found: string[][] = [];
    for (const code of ["aa1", "ZZ", "AA2", "aa3", "ZZ2", "AA1"]) found.push(await codeLookUp(client, code));
    expect(found.map((ids) => ids.length)).toEqual([1, 0, 1, 1, 0, 1]);
    expect(found[0]).toEqual(found[5]);
    // 2 codes one by one, the cost (1 promotion: a page and its codes, 2 requests), the listing (2)
    expect(gets(client) - before).toBe(5);
  });

  test("one code per promotion made elsewhere stays at one request a code (the listing would cost more)", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await otherPromotion(`Other ${i}`));
    for (let i = 0; i < 5; i++) await addCode(ids[i], `ONE${i}`);
    const before = gets(client);
    const found: number[] = [];
    for (let i = 0; i < 5; i++) found.push((await codeLookUp(client, `one${i}`)).length);
    expect(found).toEqual([1, 1, 1, 1, 1]);
    expect(gets(client) - before).toBe(6); // 5 codes and the one read of the listing's cost
  });
});

describe("the twin look-up of keyless creates", () => {
  test("promotion creates share one listing after the first, and still take an interrupted run's twin", async () => {
    const earlier = await otherPromotion("Twin");
    const before = { get: gets(client), post: client.stats.requests.POST ?? 0 };
    const made: string[] = [];
    for (const name of ["A", "B", "Twin", "C"])
      made.push(
        (await createOrAdopt(promotionKind, client, checked(promotionKind, { ...SAMPLE.promotion, name }), {})).id,
      );
    expect(made[2]).toBe(earlier);
    expect((client.stats.requests.POST ?? 0) - before.post).toBe(3);
    // the first create's filtered request, one listing, and the twin's read (answered by a promotions page)
    expect(gets(client) - before.get).toBeLessThanOrEqual(3);
  });
});
