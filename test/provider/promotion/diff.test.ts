import { checkInputs, diffInputs } from "../../../provider/common/kind";
import { UNKNOWN } from "../../../provider/common/values";
import { ApiPromotion, fromApi, outputsFromApi, toApi } from "../../../provider/promotion/mapping";
import { promotionKind } from "../../../provider/promotion/provider";
import { PromotionInputs } from "../../../provider/promotion/schema";

type Props = Record<string, unknown>;

const rule = { action: { cartValue: { discount: { percentageAmount: "10" } } } };
const automatic: Props = { redemptionType: "AUTOMATIC", name: "Ten off", rules: [rule] };
const coupon: Props = { redemptionType: "COUPON", name: "Coupon ten", rules: [rule] };

function checked(news: Props): Props {
  const { inputs, failures } = checkInputs(promotionKind, news);
  expect(failures).toEqual([]);
  return inputs;
}

/**
 * The state after a create: what the store answers to the POST of `declared`, with every
 * default a real store fills in (all channels, apply_once, combinable, a start date of now,
 * counters), read back through fromApi.
 */
function stored(declared: Props, store: Props = {}): Props {
  const body = toApi(checked(declared) as PromotionInputs);
  const saved = {
    redemption_type: body.redemption_type,
    channels: [],
    customer: { group_ids: [], excluded_group_ids: [], minimum_order_count: 0 },
    notifications: [],
    stop: false,
    can_be_used_with_other_promotions: true,
    currency_code: "*",
    status: "ENABLED",
    start_date: "2026-11-22T01:00:00+00:00",
    end_date: null,
    display_name: "",
    max_uses: 0,
    ...(body.redemption_type === "COUPON"
      ? {
          coupon_type: "SINGLE",
          coupon_overrides_other_promotions: false,
          multiple_codes: { has_multiple_codes: false },
        }
      : {}),
    ...body,
    rules: (body.rules as Props[]).map((r) => ({ apply_once: true, stop: false, ...r })),
    id: 42,
    current_uses: 17,
    created_from: "api",
    ...store,
  } as unknown as ApiPromotion;
  return { ...fromApi(saved), ...outputsFromApi(saved) };
}

function diff(olds: Props, news: Props) {
  return diffInputs(promotionKind, olds, checked(news));
}

describe("Promotion diff", () => {
  it("shows no change for the defaults the store fills in when the program left them out", () => {
    expect(diff(stored(automatic), automatic)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    expect(diff(stored(coupon), coupon).changes).toBe(false);
  });

  it("shows no change when the store spells declared values its own way", () => {
    const declared = {
      ...automatic,
      endDate: "2026-12-31",
      rules: [{ action: { cartValue: { discount: { fixedAmount: 5 } } } }],
    };
    const olds = stored(declared, {
      end_date: "2026-12-31T00:00:00+00:00",
      rules: [{ action: { cart_value: { discount: { fixed_amount: "5.0000" } } }, apply_once: true, stop: false }],
    });
    expect(diff(olds, declared).changes).toBe(false);
  });

  it("never counts read-only counters: currentUses moving is no change", () => {
    const olds = { ...stored(automatic), currentUses: 900 };
    expect(diff(olds, automatic).changes).toBe(false);
  });

  it("replaces the promotion when redemptionType changes", () => {
    const result = diff(stored(automatic), coupon);
    expect(result.changes).toBe(true);
    // the coupon type comes with it: an AUTOMATIC promotion has none, a COUPON one SINGLE by default
    expect(result.replaces).toEqual(["redemptionType", "couponType"]);
    expect(result.deleteBeforeReplace).toBe(true);
    expect(diff(stored(coupon), automatic).replaces).toContain("redemptionType");
  });

  it("replaces the promotion when couponType changes, also from the store's SINGLE default", () => {
    expect(diff(stored(coupon), { ...coupon, couponType: "BULK" }).replaces).toEqual(["couponType"]);
    expect(diff(stored({ ...coupon, couponType: "BULK" }), coupon).replaces).toEqual(["couponType"]);
    expect(diff(stored(coupon), { ...coupon, couponType: "SINGLE" }).changes).toBe(false);
  });

  it("shows a store-side move to INVALID as a change when ENABLED is declared", () => {
    const result = diff(stored(automatic, { status: "INVALID" }), { ...automatic, status: "ENABLED" });
    expect(result).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    // and also when the status is left to its default
    expect(diff(stored(automatic, { status: "INVALID" }), automatic).changes).toBe(true);
  });

  it("updates in place when a nested rule value changes", () => {
    const result = diff(stored(automatic), { ...automatic, rules: [{ ...rule, applyOnce: false }] });
    expect(result).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("shows a declared value that differs from the store's choice as a change", () => {
    expect(diff(stored(automatic), { ...automatic, startDate: "2027-01-01" }).changes).toBe(true);
    expect(diff(stored(automatic), { ...automatic, currencyCode: "USD" }).changes).toBe(true);
    expect(diff(stored(automatic), { ...automatic, maxUses: 5 }).changes).toBe(true);
    expect(diff(stored(automatic), { ...automatic, channels: [1] }).changes).toBe(true);
  });

  it("shows drift of a declared default made in the store (channels restricted in the control panel)", () => {
    expect(diff(stored(automatic, { channels: [{ id: 2 }] }), automatic).changes).toBe(true);
  });

  it("counts unknown inputs as changes", () => {
    const result = diffInputs(promotionKind, stored(automatic), { ...checked(automatic), name: UNKNOWN });
    expect(result.changes).toBe(true);
  });
});
