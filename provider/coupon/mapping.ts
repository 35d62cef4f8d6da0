import { compact, money4, normalizeDate } from "../common/values";
import type { CouponInputs, CouponType } from "./schema";

/** A coupon as the v2 API returns it. */
export interface ApiCoupon {
  id: number;
  name: string;
  type: string;
  amount: string;
  min_purchase: string;
  expires: string;
  enabled: boolean;
  code: string;
  applies_to: { entity: string; ids: number[] } | null;
  num_uses: number;
  max_uses: number;
  max_uses_per_customer: number;
  restricted_to: { countries?: string } | [] | null;
  shipping_methods: string[] | null;
  date_created: string;
}

/** Canonical inputs -> request body (every writable field; `applies_to` always, as a PUT without it clears it). */
export function toApi(c: CouponInputs): Record<string, unknown> {
  return compact({
    name: c.name,
    code: c.code,
    type: c.type,
    amount: c.amount,
    min_purchase: c.minPurchase,
    expires: c.expires,
    enabled: c.enabled,
    applies_to: { entity: c.appliesTo.entity, ids: c.appliesTo.ids },
    max_uses: c.maxUses,
    max_uses_per_customer: c.maxUsesPerCustomer,
    restricted_to: c.restrictedTo,
    shipping_methods: c.shippingMethods,
  });
}

/** API object -> canonical inputs (what the store holds, in the form check produces). */
export function fromApi(a: ApiCoupon): CouponInputs {
  const restricted =
    a.restricted_to && !Array.isArray(a.restricted_to) && a.restricted_to.countries
      ? { countries: a.restricted_to.countries }
      : {};
  return {
    name: a.name,
    code: a.code,
    type: a.type as CouponType,
    amount: money4(a.amount) ?? String(a.amount),
    minPurchase: money4(a.min_purchase ?? "0") ?? String(a.min_purchase),
    expires: a.expires ? (normalizeDate(a.expires) ?? a.expires) : "",
    enabled: Boolean(a.enabled),
    appliesTo: a.applies_to
      ? {
          entity: a.applies_to.entity as "products" | "categories",
          ids: [...new Set(a.applies_to.ids)].sort((x, y) => x - y),
        }
      : (null as unknown as CouponInputs["appliesTo"]),
    maxUses: a.max_uses ?? 0,
    maxUsesPerCustomer: a.max_uses_per_customer ?? 0,
    restrictedTo: restricted,
    shippingMethods: a.shipping_methods ?? [],
  };
}

/** Output-only values of a coupon. */
export function outputsFromApi(a: ApiCoupon): { couponId: number; numUses: number; dateCreated: string } {
  return { couponId: a.id, numUses: a.num_uses ?? 0, dateCreated: a.date_created };
}
