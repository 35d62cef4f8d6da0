import { Banner, Coupon, CouponCode, GiftCertificate, Promotion } from "../../provider";

/**
 * A realistic mix of N marketing objects for the fault tests and the benchmark: in every ten,
 * four coupons, two banners, two gift certificates, and a coupon promotion with one code (the
 * code counts as an object). Names and codes are deterministic: the same `n` and `prefix`
 * declare the same objects, and object `i` keeps its name when `n` grows.
 */
export interface MixedArgs {
  /** How many objects (Pulumi resources) to declare. */
  n: number;
  /** Prefix of every name and code (letters and digits; default "mix"). */
  prefix?: string;
}

export type MixedKind = "coupon" | "banner" | "giftCertificate" | "promotion" | "couponCode";

/** One declared object: its kind, Pulumi name, and the value that identifies it in the store. */
export interface MixedObject {
  kind: MixedKind;
  /** Pulumi resource name. */
  name: string;
  /** `name` of a coupon, banner or promotion; `code` of a gift certificate or coupon code. */
  key: string;
  /** Its index within the mix. */
  index: number;
  /** The promotion a coupon code belongs to (its Pulumi name). */
  promotion?: string;
}

const CYCLE: MixedKind[] = [
  "coupon",
  "banner",
  "giftCertificate",
  "coupon",
  "promotion",
  "couponCode",
  "coupon",
  "banner",
  "giftCertificate",
  "coupon",
];

/** The objects `mixed({ n, prefix })` declares, in order (a code always follows its promotion). */
export function mixedPlan(n: number, prefix = "mix"): MixedObject[] {
  if (!Number.isInteger(n) || n < 0) throw new Error(`n: must be a non-negative integer (got ${n})`);
  if (!/^[A-Za-z0-9]{1,8}$/.test(prefix))
    throw new Error(`prefix: must be 1 to 8 letters or digits (got ${JSON.stringify(prefix)})`);
  const P = prefix.toUpperCase();
  const out: MixedObject[] = [];
  let lastPromotion: string | undefined;
  for (let i = 0; i < n; i++) {
    const kind = CYCLE[i % CYCLE.length]; // a code always comes right after its promotion
    const num = String(i).padStart(4, "0");
    switch (kind) {
      case "coupon":
        out.push({ kind, index: i, name: `${prefix}-coupon-${num}`, key: `${prefix} coupon ${num}` });
        break;
      case "banner":
        out.push({ kind, index: i, name: `${prefix}-banner-${num}`, key: `${prefix} banner ${num}` });
        break;
      case "giftCertificate":
        out.push({ kind, index: i, name: `${prefix}-gift-${num}`, key: `${P}G${num}` });
        break;
      case "promotion":
        lastPromotion = `${prefix}-promotion-${num}`;
        out.push({ kind, index: i, name: lastPromotion, key: `${prefix} promotion ${num}` });
        break;
      case "couponCode":
        out.push({ kind, index: i, name: `${prefix}-code-${num}`, key: `${P}P${num}`, promotion: lastPromotion });
        lastPromotion = undefined;
        break;
    }
  }
  return out;
}

/** Declares the mix; exports the number of objects of each kind. */
export default function mixed(args: MixedArgs): Record<string, unknown> {
  const prefix = args.prefix ?? "mix";
  const P = prefix.toUpperCase();
  const promotions = new Map<string, Promotion>();
  const counts: Record<string, number> = {};
  for (const o of mixedPlan(args.n, prefix)) {
    counts[o.kind] = (counts[o.kind] ?? 0) + 1;
    const num = String(o.index).padStart(4, "0");
    switch (o.kind) {
      case "coupon":
        new Coupon(o.name, {
          name: o.key,
          code: `${P}-C${num}`,
          type: o.index % 2 ? "percentage_discount" : "per_total_discount",
          amount: o.index % 2 ? 10 + (o.index % 15) : 5,
          minPurchase: o.index % 3 === 0 ? 25 : undefined,
          expires: "2027-12-31",
          maxUsesPerCustomer: 1,
        });
        break;
      case "banner":
        new Banner(o.name, {
          name: o.key,
          content: `<p>${o.key}: <b>sale</b></p>`,
          page: o.index % 3 ? "home_page" : "search_page",
          location: o.index % 2 ? "top" : "bottom",
          dateType: "custom",
          dateFrom: "2027-11-27T00:00:00Z",
          dateTo: "2027-12-01T23:59:59Z",
        });
        break;
      case "giftCertificate":
        new GiftCertificate(o.name, {
          toName: `Customer ${num}`,
          toEmail: `customer${num}@example.com`,
          fromName: "The shop",
          fromEmail: "shop@example.com",
          amount: 25 + (o.index % 4) * 25,
          code: o.key,
          message: `Thank you, customer ${num}`,
        });
        break;
      case "promotion":
        promotions.set(
          o.name,
          new Promotion(o.name, {
            redemptionType: "COUPON",
            name: o.key,
            rules: [{ action: { cartValue: { discount: { percentageAmount: 5 + (o.index % 20) } } } }],
            startDate: "2027-11-27T00:00:00Z",
            endDate: "2027-12-01T23:59:59Z",
          }),
        );
        break;
      case "couponCode":
        new CouponCode(o.name, {
          promotionId: (promotions.get(o.promotion as string) as Promotion).promotionId,
          code: o.key,
          maxUses: 1000,
          maxUsesPerCustomer: 1,
        });
        break;
    }
  }
  return { counts };
}
