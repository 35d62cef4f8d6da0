/**
 * Every discount an object gives, with where it is declared. Promotions are walked as a tree
 * rather than by the shape of today's actions, so that a discount nested in any action, condition
 * or matcher (however deep) is found.
 */
import { pathText } from "../provider/common/kind";

export interface Discount {
  /** Where it is declared (`rules[2].action.cartItems.discount.percentageAmount`). */
  path: string;
  kind: "percentage" | "fixed" | "freeShipping";
  /** The percentage or the amount (1 for free shipping). */
  value: number;
}

type Props = Record<string, unknown>;

/** The coupon's discount, by its type (`amount` is a percentage for `percentage_discount`). */
export function couponDiscounts(props: Props): Discount[] {
  const amount = Number(props.amount);
  switch (props.type) {
    case "percentage_discount":
      return Number.isFinite(amount) ? [{ path: "amount", kind: "percentage", value: amount }] : [];
    case "free_shipping":
      return [{ path: "type", kind: "freeShipping", value: 1 }];
    case "per_item_discount":
    case "per_total_discount":
    case "shipping_discount":
      return Number.isFinite(amount) ? [{ path: "amount", kind: "fixed", value: amount }] : [];
    default:
      return [];
  }
}

/** Every `percentageAmount`, `fixedAmount` and `freeShipping: true` below the promotion's rules. */
export function promotionDiscounts(props: Props): Discount[] {
  const found: Discount[] = [];
  const walk = (v: unknown, path: Array<string | number>) => {
    if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, [...path, i]));
      return;
    }
    if (!v || typeof v !== "object") return;
    for (const [key, child] of Object.entries(v as Props)) {
      const at = [...path, key];
      if (key === "percentageAmount" || key === "fixedAmount") {
        const value = Number(child);
        if (Number.isFinite(value)) {
          found.push({ path: pathText(at), kind: key === "percentageAmount" ? "percentage" : "fixed", value });
        }
      } else if (key === "freeShipping" && child === true) {
        found.push({ path: pathText(at), kind: "freeShipping", value: 1 });
      } else {
        walk(child, at);
      }
    }
  };
  walk(props.rules, ["rules"]);
  return found;
}

/** The discounts of an object of `kind`; none for kinds that give none themselves. */
export function discountsOf(kind: string, props: Props): Discount[] {
  if (kind === "Coupon") return couponDiscounts(props);
  if (kind === "Promotion") return promotionDiscounts(props);
  return [];
}

/** How a discount reads in a message: `60 %`, `120 off`, `free shipping`. */
export function discountText(d: Discount): string {
  if (d.kind === "percentage") return `${d.value} %`;
  if (d.kind === "fixed") return `${d.value} off`;
  return "free shipping";
}
