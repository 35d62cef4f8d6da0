/**
 * The rules of the pack as plain functions of one object: its kind (`Coupon`), its name and its
 * props, to the messages of what breaks the rule. Each message says the rule, the value found and
 * the config key that changes the threshold. `policies.ts` wires them to the policy SDK.
 */
import { parseDate } from "../provider/common/values";
import { configKey, PolicySettings } from "./config";
import { Discount, discountsOf, discountText } from "./discounts";

export interface Subject {
  /** The kind's name: `Coupon`, `Promotion`, `GiftCertificate`, `BulkCouponCodes`, ... */
  kind: string;
  /** The resource's name in the program (`spring.welcome` for a campaign entry). */
  name: string;
  /** Its known values: the checked inputs, or (stack rules) the outputs in state. */
  props: Record<string, unknown>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function maxDiscount(s: Subject, c: PolicySettings["max-discount"]): string[] {
  const out: string[] = [];
  for (const d of discountsOf(s.kind, s.props)) {
    if (d.kind === "percentage" && d.value > c.maxPercentage) {
      out.push(
        `${d.path}: ${d.value} % off is above the cap of ${c.maxPercentage} % (${configKey("max-discount", "maxPercentage")})`,
      );
    }
    if (d.kind === "fixed" && d.value > c.maxFixedAmount) {
      out.push(
        `${d.path}: ${d.value} off is above the cap of ${c.maxFixedAmount} (${configKey("max-discount", "maxFixedAmount")})`,
      );
    }
  }
  return out;
}

export function freeShippingAndFullDiscount(
  s: Subject,
  c: PolicySettings["free-shipping-and-full-discount"],
): string[] {
  if (c.allowedResources.includes(s.name)) return [];
  const key = configKey("free-shipping-and-full-discount", "allowedResources");
  return discountsOf(s.kind, s.props)
    .filter((d) => d.kind === "freeShipping" || (d.kind === "percentage" && d.value >= 100))
    .map(
      (d) =>
        `${d.path}: ${d.kind === "freeShipping" ? "free shipping" : `${d.value} % off`} is allowed only for the resources listed in ${key}, and "${s.name}" is not one of them`,
    );
}

/** When the object starts and ends giving its discount; undefined for kinds that give none. */
function validity(s: Subject, now: Date): { start: Date; end?: Date; endKey: string } | undefined {
  if (s.kind === "Coupon") return { start: now, end: parseDate(s.props.expires), endKey: "expires" };
  if (s.kind === "Promotion") {
    return { start: parseDate(s.props.startDate) ?? now, end: parseDate(s.props.endDate), endKey: "endDate" };
  }
  return undefined;
}

export function discountEndDate(s: Subject, c: PolicySettings["discount-end-date"], now: Date): string[] {
  const v = validity(s, now);
  if (!v || discountsOf(s.kind, s.props).length === 0) return [];
  const key = configKey("discount-end-date", "maxDays");
  if (!v.end)
    return [`${v.endKey}: none, the discount never ends; it must end within ${c.maxDays} days of its start (${key})`];
  const days = Math.ceil((v.end.getTime() - v.start.getTime()) / DAY_MS);
  if (days <= c.maxDays) return [];
  const from = s.kind === "Promotion" && s.props.startDate ? "its startDate" : "now";
  return [
    `${v.endKey}: ${v.end.toISOString()} is ${days} days after ${from}; a discount must end within ${c.maxDays} days of its start (${key})`,
  ];
}

/** The discount that decides whether limits are needed: the first one above a threshold. */
function aboveLimitThreshold(ds: Discount[], c: PolicySettings["use-limits"]): Discount | undefined {
  return ds.find(
    (d) =>
      (d.kind === "percentage" && d.value > c.abovePercentage) || (d.kind === "fixed" && d.value > c.aboveFixedAmount),
  );
}

const positive = (v: unknown) => typeof v === "number" && v > 0;
/** A use limit in a message: its number, or `none` when the object declares none. */
const limitText = (v: unknown) => (typeof v === "number" ? String(v) : "none");

export function useLimits(s: Subject, c: PolicySettings["use-limits"]): string[] {
  const d = aboveLimitThreshold(discountsOf(s.kind, s.props), c);
  if (!d) return [];
  const threshold =
    d.kind === "percentage"
      ? `${c.abovePercentage} % (${configKey("use-limits", "abovePercentage")})`
      : `${c.aboveFixedAmount} (${configKey("use-limits", "aboveFixedAmount")})`;
  const need = (field: string, what: string) =>
    `${field}: ${limitText(s.props[field])} (unlimited); ${d.path} gives ${discountText(d)}, above ${threshold}, which needs a ${what} use limit of 1 or more`;
  const out: string[] = [];
  if (!positive(s.props.maxUses)) out.push(need("maxUses", "total"));
  // promotions have no per-customer limit of their own (their codes do)
  if (s.kind === "Coupon" && !positive(s.props.maxUsesPerCustomer))
    out.push(need("maxUsesPerCustomer", "per-customer"));
  return out;
}

/**
 * Gift certificates: the amount cap, and no certificate created (or changed) already expired. A
 * stack rule: `existing` says the object is in state and unchanged, so an expiry that has passed
 * since it was created is not its creator's mistake.
 */
export function giftCertificateLimits(
  s: Subject,
  c: PolicySettings["gift-certificate-limits"],
  now: Date,
  existing: boolean,
): string[] {
  if (s.kind !== "GiftCertificate") return [];
  const out: string[] = [];
  const amount = Number(s.props.amount);
  if (Number.isFinite(amount) && amount > c.maxAmount) {
    out.push(
      `amount: ${amount} is above the cap of ${c.maxAmount} (${configKey("gift-certificate-limits", "maxAmount")})`,
    );
  }
  const expiry = parseDate(s.props.expiryDate);
  if (!existing && expiry && expiry.getTime() <= now.getTime()) {
    out.push(
      `expiryDate: ${expiry.toISOString()} has passed; a certificate must not be created or changed already expired`,
    );
  }
  return out;
}

export function bulkCodeLimits(s: Subject, c: PolicySettings["bulk-code-limits"]): string[] {
  if (s.kind !== "BulkCouponCodes") return [];
  const size = Number(s.props.batchSize);
  if (!(size > c.maxCodesWithoutLimit) || positive(s.props.maxUses)) return [];
  return [
    `maxUses: ${limitText(s.props.maxUses)} (unlimited) for a batch of ${size} codes; a batch of more than ${c.maxCodesWithoutLimit} codes (${configKey("bulk-code-limits", "maxCodesWithoutLimit")}) needs a per-code use limit of 1 or more`,
  ];
}

export function stacking(s: Subject, c: PolicySettings["stacking"]): string[] {
  if (s.kind !== "Promotion" || s.props.canBeUsedWithOtherPromotions === false) return [];
  return discountsOf(s.kind, s.props)
    .filter(
      (d) =>
        (d.kind === "percentage" && d.value >= c.belowPercentage) ||
        (d.kind === "fixed" && d.value >= c.belowFixedAmount),
    )
    .map((d) => {
      const limit =
        d.kind === "percentage"
          ? `${c.belowPercentage} % (${configKey("stacking", "belowPercentage")})`
          : `${c.belowFixedAmount} (${configKey("stacking", "belowFixedAmount")})`;
      return `canBeUsedWithOtherPromotions: true (the default) while ${d.path} gives ${discountText(d)}; only a discount below ${limit} may combine with other promotions: set canBeUsedWithOtherPromotions to false`;
    });
}

/** The output counting an object's uses, for the kinds with a `deletionPolicy`. */
const USES_OUTPUT: Record<string, string> = { Coupon: "numUses", Promotion: "currentUses" };

/**
 * `deletionPolicy: "delete"` deletes the object on destroy or replacement however often it was
 * used. Deletions never reach a policy pack, so the rule holds before: "delete" only on an object
 * the state shows unused. A stack rule: the uses come from state (known for unchanged objects).
 */
export function usedObjectsKept(s: Subject): string[] {
  const output = USES_OUTPUT[s.kind];
  if (!output || s.props.deletionPolicy !== "delete") return [];
  const uses = s.props[output];
  const fix = `destroying or replacing it would delete it: set deletionPolicy to "disable" (the default) or "retain"`;
  if (typeof uses === "number") {
    return uses > 0 ? [`deletionPolicy: "delete" on an object used ${uses} time${uses === 1 ? "" : "s"}; ${fix}`] : [];
  }
  return [
    `deletionPolicy: "delete" on an object whose uses this preview cannot see (new or changed); if customers use it, ${fix}`,
  ];
}
