/** The BulkCouponCodes kind: check, diff (every change replaces) and codegen against the local store. */
import { BigCommerceClient } from "../../../provider/client/http";
import { checkInputs, diffInputs } from "../../../provider/common/kind";
import { compact } from "../../../provider/common/values";
import { bulkCouponCodesKind } from "../../../provider/bulk-codes/provider";
import { promotionKind } from "../../../provider/promotion/provider";
import { LocalStore } from "../../../store/server";
import { checked, laterRun, storeAndClient } from "../local-store";

type Props = Record<string, unknown>;

describe("BulkCouponCodes check and diff", () => {
  test("failures name the property", () => {
    const { failures } = checkInputs(bulkCouponCodesKind, {
      promotionId: 0,
      batchSize: 0,
      prefix: "lower",
      suffix: "X".repeat(21),
      delimiter: ".",
      codeLength: 5,
      excludeCharacters: ["AB"],
      maxUses: -1,
      maxUsesPerCustomer: "1",
    });
    expect(failures.map((f) => f.property).sort()).toEqual([
      "batchSize",
      "codeLength",
      "delimiter",
      "excludeCharacters[0]",
      "maxUses",
      "maxUsesPerCustomer",
      "prefix",
      "promotionId",
      "suffix",
    ]);
    for (const f of failures) expect(f.reason.startsWith(`${f.property}:`)).toBe(true);
    expect(checkInputs(bulkCouponCodesKind, { promotionId: 1 }).failures.map((f) => f.reason)).toEqual([
      "batchSize: is required",
    ]);
    const tooLong = checkInputs(bulkCouponCodesKind, {
      promotionId: 1,
      batchSize: 1,
      prefix: "P".repeat(20),
      suffix: "S".repeat(20),
      delimiter: "-",
    });
    expect(tooLong.failures.map((f) => f.property)).toEqual(["codeLength"]);
  });

  test("a batch above 250 is fine, defaults fill in, excluded characters are canonical", () => {
    expect(
      checked(bulkCouponCodesKind, { promotionId: 1, batchSize: 1000, excludeCharacters: ["O", "0", "O"] }),
    ).toEqual({
      promotionId: 1,
      batchSize: 1000,
      excludeCharacters: ["0", "O"],
      maxUses: 1,
      maxUsesPerCustomer: 1,
    });
  });

  test("every input change replaces the batch", () => {
    const base = { promotionId: 1, batchSize: 10 };
    const olds = { ...checked(bulkCouponCodesKind, base), codes: ["A"], codeIds: [1] };
    expect(diffInputs(bulkCouponCodesKind, olds, checked(bulkCouponCodesKind, base)).changes).toBe(false);
    const changes: Props[] = [
      { promotionId: 2 },
      { batchSize: 11 },
      { prefix: "P" },
      { suffix: "S" },
      { delimiter: "_" },
      { codeLength: 8 },
      { excludeCharacters: ["O"] },
      { maxUses: 2 },
      { maxUsesPerCustomer: 0 },
    ];
    for (const change of changes) {
      const d = diffInputs(bulkCouponCodesKind, olds, checked(bulkCouponCodesKind, { ...base, ...change }));
      expect(d).toEqual({ changes: true, replaces: Object.keys(change), deleteBeforeReplace: true });
    }
  });
});

describe("BulkCouponCodes against the local store", () => {
  let store: LocalStore;
  let client: BigCommerceClient;
  let promotionId: number;
  const posts: unknown[] = [];

  beforeEach(async () => {
    ({ store, client } = await storeAndClient({ maxRetries: 0 }));
    const p = checked(promotionKind, {
      redemptionType: "COUPON",
      couponType: "BULK",
      name: "Bulk",
      rules: [{ action: { cartValue: { discount: { percentageAmount: 10 } } } }],
    });
    promotionId = Number((await promotionKind.create(client, p)).id);
    posts.length = 0;
    const post = client.post.bind(client);
    jest.spyOn(client, "post").mockImplementation(async (path: string, body?: unknown) => {
      posts.push(body);
      return post(path, body);
    });
  });

  afterEach(async () => {
    await store.close();
  });

  const codes = () => store.state.data.promotion_codes as Array<Record<string, any>>;

  test("a batch of 300 is generated as 250 + 50; read and delete", async () => {
    const inputs = checked(bulkCouponCodesKind, {
      promotionId,
      batchSize: 300,
      prefix: "SALE",
      delimiter: "-",
      codeLength: 8,
      maxUses: 2,
    });
    const { id, outs } = await bulkCouponCodesKind.create(client, inputs);
    expect(posts.map((b) => (b as Props).batch_size)).toEqual([250, 50]);
    expect(posts[0]).toMatchObject({
      prefix: "SALE",
      delimiter: "-",
      code_length: 8,
      max_uses: 2,
      max_uses_per_customer: 1,
    });
    const generated = outs.codes as string[];
    expect(generated).toHaveLength(300);
    expect(new Set(generated).size).toBe(300);
    for (const c of generated) expect(c).toMatch(/^SALE-[A-Z0-9]{8}$/);
    expect(
      codes()
        .map((c) => c.code)
        .sort(),
    ).toEqual([...generated].sort());
    expect((outs.codeIds as number[]).map((i) => codes().find((c) => c.id === i)?.code)).toEqual(generated);
    const state = compact({ ...inputs, ...outs });

    const read = await bulkCouponCodesKind.read(client, id, state);
    expect(read?.inputs).toEqual(inputs);
    expect(read?.outs.codes).toEqual(generated);

    // a code that is not part of the batch stays
    await client.post(`/v3/promotions/${promotionId}/codes`, { code: "HANDMADE" });
    await bulkCouponCodesKind.delete(client, id, state);
    expect(codes().map((c) => c.code)).toEqual(["HANDMADE"]);
    expect(await bulkCouponCodesKind.read(client, id, state)).toBeUndefined();
  });

  test("read keeps the codes still in the store, and reports the batch gone when none remain", async () => {
    const inputs = checked(bulkCouponCodesKind, { promotionId, batchSize: 5 });
    const { id, outs } = await bulkCouponCodesKind.create(client, inputs);
    const state = compact({ ...inputs, ...outs });
    const ids = outs.codeIds as number[];
    store.state.data.promotion_codes = store.state.data.promotion_codes.filter(
      (c) => c.id !== ids[1] && c.id !== ids[3],
    );
    const read = await bulkCouponCodesKind.read(client, id, state);
    expect(read?.outs.codeIds).toEqual([ids[0], ids[2], ids[4]]);
    expect(read?.outs.codes).toEqual([0, 2, 4].map((i) => (outs.codes as string[])[i]));
    expect(read?.inputs).toEqual(inputs);

    store.state.data.promotion_codes = [];
    expect(await bulkCouponCodesKind.read(laterRun(store), id, state)).toBeUndefined();
  });

  test("read reports the batch gone with its promotion; delete then succeeds", async () => {
    const inputs = checked(bulkCouponCodesKind, { promotionId, batchSize: 3 });
    const { id, outs } = await bulkCouponCodesKind.create(client, inputs);
    const state = compact({ ...inputs, ...outs });
    store.state.data.promotions = [];
    store.state.data.promotion_codes = [];
    expect(await bulkCouponCodesKind.read(client, id, state)).toBeUndefined();
    await expect(bulkCouponCodesKind.delete(client, id, state)).resolves.toBeUndefined();
  });
});
