/**
 * Deletion policy of used coupons and promotions: "disable" (default) disables and keeps,
 * "retain" leaves untouched, "delete" deletes; an unused one is always deleted. The destroy
 * says in the log what it did.
 */
import { BigCommerceClient } from "../../../provider/client/http";
import { couponCodeKind } from "../../../provider/coupon-code/provider";
import { couponKind } from "../../../provider/coupon/provider";
import { promotionKind } from "../../../provider/promotion/provider";
import { LocalStore } from "../../../store/server";
import { checked, recordedLogs, storeAndClient } from "../local-store";

const coupon = {
  name: "Spring 15",
  code: "SPRING15",
  type: "percentage_discount",
  amount: 15,
  appliesTo: { entity: "products", ids: [3, 4] },
};
const promotion = {
  redemptionType: "COUPON",
  name: "Ten off",
  rules: [{ action: { cartValue: { discount: { percentageAmount: 10 } } } }],
};

let store: LocalStore;
let client: BigCommerceClient;
const logs = recordedLogs();
const logged = () => logs.logged();

beforeEach(async () => {
  ({ store, client } = await storeAndClient({ maxRetries: 0 }));
});

afterEach(async () => {
  await store.close();
});

async function usedCoupon(uses: number): Promise<string> {
  const { id } = await couponKind.create(client, checked(couponKind, coupon));
  store.state.data.coupons[0].num_uses = uses;
  return id;
}

describe("Coupon", () => {
  test("used, default policy: disabled, not deleted, every other value kept; the log says so", async () => {
    const id = await usedCoupon(3);
    await couponKind.delete(client, id, { ...checked(couponKind, coupon) });
    expect(store.state.data.coupons).toHaveLength(1);
    expect(store.state.data.coupons[0]).toMatchObject({
      enabled: false,
      code: "SPRING15",
      applies_to: { entity: "products", ids: [3, 4] },
    });
    expect(logged()).toBe(
      `coupon SPRING15 (id ${id}) has been used 3 times: disabled, not deleted (deletionPolicy "disable"); customers' orders keep it, and the code no longer works`,
    );
  });

  test('used, "retain": left exactly as it is', async () => {
    const id = await usedCoupon(1);
    const before = JSON.stringify(store.state.data.coupons[0]);
    await couponKind.delete(client, id, { ...checked(couponKind, coupon), deletionPolicy: "retain" });
    expect(JSON.stringify(store.state.data.coupons[0])).toBe(before);
    expect(logged()).toMatch(
      /coupon SPRING15 \(id \d+\) has been used 1 time: left in the store as it is, not deleted \(deletionPolicy "retain"\)/,
    );
  });

  test('used, "delete": deleted, and the log says it had been used', async () => {
    const id = await usedCoupon(2);
    await couponKind.delete(client, id, { deletionPolicy: "delete" });
    expect(store.state.data.coupons).toHaveLength(0);
    expect(logged()).toMatch(/had been used 2 times: deleted \(deletionPolicy "delete"\)/);
  });

  test("unused: deleted whatever the policy; already gone: fine", async () => {
    for (const policy of ["disable", "retain", undefined]) {
      const { id } = await couponKind.create(client, checked(couponKind, coupon));
      await couponKind.delete(client, id, { deletionPolicy: policy });
      expect(store.state.data.coupons).toHaveLength(0);
      await expect(couponKind.delete(client, id, { deletionPolicy: policy })).resolves.toBeUndefined();
    }
    expect(logged()).toBe("");
  });
});

describe("Promotion", () => {
  async function usedPromotion(uses: number): Promise<string> {
    const { id } = await promotionKind.create(client, checked(promotionKind, promotion));
    await couponCodeKind.create(client, checked(couponCodeKind, { promotionId: Number(id), code: "TEN" }));
    store.state.data.promotions[0].current_uses = uses;
    return id;
  }

  test("used, default policy: disabled with its codes kept; the log says so", async () => {
    const id = await usedPromotion(4);
    await promotionKind.delete(client, id, { ...checked(promotionKind, promotion) });
    expect(store.state.data.promotions[0]).toMatchObject({ status: "DISABLED", name: "Ten off" });
    expect(store.state.data.promotion_codes).toHaveLength(1);
    expect(logged()).toMatch(
      /promotion "Ten off" \(id \d+\) has been used 4 times: disabled, not deleted \(deletionPolicy "disable"\)/,
    );
  });

  test('used, "retain": untouched; "delete": deleted with its codes', async () => {
    const id = await usedPromotion(1);
    await promotionKind.delete(client, id, { ...checked(promotionKind, promotion), deletionPolicy: "retain" });
    expect(store.state.data.promotions[0].status).toBe("ENABLED");
    expect(logged()).toMatch(/has been used 1 time: left in the store as it is/);
    await promotionKind.delete(client, id, { ...checked(promotionKind, promotion), deletionPolicy: "delete" });
    expect(store.state.data.promotions).toHaveLength(0);
    expect(store.state.data.promotion_codes).toHaveLength(0);
  });

  test("unused: deleted under the default policy", async () => {
    const id = await usedPromotion(0);
    await promotionKind.delete(client, id, { ...checked(promotionKind, promotion) });
    expect(store.state.data.promotions).toHaveLength(0);
  });
});
