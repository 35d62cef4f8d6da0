#!/usr/bin/env node
/**
 * Seeds a local store with a varied set of marketing objects through its API, as a store that
 * has been in use for a while would hold them: coupons of every type, banners on every page
 * with both date types, gift certificates (one spent, one disabled), automatic and coupon
 * promotions (single and bulk) with their codes, and some of them used (through the store's
 * `PATCH /__admin/...` raw edits, as customers would use them).
 *
 * Bodies are written the way other apps write them (`"5"` for `"5.0000"`, RFC 2822 dates in
 * other zones, unsorted ids), not through the resources' mappings, so that an export of the
 * store has real spelling differences to canonicalise.
 *
 *   bigcommerce-seed [--api-url http://127.0.0.1:4567]   (--help: the options)
 */
import fetch from "node-fetch";
import { BigCommerceClient } from "../provider/client/http";
import { LOCAL_STORE } from "../provider/config";
import { BANNERS, COUPONS, GIFT_CERTIFICATES, PROMOTIONS } from "../provider/client/paths";
import { codegenPath, codesPath, listCodes } from "../provider/common/promotion-codes";
import { command, exitWith, runCommand } from "./cli";

type Body = Record<string, unknown>;

/** Ids of what was seeded, by collection. */
export interface Seeded {
  coupons: number[];
  banners: number[];
  giftCertificates: number[];
  promotions: number[];
  /** Coupon codes of the promotions (created and generated). */
  codes: number[];
  /** How many objects in all. */
  total: number;
}

export interface SeedOptions {
  /** A client of the store to seed. */
  client: BigCommerceClient;
  /** The store's origin, for `PATCH /__admin/...` (uses of coupons, promotions and codes; spending). */
  adminUrl: string;
  /** Added to every name and code, so that a store can be seeded twice (default ""). */
  tag?: string;
}

const DAY = 86_400;
/** A fixed point in time (2026-01-05T00:00:00Z), so that dates are the same on every run. */
const T0 = 1767571200;
const unix = (days: number) => String(T0 + days * DAY);
const iso = (days: number) => new Date((T0 + days * DAY) * 1000).toISOString().replace(/\.\d{3}Z$/, "+00:00");

function coupons(tag: string): Body[] {
  const c = (name: string, code: string, type: string, amount: unknown, extra: Body = {}): Body => ({
    name: `${name}${tag}`,
    code: `${code}${tag}`,
    type,
    amount,
    applies_to: { entity: "categories", ids: [0] },
    ...extra,
  });
  return [
    c("Ten percent off", "TENOFF", "percentage_discount", "10"),
    c("Spring 15", "SPRING15", "percentage_discount", 15, {
      min_purchase: "25",
      expires: "Tue, 30 Jun 2026 00:00:00 +0000",
      max_uses: 100,
    }),
    c("Half price shoes", "SHOES50", "percentage_discount", "50.00", {
      applies_to: { entity: "categories", ids: [23, 7, 7] },
    }),
    c("Five off each", "EACH5", "per_item_discount", 5, { applies_to: { entity: "products", ids: [112, 77, 98] } }),
    c("Two off each", "EACH2", "per_item_discount", "2.5", { max_uses_per_customer: 1 }),
    c("Twenty off order", "ORDER20", "per_total_discount", "20", { min_purchase: 100 }),
    c("Ten off order", "ORDER10", "per_total_discount", "10.0000", { expires: "Fri, 31 Dec 2027 18:00:00 -0500" }),
    c("Old winter deal", "WINTER-OLD", "per_total_discount", "15", {
      enabled: false,
      expires: "Sun, 01 Mar 2026 00:00:00 +0000",
    }),
    c("Cheaper shipping", "SHIP3", "shipping_discount", "3", { shipping_methods: ["flat_rate", "ups"] }),
    c("Shipping five", "SHIP5", "shipping_discount", 5, { restricted_to: { countries: "US" } }),
    c("Free shipping AU", "FREESHIP-AU", "free_shipping", "0", { restricted_to: { countries: "AU" } }),
    c("Free shipping", "FREESHIP", "free_shipping", 0, { max_uses: 500, max_uses_per_customer: 2 }),
    c("Staff discount", "STAFF_25", "percentage_discount", "25", { max_uses_per_customer: 0, enabled: false }),
    c("VIP 30", "VIP 30", "percentage_discount", 30, {
      applies_to: { entity: "products", ids: [5] },
      min_purchase: "49.99",
    }),
    c("Bulk buyer", "BULK-BUYER", "per_total_discount", "7.5", { max_uses: 10, min_purchase: "300.0" }),
  ];
}

