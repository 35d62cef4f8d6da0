/** The CouponCode kind: check, diff (every change replaces) and its API calls against the local store. */
import { BigCommerceClient } from "../../../provider/client/http";
import { checkInputs, diffInputs } from "../../../provider/common/kind";
import { compact, UNKNOWN } from "../../../provider/common/values";
import { couponCodeKind } from "../../../provider/coupon-code/provider";
import { promotionKind } from "../../../provider/promotion/provider";
import { LocalStore } from "../../../store/server";
import { checked, laterRun, storeAndClient } from "../local-store";

type Props = Record<string, unknown>;

describe("CouponCode check and diff", () => {
  test("failures name the property", () => {
    const { failures } = checkInputs(couponCodeKind, {
      promotionId: -1,
      code: "no!way",
      maxUses: 1.5,
      maxUsesPerCustomer: -2,
      extra: 1,
    });
    expect(failures.map((f) => f.property).sort()).toEqual([
      "code",
      "extra",
      "maxUses",
      "maxUsesPerCustomer",
      "promotionId",
    ]);
    for (const f of failures) expect(f.reason.startsWith(`${f.property}:`)).toBe(true);
    const missing = checkInputs(couponCodeKind, {}).failures;
    expect(missing.map((f) => f.reason).sort()).toEqual(["code: is required", "promotionId: is required"]);
    expect(
      checkInputs(couponCodeKind, { promotionId: 1, code: "x".repeat(51) }).failures.map((f) => f.property),
    ).toEqual(["code"]);
  });

  test("defaults fill the use limits", () => {
    expect(checked(couponCodeKind, { promotionId: 3, code: "SPRING" })).toEqual({
      promotionId: 3,
      code: "SPRING",
      maxUses: 0,
      maxUsesPerCustomer: 0,
    });
  });

  test("every input change replaces the code, deleting the old one first unless the code text changes", () => {
    const olds = {
      ...checked(couponCodeKind, { promotionId: 3, code: "SPRING", maxUses: 5 }),
      codeId: 9,
      currentUses: 2,
      created: "x",
    };
    expect(
      diffInputs(couponCodeKind, olds, checked(couponCodeKind, { promotionId: 3, code: "SPRING", maxUses: 5 })),
    ).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
    const changes: Props[] = [{ promotionId: 4 }, { code: "SUMMER" }, { maxUses: 6 }, { maxUsesPerCustomer: 1 }];
    for (const change of changes) {
      const d = diffInputs(
        couponCodeKind,
        olds,
        checked(couponCodeKind, { promotionId: 3, code: "SPRING", maxUses: 5, ...change }),
      );
      expect(d).toEqual({
        changes: true,
        replaces: Object.keys(change),
        deleteBeforeReplace: change.code === undefined,
      });
    }
    const unknownCode = diffInputs(couponCodeKind, olds, { ...olds, code: UNKNOWN });
    expect(unknownCode.deleteBeforeReplace).toBe(true);
  });
});

describe("CouponCode against the local store", () => {
  let store: LocalStore;
  let client: BigCommerceClient;
  let promotionId: number;

  beforeEach(async () => {
    ({ store, client } = await storeAndClient({ maxRetries: 0 }));
    const p = checked(promotionKind, {
      redemptionType: "COUPON",
      name: "Codes",
      rules: [{ action: { cartValue: { discount: { percentageAmount: 10 } } } }],
    });
    promotionId = Number((await promotionKind.create(client, p)).id);
  });

  afterEach(async () => {
    await store.close();
  });

  test("create, read, delete; delete of a missing code succeeds", async () => {
    const inputs = checked(couponCodeKind, { promotionId, code: "TEN-OFF", maxUses: 3 });
    const { id, outs } = await couponCodeKind.create(client, inputs);
    expect(outs).toMatchObject({
      promotionId,
      code: "TEN-OFF",
      maxUses: 3,
      maxUsesPerCustomer: 0,
      codeId: Number(id),
      currentUses: 0,
    });
    expect(typeof outs.created).toBe("string");
    const state = compact({ ...inputs, ...outs });

    const read = await couponCodeKind.read(client, id, state);
    expect(read?.inputs).toEqual(inputs);
    expect(read?.outs).toMatchObject({ codeId: Number(id), currentUses: 0 });

    await couponCodeKind.delete(client, id, state);
    expect(store.state.data.promotion_codes).toHaveLength(0);
    expect(await couponCodeKind.read(client, id, state)).toBeUndefined();
    await expect(couponCodeKind.delete(client, id, state)).resolves.toBeUndefined();
  });

  test("read finds a code past the first page, and reports it gone with its promotion", async () => {
    for (let i = 0; i < 260; i++) await client.post(`/v3/promotions/${promotionId}/codes`, { code: `FILL${i}` });
    const inputs = checked(couponCodeKind, { promotionId, code: "LAST" });
    const { id, outs } = await couponCodeKind.create(client, inputs);
    const state = compact({ ...inputs, ...outs });
    expect((await couponCodeKind.read(client, id, state))?.inputs.code).toBe("LAST");
    store.state.data.promotions = [];
    expect(await couponCodeKind.read(laterRun(store), id, state)).toBeUndefined();
  });

  test("a code that exists in the store already fails to create", async () => {
    await couponCodeKind.create(client, checked(couponCodeKind, { promotionId, code: "DUP" }));
    await expect(
      couponCodeKind.create(client, checked(couponCodeKind, { promotionId, code: "dup" })),
    ).rejects.toThrow();
  });
});
