/**
 * The preview summary and drift report, on real `pulumi preview --json` output captured from
 * the engine against the local store (test/tools/fixtures, see README there) and on small
 * previews in the same shape for the cases the fixtures do not hold.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import {
  driftReport,
  parsePlan,
  renderDriftMarkdown,
  renderDriftText,
  renderSummary,
  risks,
} from "../../tools/summary";
import { SECRET_SIG } from "../../tools/summary/plan";

const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", `${name}.json`), "utf8"));

const PROVIDER = "exports.handler = __f0;\n\nvar __provider = {configure: __f1, check: __f2};";
const TYPE = "pulumi-nodejs:dynamic/bigcommerce:";
const urn = (kind: string, name: string) => `urn:pulumi:dev::shop::${TYPE}${kind}::${name}`;
const state = (kind: string, inputs: Record<string, unknown>, outputs?: Record<string, unknown>) => ({
  type: `${TYPE}${kind}`,
  inputs: { __provider: PROVIDER, ...inputs },
  ...(outputs ? { outputs: { __provider: PROVIDER, ...inputs, ...outputs } } : {}),
});
const stackStep = {
  op: "same",
  urn: "urn:pulumi:dev::shop::pulumi:pulumi:Stack::shop-dev",
  oldState: { type: "pulumi:pulumi:Stack" },
  newState: { type: "pulumi:pulumi:Stack" },
};

const coupon = {
  name: "Summer",
  code: "SUMMER10",
  type: "per_total_discount",
  amount: "10.0000",
  minPurchase: "0.0000",
  expires: "Thu, 31 Dec 2026 23:59:00 +0000",
  enabled: true,
  appliesTo: { entity: "categories", ids: [0] },
  maxUses: 0,
  maxUsesPerCustomer: 1,
  restrictedTo: {},
  shippingMethods: [],
};
const promotion = {
  name: "VIP | summer",
  redemptionType: "AUTOMATIC",
  status: "ENABLED",
  endDate: "2026-09-30T23:59:59Z",
  maxUses: 500,
  deletionPolicy: "disable",
  rules: [
    { action: { cartValue: { discount: { fixedAmount: "5" } } }, applyOnce: true, stop: false },
    {
      action: { cartItems: { discount: { percentageAmount: "10" }, items: { brands: [3] } } },
      applyOnce: true,
      stop: false,
    },
  ],
};
const cert = {
  toName: "Dana",
  toEmail: "dana@example.com",
  fromName: "Shop",
  fromEmail: "shop@example.com",
  amount: "80.0000",
  code: "[secret]",
  template: "general.html",
  message: "",
  status: "active",
  expiryDate: "Fri, 31 Dec 2027 00:00:00 +0000",
  customerId: 0,
  allowDeleteWhenSpent: false,
};

/** A preview (no refresh) holding what the captured fixtures do not; as JSON (undefined keys gone). */
const synthetic = JSON.parse(
  JSON.stringify({
    steps: [
      stackStep,
      {
        op: "update",
        urn: urn("Coupon", "summer"),
        oldState: state("Coupon", coupon, { couponId: 7, numUses: 2 }),
        newState: state("Coupon", { ...coupon, expires: "", maxUsesPerCustomer: 0 }),
      },
      {
        op: "update",
        urn: urn("Promotion", "vip"),
        oldState: state("Promotion", promotion, { promotionId: 3, currentUses: 0 }),
        newState: state("Promotion", {
          ...promotion,
          endDate: undefined,
          maxUses: undefined,
          rules: [
            promotion.rules[0],
            {
              ...promotion.rules[1],
              action: { cartItems: { discount: { percentageAmount: "25" }, items: { brands: [3] } } },
            },
          ],
        }),
      },
      {
        op: "replace",
        urn: urn("GiftCertificate", "dana"),
        replaceReasons: ["code"],
        oldState: state("GiftCertificate", cert, { giftCertificateId: 4, balance: "60.0000" }),
        newState: state("GiftCertificate", { ...cert, expiryDate: "" }),
      },
      {
        op: "update",
        urn: urn("GiftCertificate", "eli"),
        oldState: state(
          "GiftCertificate",
          { ...cert, toName: "Eli", code: { [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270", value: "GIFT-ELI-OLD" } },
          { balance: "80.0000" },
        ),
        newState: state("GiftCertificate", {
          ...cert,
          toName: "Eli",
          code: { [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270", value: "GIFT-ELI-NEW" },
        }),
      },
      {
        op: "delete",
        urn: urn("Promotion", "spring"),
        oldState: state(
          "Promotion",
          { ...promotion, name: "Spring", endDate: undefined },
          { promotionId: 2, currentUses: 4 },
        ),
      },
      {
        op: "replace",
        urn: urn("CouponCode", "welcome"),
        replaceReasons: ["maxUses"],
        oldState: state(
          "CouponCode",
          { promotionId: 2, code: "WELCOME5", maxUses: 100, maxUsesPerCustomer: 0 },
          { codeId: 9, currentUses: 1 },
        ),
        newState: state("CouponCode", { promotionId: 2, code: "WELCOME5", maxUses: 0, maxUsesPerCustomer: 0 }),
      },
      {
        op: "replace",
        urn: urn("CouponCode", "vip-code"),
        replaceReasons: ["promotionId"],
        oldState: state(
          "CouponCode",
          { promotionId: 3, code: "VIP", maxUses: 0, maxUsesPerCustomer: 0 },
          { codeId: 10, currentUses: 0 },
        ),
        newState: state("CouponCode", {
          promotionId: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
          code: "VIP",
          maxUses: 0,
          maxUsesPerCustomer: 0,
        }),
      },
      {
        op: "create",
        urn: urn("Banner", "teaser"),
        newState: state("Banner", {
          name: "Teaser",
          content: "<p>Soon</p>",
          page: "category_page",
          itemId: 23,
          location: "top",
          dateType: "custom",
          dateFrom: "2026-07-01T00:00:00Z",
          dateTo: "2026-07-31T23:59:59Z",
          visible: false,
        }),
      },
      {
        op: "create",
        urn: urn("Coupon", "taken"),
        newState: state("Coupon", { ...coupon, code: "OLDSHIP", type: "free_shipping", amount: "0.0000", adoptId: 12 }),
      },
    ],
    changeSummary: { same: 1, update: 3, replace: 3, delete: 1, create: 2 },
  }),
);

// the fixtures' dates are in the future of this day (a date already past is a risk of its own)
beforeAll(() => jest.useFakeTimers({ now: new Date("2026-01-15T00:00:00Z"), advanceTimers: true }));
afterAll(() => jest.useRealTimers());

describe("preview summary", () => {
  test("a preview with every operation: risks, one table per operation, replacement reasons, masked secrets", () => {
    const md = renderSummary(parsePlan(fixture("preview")));
    expect(md).toBe(
      [
        "### Pulumi preview: 2 to create, 3 to update, 1 to replace, 3 to delete",
        "",
        "**Risks**",
        "",
        "- :warning: Gift certificate for Alyss: balance raised from 40.00 to 50.00",
        '- :warning: Promotion "Spring brands": discount raised from 10 % to 15 %',
        "- :warning: Coupon SPRING15: discount raised from 15 % to 20 %",
        "- :warning: Coupon SPRING15: use limit removed (was 100): unlimited uses",
        "- :warning: Gift certificate for Bob deleted with a balance of 25.00",
        "",
        "_Compared with the state of the last `pulumi up` (no `--refresh`): edits made in the store since then are not shown._",
        "",
        "#### Create (2)",
        "",
        "| Object | Details |",
        "|---|---|",
        '| Banner "Free shipping banner" | page home page, location bottom |',
        "| Gift certificate for Carol | amount 30.00, expires never, code (secret) |",
        "",
        "#### Update (3)",
        "",
        "| Object | Changes |",
        "|---|---|",
        '| Banner "Spring banner" | content "&lt;p>Spring sale&lt;/p>" -> "&lt;p>Spring sale: 20% off&lt;/p>" |',
        "| Gift certificate for Alyss | balance 40.00 -> 50.00 |",
        "| Coupon SPRING15 | amount 15 % -> 20 %, expires 30 Jun 2027 -> 15 Jul 2027, use limit 100 -> unlimited |",
        "",
        "#### Replace (1)",
        "",
        "| Object | Changes | Why replaced |",
        "|---|---|---|",
        '| Promotion "Spring brands" | discount 10 % -> 15 %, coupon type SINGLE -> BULK | coupon type cannot change in place |',
        "",
        "#### Delete (3)",
        "",
        "| Object | Details |",
        "|---|---|",
        "| Gift certificate for Bob | amount 25.00, expires never, balance left 25.00 |",
        '| Promotion "Old promo" | redemption AUTOMATIC, 5.00 off the order, status ENABLED |',
        "| Coupon SPRINGSHIP | type free shipping, minimum purchase 50.00, expires never, use limit unlimited |",
        "",
      ].join("\n"),
    );
    // the gift certificate codes of the program (GIFT-ALYSS-2026, GIFT-CAROL-XYZ) and the provider never show
    expect(md).not.toMatch(/GIFT-|exports\.handler|__provider/);
  });

  test("a refreshed preview tells drift (changed in the store) from changes of the code", () => {
    const md = renderSummary(parsePlan(fixture("preview-refresh")));
    expect(md).toBe(
      [
        "### Pulumi preview: 1 to create, 3 to update, 1 to delete",
        "",
        "**Risks**",
        "",
        "- :warning: Coupon SPRINGSHIP deleted after 3 uses",
        "",
        "**Drift**: changed in the store since the last `pulumi up`, not in the code:",
        "",
        "- Gift certificate for Alyss (amount)",
        '- Promotion "Spring brands" (status)',
        '- Banner "Spring banner" (deleted in the store)',
        "- Coupon SPRING15 (amount, use limit)",
        "",
        "#### Create (1)",
        "",
        "| Object | Details |",
        "|---|---|",
        '| Banner "Spring banner" | *drift: deleted in the store; this creates it again*, page home page, location top |',
        "",
        "#### Update (3)",
        "",
        "| Object | Changes |",
        "|---|---|",
        "| Gift certificate for Alyss | amount 100.00 -> 50.00 *(drift: changed in the store from 50.00; this puts it back)* |",
        '| Promotion "Spring brands" | status DISABLED -> ENABLED *(drift: changed in the store from ENABLED; this puts it back)* |',
        '| Coupon SPRING15 | amount 30 % -> 15 % *(drift: changed in the store from 15 %; this puts it back)*, use limit unlimited -> 100 *(drift: changed in the store from 100; this puts it back)*, name "Spring 15" -> "Spring 15 percent" |',
        "",
        "#### Delete (1)",
        "",
        "| Object | Details |",
        "|---|---|",
        "| Coupon SPRINGSHIP | type free shipping, minimum purchase 50.00, expires never, use limit unlimited, used 3 times |",
        "",
      ].join("\n"),
    );
  });

  test("the JSON of `pulumi refresh --preview-only` is read as drift only", () => {
    const plan = parsePlan(fixture("refresh-preview-only"));
    expect(plan.refreshOnly).toBe(true);
    expect(renderSummary(plan)).toBe(
      [
        "### Pulumi refresh (preview): drift",
        "",
        "**Drift**: changed in the store since the last `pulumi up`, not in the code:",
        "",
        '- Banner "Spring banner" (deleted in the store)',
        "- 3 more object(s) changed; this JSON (from `pulumi refresh --preview-only`) does not say how: use `pulumi preview --refresh --json`",
        "",
      ].join("\n"),
    );
  });

  test("expiries and use limits removed, used objects deleted or replaced, secrets in Pulumi's envelope, adoption", () => {
    const md = renderSummary(parsePlan(synthetic), { title: "Preview of stack dev" });
    expect(md).toBe(
      [
        "### Preview of stack dev: 2 to create, 3 to update, 3 to replace, 1 to delete",
        "",
        "**Risks**",
        "",
        "- :warning: Coupon SUMMER10: expires date removed (was 31 Dec 2026 23:59 UTC): it no longer ends",
        "- :warning: Coupon SUMMER10: uses per customer removed (was 1): unlimited uses",
        '- :warning: Promotion "VIP | summer": rule 2 discount raised from 10 % to 25 %',
        '- :warning: Promotion "VIP | summer": ends date removed (was 30 Sep 2026 23:59 UTC): it no longer ends',
        '- :warning: Promotion "VIP | summer": use limit removed (was 500): unlimited uses',
        "- :warning: Gift certificate for Dana: expires date removed (was 31 Dec 2027): it no longer ends",
        "- :warning: Gift certificate for Dana replaced (the old one is deleted) with a balance of 60.00; the recipient gets a new code",
        '- :warning: Promotion "Spring" deleted after 4 uses as of the last refresh (deletion policy: disable)',
        "- :warning: Coupon code WELCOME5: use limit removed (was 100): unlimited uses",
        "- :warning: Coupon code WELCOME5 replaced (the old one is deleted) after 1 use as of the last refresh",
        "",
        "_Compared with the state of the last `pulumi up` (no `--refresh`): edits made in the store since then are not shown._",
        "",
        "#### Create (2)",
        "",
        "| Object | Details |",
        "|---|---|",
        '| Banner "Teaser" | page category page, location top, visible no, shown from 1 Jul 2026, shown until 31 Jul 2026 23:59 UTC |',
        "| Coupon OLDSHIP | type free shipping, expires 31 Dec 2026 23:59 UTC, use limit unlimited, uses per customer 1, takes over store object #12 |",
        "",
        "#### Update (3)",
        "",
        "| Object | Changes |",
        "|---|---|",
        "| Coupon SUMMER10 | expires 31 Dec 2026 23:59 UTC -> never, uses per customer 1 -> unlimited |",
        '| Promotion "VIP \\| summer" | ends 30 Sep 2026 23:59 UTC -> never, use limit 500 -> unlimited, rule 2 discount 10 % -> 25 % |',
        "| Gift certificate for Eli | code changed (secret) |",
        "",
        "#### Replace (3)",
        "",
        "| Object | Changes | Why replaced |",
        "|---|---|---|",
        "| Gift certificate for Dana | expires 31 Dec 2027 -> never, code changed (secret) | code cannot change in place |",
        "| Coupon code WELCOME5 | use limit 100 -> unlimited | use limit cannot change in place |",
        "| Coupon code VIP | promotion 3 -> (known after apply) | promotion known only during the update: replaced only if it changes |",
        "",
        "#### Delete (1)",
        "",
        "| Object | Details |",
        "|---|---|",
        '| Promotion "Spring" | redemption AUTOMATIC, 5.00 off the order + 10 % off items, status ENABLED, use limit 500, used 4 times |',
        "",
      ].join("\n"),
    );
    expect(md).not.toMatch(/GIFT-ELI|exports\.handler/);
  });

  test("a preview with nothing to do says so", () => {
    expect(renderSummary(parsePlan({ steps: [stackStep], changeSummary: { same: 1 } }))).toBe(
      "### Pulumi preview: no changes\n\nThe store already matches the code.\n",
    );
  });

  test("a failed preview shows its errors, never `no changes`", () => {
    expect(renderSummary(parsePlan(fixture("preview-failed-check")))).toBe(
      [
        "### Pulumi preview: failed",
        "",
        "The preview stopped with these errors; fix them and push again:",
        "",
        "- a: pulumi-nodejs:dynamic/bigcommerce:Coupon resource 'a': property code value {A A%} has a problem: code: may contain only letters, digits, spaces, underscores and hyphens",
        "",
      ].join("\n"),
    );
  });

  test("input that is not preview JSON is refused", () => {
    expect(() => parsePlan({ config: {} })).toThrow(/no `steps` list/);
  });
});

describe("risk flags", () => {
  test("lowering a discount, adding a limit or an expiry raises none", () => {
    const reverse = {
      steps: (synthetic.steps as Array<Record<string, unknown>>)
        .slice(1, 3)
        .map((s) => ({ ...s, oldState: s.newState, newState: s.oldState })),
    };
    expect(risks(parsePlan(reverse))).toEqual([]);
  });
});

describe("drift report", () => {
  test("lists per object the fields the store changed, with the store and the state value", () => {
    const report = driftReport(parsePlan(fixture("preview-refresh")));
    expect(report.drifted).toBe(true);
    expect(renderDriftText(report, "stack prod")).toBe(
      [
        "Drift in stack prod: 4 objects changed in the store since the last `pulumi up`.",
        "- Gift certificate for Alyss (alyss):",
        "    amount: store 100.00, state 50.00",
        '- Promotion "Spring brands" (brands):',
        "    status: store DISABLED, state ENABLED",
        '- Banner "Spring banner" (top): deleted in the store',
        "- Coupon SPRING15 (spring):",
        "    amount: store 30 %, state 15 %",
        "    use limit (maxUses): store unlimited, state 100",
        "`pulumi up --refresh` puts the code's values back; `pulumi refresh` accepts the store's instead (then change the code to match).",
        "",
      ].join("\n"),
    );
    expect(renderDriftMarkdown(report)).toBe(
      [
        "### Drift",
        "",
        "| Object | Field | In the store | Last applied |",
        "|---|---|---|---|",
        "| Gift certificate for Alyss | amount | 100.00 | 50.00 |",
        '| Promotion "Spring brands" | status | DISABLED | ENABLED |',
        '| Banner "Spring banner" | | deleted | |',
        "| Coupon SPRING15 | amount | 30 % | 15 % |",
        "| Coupon SPRING15 | use limit | unlimited | 100 |",
        "",
      ].join("\n"),
    );
  });

  test("a code change that is not applied yet is not drift", () => {
    // The fixture's name change of SPRING15 comes from the code: it is in the summary, not in the drift.
    const report = driftReport(parsePlan(fixture("preview-refresh")));
    const spring = report.items.find((i) => i.name === "spring");
    expect(spring?.fields.map((f) => f.path)).toEqual(["amount", "maxUses"]);
    expect(report.items.map((i) => i.name)).not.toContain("ship");
  });

  test("refresh --preview-only JSON counts the objects it cannot describe", () => {
    const report = driftReport(parsePlan(fixture("refresh-preview-only")));
    expect(report.items.map((i) => [i.object, i.deleted])).toEqual([['Banner "Spring banner"', true]]);
    expect(report.unexplained).toBe(3);
    expect(renderDriftText(report)).toContain("3 more object(s) changed");
  });

  test("a refreshed preview that failed (store unreachable) is an error, not `no drift`", () => {
    expect(() => driftReport(parsePlan(fixture("preview-refresh-store-down")))).toThrow(
      /the preview failed:\na: Preview failed: BigCommerce API GET \/v2\/coupons\/1: gave up after 5 attempts/,
    );
  });

  test("a refreshed preview without changes is no drift; a preview that did not refresh is refused", () => {
    const clean = { steps: [{ ...stackStep, op: "refresh" }], changeSummary: { same: 1 } };
    const report = driftReport(parsePlan(clean));
    expect(report.drifted).toBe(false);
    expect(renderDriftText(report)).toBe("No drift: the store matches the state of the last `pulumi up`.\n");
    expect(() => driftReport(parsePlan(fixture("preview")))).toThrow(/did not refresh/);
    // a new stack: nothing in the state, nothing to refresh, nothing drifted
    const fresh = {
      steps: [{ op: "create", urn: urn("Coupon", "c"), newState: state("Coupon", coupon) }],
      changeSummary: { create: 1 },
    };
    expect(driftReport(parsePlan(fresh)).drifted).toBe(false);
  });
});