function banners(tag: string): Body[] {
  const b = (name: string, page: string, extra: Body = {}): Body => ({
    name: `${name}${tag}`,
    content: `<p>${name}</p>`,
    page,
    location: "top",
    date_type: "always",
    ...extra,
  });
  return [
    b("Welcome", "home_page"),
    b("Holiday hours", "home_page", {
      location: "bottom",
      date_type: "custom",
      date_from: unix(320),
      date_to: unix(360),
    }),
    b("Coats sale", "category_page", { item_id: "23", content: "<p>Winter sale: <b>20% off</b> coats</p>" }),
    b("Boots week", "category_page", {
      item_id: "7",
      date_type: "custom",
      date_from: unix(10),
      date_to: unix(17),
      visible: "0",
    }),
    b("Brand spotlight", "brand_page", { item_id: "3", location: "bottom" }),
    b("Search tips", "search_page", { content: "Try \"coats\" or 'boots': sizes 36-46\n<br/>Free returns" }),
    b("Hidden teaser", "home_page", { visible: "0" }),
    b("Sale ends soon", "search_page", {
      location: "bottom",
      date_type: "custom",
      date_from: unix(-3),
      date_to: unix(4),
    }),
    b("Summer brand days", "brand_page", {
      item_id: "9",
      date_type: "custom",
      date_from: unix(150),
      date_to: unix(180),
    }),
  ];
}

function giftCertificates(tag: string): Body[] {
  const g = (to: string, amount: unknown, extra: Body = {}): Body => ({
    to_name: to,
    to_email: `${to.toLowerCase().replace(/[^a-z]/g, "")}${tag.toLowerCase().replace(/[^a-z0-9]/g, "")}@example.com`,
    from_name: "Noland",
    from_email: "noland@example.com",
    amount,
    ...extra,
  });
  return [
    g("Alyss", "50", {
      template: "birthday.html",
      message: "Happy birthday!",
      expiry_date: "Wed, 30 Jun 2027 00:00:00 +0000",
    }),
    g("Bram", 25),
    g("Cato", "100.00", { currency_code: "EUR", template: "christmas.html", message: "Merry Christmas" }),
    g("Dana", "75", { purchase_date: "Mon, 05 Jan 2026 10:30:00 +0000", customer_id: 42 }),
    g("Eli", "20", { status: "disabled" }),
    g("Fay", "40", { code: `GIFT-FAY${tag}`.slice(0, 20), status: "pending" }),
    g("Gus", "10", {
      purchase_date: "Mon, 01 Dec 2025 09:00:00 +0000",
      expiry_date: "Thu, 01 Jan 2026 00:00:00 +0000",
    }),
  ];
}

function promotions(tag: string): Array<{ body: Body; codes?: Body[]; generate?: number }> {
  const auto = (name: string, rules: Body[], extra: Body = {}) => ({
    body: { redemption_type: "AUTOMATIC", name: `${name}${tag}`, rules, ...extra },
  });
  const coupon = (name: string, rules: Body[], extra: Body, codes: Body[], generate?: number) => ({
    body: { redemption_type: "COUPON", name: `${name}${tag}`, rules, ...extra },
    codes,
    generate,
  });
  const off = (amount: string) => ({ action: { cart_value: { discount: { fixed_amount: amount } } } });
  const code = (text: string, extra: Body = {}) => ({
    code: `${text}${tag}`.replace(/[^A-Za-z0-9_ -]/g, "-"),
    ...extra,
  });
  return [
    auto("5 off orders over 50", [{ ...off("5.00"), condition: { cart: { minimum_spend: "50.00" } } }]),
    auto(
      "20% off two brands",
      [
        {
          action: { cart_items: { discount: { percentage_amount: "20" }, items: { brands: [7, 3] } } },
          condition: { cart: { items: { not: { categories: [12] } }, minimum_quantity: 2 } },
        },
      ],
      { start_date: iso(60), end_date: iso(150) },
    ),
    auto(
      "Free gift over 100",
      [{ action: { gift_item: { quantity: 1, product_id: 77 } }, condition: { cart: { minimum_spend: "100" } } }],
      {
        customer: { group_ids: [2, 1], minimum_order_count: 1 },
        notifications: [{ content: "A free gift is in your cart", type: "APPLIED", locations: ["CART_PAGE"] }],
      },
    ),
    auto(
      "Three for 30",
      [
        {
          action: { fixed_price_set: { quantity: 3, fixed_price: "30", items: { products: [5, 6, 7] } } },
          apply_once: false,
        },
      ],
      {
        channels: [{ id: 1 }],
        status: "DISABLED",
      },
    ),
    auto("Free shipping weekends", [{ action: { shipping: { free_shipping: true, zone_ids: "*" } } }], {
      schedule: {
        week_frequency: 1,
        week_days: ["Saturday", "Sunday"],
        daily_start_time: "00:00:00",
        daily_end_time: "23:59:59",
      },
      shipping_address: { countries: [{ iso2_country_code: "US" }] },
    }),
    auto(
      "Members 10%",
      [
        {
          action: {
            cart_items: { discount: { percentage_amount: "10.0" }, as_total: false, exclude_items_on_sale: true },
          },
        },
      ],
      {
        customer: { excluded_group_ids: [4] },
        display_name: "Members save 10%",
        max_uses: 1000,
        currency_code: "USD",
        stop: true,
      },
    ),
    coupon("Welcome 10", [off("10")], {}, [
      code("WELCOME10", { max_uses: 100 }),
      code("HELLO10"),
      code("HI10", { max_uses: 5, max_uses_per_customer: 1 }),
    ]),
    coupon(
      "VIP exclusive",
      [{ action: { cart_items: { discount: { percentage_amount: "15" }, items: { categories: [23] } } } }],
      {
        can_be_used_with_other_promotions: false,
        coupon_overrides_other_promotions: true,
        end_date: iso(400),
      },
      [code("VIPONLY")],
    ),
    coupon("Spring bulk", [off("5")], { coupon_type: "BULK", max_uses: 250 }, [code("SPRING-BULK-A")], 4),
    coupon("Disabled codes", [off("1")], { status: "DISABLED" }, [code("NOPE1"), code("NOPE2")]),
  ];
}

async function admin(adminUrl: string, collection: string, id: number, body: Body): Promise<void> {
  const res = await fetch(`${adminUrl}/__admin/${collection}/${id}`, { method: "PATCH", body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`PATCH /__admin/${collection}/${id} answered ${res.status}`);
}

/** Seeds the store (see the module comment); returns the ids it created. */
export async function seedStore(options: SeedOptions): Promise<Seeded> {
  const { client, adminUrl } = options;
  const tag = options.tag ?? "";
  const out: Seeded = { coupons: [], banners: [], giftCertificates: [], promotions: [], codes: [], total: 0 };

  for (const body of coupons(tag)) out.coupons.push((await client.post<{ id: number }>(COUPONS, body))!.id);
  for (const body of banners(tag)) out.banners.push((await client.post<{ id: number }>(BANNERS, body))!.id);
  for (const body of giftCertificates(tag))
    out.giftCertificates.push((await client.post<{ id: number }>(GIFT_CERTIFICATES, body))!.id);
  for (const p of promotions(tag)) {
    const created = await client.post<{ data: { id: number } }>(PROMOTIONS, p.body);
    const id = created!.data.id;
    out.promotions.push(id);
    for (const code of p.codes ?? []) {
      out.codes.push((await client.post<{ data: { id: number } }>(codesPath(id), code))!.data.id);
    }
    if (p.generate) {
      // the answer lists the generated codes without their ids: read them back from the list
      const before = new Set((await listCodes(client, String(id))).map((c) => c.id));
      await client.post(codegenPath(id), {
        batch_size: p.generate,
        max_uses: 1,
        max_uses_per_customer: 1,
      });
      out.codes.push(...(await listCodes(client, String(id))).map((c) => c.id).filter((c) => !before.has(c)));
    }
  }

  // Customers at work: uses of coupons, promotions and codes; a certificate partly spent.
  await admin(adminUrl, "coupons", out.coupons[1], { num_uses: 37 });
  await admin(adminUrl, "coupons", out.coupons[5], { num_uses: 3 });
  await admin(adminUrl, "coupons", out.coupons[7], { num_uses: 120 });
  await admin(adminUrl, "gift_certificates", out.giftCertificates[0], { balance: "30.0000" });
  await admin(adminUrl, "promotions", out.promotions[0], { current_uses: 12 });
  await admin(adminUrl, "promotions", out.promotions[6], { current_uses: 4 });
  await admin(adminUrl, "promotion_codes", out.codes[0], { current_uses: 3 });
  await admin(adminUrl, "promotion_codes", out.codes[1], { current_uses: 1 });

  out.total =
    out.coupons.length + out.banners.length + out.giftCertificates.length + out.promotions.length + out.codes.length;
  return out;
}

export const SEED_COMMAND = command({
  name: "seed",
  usage: ["bigcommerce-seed [--api-url URL]"],
  description:
    "Seeds a local store with 52 varied marketing objects through its API, as a store in use for a while holds them: coupons of every type, banners on every page, gift certificates (one spent, one disabled), automatic and coupon promotions with their codes, some of them used.",
  options: {
    "api-url": { type: "string", value: "URL", default: LOCAL_STORE.apiUrl, description: "the local store's origin" },
  },
  exitCodes: [
    [0, "seeded"],
    [1, "the store refused a request or could not be reached"],
    [2, "bad arguments"],
  ],
  examples: ["bigcommerce-store & bigcommerce-seed --api-url http://127.0.0.1:4567"],
});

/** Seeds the store the command line names; resolves with the exit code. */
export function main(argv: string[]): Promise<number> {
  return runCommand(SEED_COMMAND, argv, async ({ values }) => {
    const apiUrl = values["api-url"];
    const client = new BigCommerceClient({
      storeHash: LOCAL_STORE.storeHash,
      accessToken: LOCAL_STORE.accessToken,
      apiUrl,
    });
    const s = await seedStore({ client, adminUrl: apiUrl });
    process.stderr.write(`seeded ${s.total} objects into ${apiUrl}\n`);
    return 0;
  });
}

if (require.main === module) exitWith(main(process.argv.slice(2)), { prefix: "seed: ", code: 1 });
