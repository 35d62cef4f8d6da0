/**
 * Campaign files with mistakes: every problem is reported at once, each with the file, line,
 * column and path, and nothing is declared (loading throws before any program could run).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  CampaignError,
  formatProblem,
  loadCampaignDir,
  loadCampaignFiles,
  parseCampaign,
} from "../../../provider/campaign";

/** The problems of a text, formatted `file:line:column path: message`. */
function problems(text: string, file = "holiday.yaml"): string[] {
  try {
    parseCampaign(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(CampaignError);
    const err = e as CampaignError;
    const lines = err.problems.map(formatProblem);
    // the message lists every problem too
    for (const l of lines) expect(err.message).toContain(l);
    return lines;
  }
  throw new Error("the campaign was accepted");
}

const lines = (...ls: string[]) => `${ls.join("\n")}\n`;
const HEAD = ["campaign:", "  name: Holiday"];

describe("campaign files with mistakes", () => {
  test("a YAML syntax error", () => {
    expect(problems(lines(...HEAD, "coupons:", "  bf:", "    name: A", "    code: B: C"))).toEqual([
      "holiday.yaml:6:11 YAML syntax: Nested mappings are not allowed in compact mappings",
    ]);
  });

  test("a YAML syntax error: a mapping item out of line", () => {
    expect(problems(lines(...HEAD, " coupons: {}"))).toEqual([
      "holiday.yaml:3:1 YAML syntax: All mapping items must start at the same column",
    ]);
  });

  test("an alias without its anchor", () => {
    const text = lines(
      ...HEAD,
      "coupons:",
      "  a:",
      "    name: A",
      "    code: A",
      "    type: free_shipping",
      "    amount: 0",
      "  b: *a",
    );
    expect(problems(text)).toEqual([
      "holiday.yaml:9:6 YAML: Unresolved alias (the anchor must be set before the alias): a",
    ]);
  });

  test("a duplicate key, reported with the other problems of the file", () => {
    const text = lines(
      ...HEAD, //                     1-2
      "coupons:", //                  3
      "  bf:", //                     4
      "    name: Black Friday", //    5
      "    code: BF", //              6
      "    code: BF2", //             7: duplicate
      "    type: free_shiping", //    8: bad enum
      "    amount: 0",
    );
    expect(problems(text)).toEqual([
      "holiday.yaml:7:5 coupons.bf.code: duplicate key: a key may appear only once in a mapping (the last one would count)",
      'holiday.yaml:8:11 coupons.bf.type: must be one of "per_item_discount", "per_total_discount", "shipping_discount", "free_shipping", "percentage_discount" (got "free_shiping")',
    ]);
  });

  test("an unknown top-level section", () => {
    expect(problems(lines(...HEAD, "coupon:", "  bf: {}"))).toEqual([
      "holiday.yaml:3:1 coupon: is not a section of a campaign file (did you mean `coupons`?)",
    ]);
    expect(problems(lines(...HEAD, "discounts: {}"))).toEqual([
      "holiday.yaml:3:1 discounts: is not a section of a campaign file (expected one of campaign, promotions, couponCodes, bulkCodes, coupons, banners, giftCertificates)",
    ]);
  });

  test("an unknown field of an object, and of the campaign section", () => {
    const text = lines(
      "campaign:",
      "  name: Holiday",
      "  prefix: 'H: '", //                 3
      "coupons:",
      "  bf:",
      "    name: Black Friday",
      "    code: BF",
      "    type: free_shipping",
      "    amount: 0",
      "    maxUse: 3", //                   10
      "    colour: red", //                 11
    );
    expect(problems(text)).toEqual([
      "holiday.yaml:3:3 campaign.prefix: is not a setting of the campaign section (expected one of name, description, namePrefix, startDate, endDate, currency)",
      "holiday.yaml:10:5 coupons.bf.maxUse: is not a property of a coupon (Coupon) (did you mean `maxUses`?)",
      expect.stringMatching(
        /^holiday\.yaml:11:5 coupons\.bf\.colour: is not a property of a coupon \(Coupon\) \(expected one of name, code, type, amount, .*adoptId.*deletionPolicy\)$/,
      ),
    ]);
  });

  test("a value of the wrong type", () => {
    const text = lines(
      ...HEAD,
      "coupons:",
      "  bf:",
      "    name: Black Friday",
      "    code: BF",
      "    type: free_shipping",
      "    amount: 0",
      "    maxUses: ten",
    );
    expect(problems(text)).toEqual(["holiday.yaml:9:14 coupons.bf.maxUses: must be number (got string)"]);
  });

  test("a value outside an enum", () => {
    const text = lines(
      ...HEAD,
      "banners:",
      "  top:",
      "    name: Top",
      "    content: <b>Sale</b>",
      "    page: front_page",
      "    location: top",
    );
    expect(problems(text)).toEqual([
      'holiday.yaml:7:11 banners.top.page: must be one of "home_page", "category_page", "brand_page", "search_page" (got "front_page")',
    ]);
  });

  test("bad dates, in the campaign section and in a promotion", () => {
    const text = lines(
      "campaign:",
      "  name: Holiday",
      "  startDate: the first of December", //           3
      "promotions:",
      "  bf:",
      "    redemptionType: AUTOMATIC",
      "    name: BF",
      "    endDate: 2026-13-45", //                        8
      "    rules:",
      "      - action: { cartValue: { discount: { fixedAmount: 5 } } }",
    );
    expect(problems(text)).toEqual([
      "holiday.yaml:3:14 campaign.startDate: must be a date in ISO 8601 (2026-12-31 or 2026-12-31T23:59:00Z) or RFC 2822 form",
      "holiday.yaml:8:14 promotions.bf.endDate: must be a date in ISO 8601 (2026-12-31 or 2026-12-31T23:59:00Z) or RFC 2822 form",
    ]);
  });

  test("a promotion rule error deep in its path", () => {
    const text = lines(
      ...HEAD,
      "promotions:",
      "  bf-sitewide:",
      "    redemptionType: AUTOMATIC",
      "    name: Sitewide",
      "    rules:",
      "      - action:",
      "          cartValue:",
      "            discount: { fixedAmount: 5 }",
      "      - action:", //                                            11
      "          cartItems:",
      "            discount:",
      "              percentageAmount: 120", //                        14
      "            items:",
      "              and:",
      "                - brands: [1]",
      "                - categories: []", //                           18
    );
    expect(problems(text)).toEqual([
      "holiday.yaml:14:33 promotions.bf-sitewide.rules[1].action.cartItems.discount.percentageAmount: a percentage must be at most 100 (got 120)",
      "holiday.yaml:18:31 promotions.bf-sitewide.rules[1].action.cartItems.items.and[1].categories: must list at least 1 id (got [])",
    ]);
  });

  test("a reference to a missing promotion key, and to a promotion of the wrong kind", () => {
    const text = lines(
      ...HEAD,
      "promotions:",
      "  auto:",
      "    redemptionType: AUTOMATIC",
      "    name: Auto",
      "    rules: [{ action: { cartValue: { discount: { fixedAmount: 5 } } } }]",
      "  single:",
      "    redemptionType: COUPON",
      "    name: Single",
      "    rules: [{ action: { cartValue: { discount: { fixedAmount: 5 } } } }]",
      "couponCodes:", //                     12
      "  code-a:",
      "    promotion: bf-sitewide", //        14
      "    code: BF",
      "  code-b:",
      "    promotion: auto", //               17
      "    code: AUTO",
      "  code-c:", //                         19
      "    code: NOPROMO",
      "bulkCodes:",
      "  batch:",
      "    promotion: single", //             23
      "    batchSize: 10",
    );
    expect(problems(text)).toEqual([
      'holiday.yaml:14:16 couponCodes.code-a.promotion: names no promotion of this file: "bf-sitewide" is not a key of `promotions:` (keys: auto, single)',
      'holiday.yaml:17:16 couponCodes.code-b.promotion: names promotion "auto", whose redemptionType is AUTOMATIC: coupon codes need a COUPON promotion',
      "holiday.yaml:19:3 couponCodes.code-c.promotion: is required: the key of the promotion (in `promotions:` of this file) the codes belong to",
      'holiday.yaml:23:16 bulkCodes.batch.promotion: names promotion "single", which is not `couponType: BULK`: the store generates codes only for BULK promotions',
    ]);
  });

  test("a bad key name", () => {
    const text = lines(
      ...HEAD,
      "coupons:",
      "  Black_Friday:",
      "    name: BF",
      "    code: BF",
      "    type: free_shipping",
      "    amount: 0",
    );
    expect(problems(text)).toEqual([
      "holiday.yaml:4:3 coupons.Black_Friday: is not a valid key: keys must match ^[a-z0-9][a-z0-9-]*$ (lower case letters, digits and hyphens)",
    ]);
  });

  test("a cross-field rule: a banner's dateTo before its dateFrom", () => {
    const text = lines(
      ...HEAD,
      "banners:",
      "  top:",
      "    name: Top",
      "    content: <b>Sale</b>",
      "    page: home_page",
      "    location: top",
      "    dateType: custom",
      "    dateFrom: 2026-12-01",
      "    dateTo: 2026-11-01", //           11
    );
    expect(problems(text)).toEqual([
      "holiday.yaml:11:13 banners.top.dateTo: must be after dateFrom (got dateFrom 2026-12-01T00:00:00Z, dateTo 2026-11-01T00:00:00Z)",
    ]);
  });

  test("a required property missing points at the object's key", () => {
    const text = lines(...HEAD, "coupons:", "  bf:", "    name: BF", "    code: BF", "    amount: 0");
    expect(problems(text)).toEqual(["holiday.yaml:4:3 coupons.bf.type: is required"]);
  });

  test("a file without a campaign section, and an empty file", () => {
    expect(problems(lines("coupons: {}"))).toEqual([
      "holiday.yaml:1:1 needs a `campaign:` section (with at least a `name`)",
    ]);
    expect(problems("# nothing yet\n")).toEqual([
      "holiday.yaml:1:1 is empty: a campaign file needs at least a `campaign:` section with a `name`",
    ]);
  });

  test("a value inherited from the campaign that breaks an object's rule points at the campaign's setting", () => {
    const text = lines(
      "campaign:",
      "  name: Holiday",
      "  endDate: 2026-12-31", //                   3
      "giftCertificates:",
      "  alice:",
      "    toName: Alice",
      "    toEmail: alice@example.com",
      "    fromName: Shop",
      "    fromEmail: shop@example.com",
      "    amount: 50",
      "    purchaseDate: 2027-01-15",
    );
    expect(problems(text)).toEqual([
      "holiday.yaml:3:12 giftCertificates.alice.expiryDate: must be after the purchase date (Fri, 15 Jan 2027 00:00:00 +0000) (inherited from campaign.endDate)",
    ]);
  });

  test("a faulty campaign setting is reported alone: objects still inherit the right ones", () => {
    const text = lines(
      "campaign:",
      "  name: Holiday",
      "  currency: dollars", //                3
      "  startDate: 2027-01-01",
      "  endDate: 2027-02-01",
      "banners:",
      "  b:",
      "    name: N",
      "    content: C",
      "    page: home_page",
      "    location: top",
      "    dateType: custom", // takes both dates from the campaign
    );
    expect(problems(text)).toEqual([
      "holiday.yaml:3:13 campaign.currency: must be an ISO 4217 currency code such as USD",
    ]);
  });

  test("the name prefix counts in a name's length", () => {
    const text = lines(
      "campaign:",
      "  name: Holiday",
      `  namePrefix: "${"H".repeat(60)}: "`,
      "coupons:",
      "  bf:",
      `    name: ${"N".repeat(45)}`,
      "    code: BF",
      "    type: free_shipping",
      "    amount: 0",
    );
    expect(problems(text)).toEqual([
      `holiday.yaml:6:11 coupons.bf.name: must be at most 100 characters (the name includes the campaign's namePrefix "${"H".repeat(60)}: ")`,
    ]);
  });

  test("a gift certificate code that breaks a rule is not quoted in the message", () => {
    const code = "SECRET-GIFT-CODE-TOO-LONG-1234";
    const text = lines(
      ...HEAD,
      "giftCertificates:",
      "  alice:",
      "    toName: Alice",
      "    toEmail: alice@example.com",
      "    fromName: Shop",
      "    fromEmail: shop@example.com",
      "    amount: 50",
      `    code: ${code}`,
    );
    const ps = problems(text);
    expect(ps).toEqual([
      "holiday.yaml:10:11 giftCertificates.alice.code: must be at most 20 characters (the store would cut a longer code)",
    ]);
    expect(ps.join("\n")).not.toContain(code);
  });

  test("several mistakes of one file are reported together, in file order", () => {
    const text = lines(
      "campaign:",
      "  name: ''", //                                   2
      "  currency: dollars", //                          3
      "promotions:",
      "  bf:",
      "    redemptionType: SOMETIMES", //                 6
      "    name: BF",
      "    rules: []", //                                 8
      "coupons:",
      "  bf:",
      "    name: BF",
      "    code: 'B F!'", //                              12
      "    type: percentage_discount",
      "    amount: 101", //                               14
      "    adoptId: -1", //                               15
      "bulkCodes:",
      "  batch:",
      "    promotion: bf",
      "    batchSize: 0", //                              19
      "    adopt: true", //                               20
    );
    expect(problems(text)).toEqual([
      "holiday.yaml:2:9 campaign.name: must not be empty",
      "holiday.yaml:3:13 campaign.currency: must be an ISO 4217 currency code such as USD",
      'holiday.yaml:6:21 promotions.bf.redemptionType: must be one of "AUTOMATIC", "COUPON" (got "SOMETIMES")',
      "holiday.yaml:8:12 promotions.bf.rules: must list at least one rule",
      "holiday.yaml:12:11 coupons.bf.code: may contain only letters, digits, spaces, underscores and hyphens",
      "holiday.yaml:14:13 coupons.bf.amount: a percentage_discount must be at most 100 (got 101.0000)",
      "holiday.yaml:15:14 coupons.bf.adoptId: must be a positive id of an existing Coupon in the store",
      "holiday.yaml:19:16 bulkCodes.batch.batchSize: must be a positive number of codes",
      expect.stringMatching(
        /^holiday\.yaml:20:5 bulkCodes\.batch\.adopt: is not a property of a batch of coupon codes \(BulkCouponCodes\)/,
      ),
    ]);
  });

  test("values the store keeps unique, repeated in one file, compared as the store does (a gift certificate code is not quoted)", () => {
    const coupon = (key: string, name: string, code: string) => [
      `  ${key}:`,
      `    name: ${name}`,
      `    code: ${code}`,
      "    type: free_shipping",
      "    amount: 0",
    ];
    const gift = (key: string, code = "GIFT-SECRET-1") => [
      `  ${key}:`,
      "    toName: A",
      "    toEmail: a@example.com",
      "    fromName: B",
      "    fromEmail: b@example.com",
      "    amount: 5",
      `    code: ${code}`,
    ];
    const text = lines(
      ...HEAD,
      "promotions:",
      "  p:",
      "    redemptionType: COUPON",
      "    name: P",
      "    rules: [{ action: { cartValue: { discount: { fixedAmount: 5 } } } }]",
      "couponCodes:", //                          8
      "  a: { promotion: p, code: XMAS }",
      "  b: { promotion: p, code: xmas }", //     10
      "coupons:", //                              11
      ...coupon("one", "One", "SAME"), //         12-16
      ...coupon("two", "ONE", "same"), //         17-21
      "giftCertificates:", //                     22
      ...gift("g1"), //                           23-29
      ...gift("g2"), //                           30-36
      ...gift("g3", "gift-secret-1"), //          37-43: another code to the store, which tells cases apart
    );
    const ps = problems(text);
    expect(ps).toEqual([
      'holiday.yaml:10:28 couponCodes.b.code: repeats the promotion code (any case) "xmas" of couponCodes.a.code: the store keeps it unique',
      'holiday.yaml:18:11 coupons.two.name: repeats the coupon name (any case) "ONE" of coupons.one.name: the store keeps it unique',
      'holiday.yaml:19:11 coupons.two.code: repeats the coupon code (any case) "same" of coupons.one.code: the store keeps it unique',
      "holiday.yaml:36:11 giftCertificates.g2.code: repeats the gift certificate code of giftCertificates.g1.code: the store keeps it unique",
    ]);
    expect(ps.join("\n")).not.toContain("GIFT-SECRET-1");
  });

  describe("several files", () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "campaign-files-"));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    test("the problems of two files are reported together; good files and Pulumi's own files do not count", () => {
      fs.writeFileSync(
        path.join(dir, "autumn.yaml"),
        lines(
          ...HEAD,
          "coupons:",
          "  leaf:",
          "    name: Leaf",
          "    code: LEAF",
          "    type: percentage_discount",
          "    amount: 150",
        ),
      );
      fs.writeFileSync(
        path.join(dir, "spring.yaml"),
        lines(...HEAD, "coupons:", "  ok:", "    name: Ok", "    code: OK", "    type: free_shipping", "    amount: 0"),
      );
      fs.writeFileSync(
        path.join(dir, "winter.yml"),
        lines(
          ...HEAD,
          "banners:",
          "  snow:",
          "    name: Snow",
          "    content: x",
          "    page: home_page",
          "    location: middle",
        ),
      );
      fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: x\nruntime: nodejs\n");
      fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config: {}\n");
      fs.writeFileSync(path.join(dir, "notes.txt"), "not a campaign");
      let err: CampaignError | undefined;
      try {
        loadCampaignDir(dir);
      } catch (e) {
        err = e as CampaignError;
      }
      expect(err).toBeInstanceOf(CampaignError);
      expect(err!.problems.map(formatProblem)).toEqual([
        `${path.join(dir, "autumn.yaml")}:8:13 coupons.leaf.amount: a percentage_discount must be at most 100 (got 150.0000)`,
        `${path.join(dir, "winter.yml")}:8:15 banners.snow.location: must be one of "top", "bottom" (got "middle")`,
      ]);
      expect(err!.message.split("\n")[0]).toBe("2 problems in 2 campaign files:");
      // the good file alone loads
      expect(loadCampaignFiles([path.join(dir, "spring.yaml")]).map((c) => Object.keys(c.coupons))).toEqual([["ok"]]);
    });

    test("a unique value repeated across two files names both", () => {
      const coupon = (code: string) =>
        lines(
          ...HEAD,
          "coupons:",
          "  c:",
          `    name: ${code} coupon`,
          `    code: ${code}`,
          "    type: free_shipping",
          "    amount: 0",
        );
      fs.writeFileSync(path.join(dir, "a.yaml"), coupon("SHARED"));
      fs.writeFileSync(path.join(dir, "b.yaml"), coupon("SHARED"));
      fs.writeFileSync(path.join(dir, "c.yaml"), coupon("OWN"));
      try {
        loadCampaignDir(dir);
        throw new Error("accepted");
      } catch (e) {
        expect((e as CampaignError).problems.map(formatProblem)).toEqual([
          `${path.join(dir, "b.yaml")}:5:11 coupons.c.name: repeats the coupon name (any case) "SHARED coupon" of ${path.join(dir, "a.yaml")} coupons.c.name: the store keeps it unique`,
          `${path.join(dir, "b.yaml")}:6:11 coupons.c.code: repeats the coupon code (any case) "SHARED" of ${path.join(dir, "a.yaml")} coupons.c.code: the store keeps it unique`,
        ]);
      }
    });

    test("two files with one stem, a file name that is no key, and a folder that does not exist", () => {
      fs.writeFileSync(path.join(dir, "sale.yaml"), lines(...HEAD));
      fs.writeFileSync(path.join(dir, "sale.yml"), lines(...HEAD));
      fs.writeFileSync(path.join(dir, "Big Sale.yaml"), lines(...HEAD));
      expect(() => loadCampaignDir(dir)).toThrow(CampaignError);
      try {
        loadCampaignDir(dir);
      } catch (e) {
        expect((e as CampaignError).problems.map(formatProblem)).toEqual([
          `${path.join(dir, "Big Sale.yaml")}:1:1 has the stem "Big Sale", which names its resources: file names must match ^[a-z0-9][a-z0-9-]*\\.ya?ml$`,
          `${path.join(dir, "sale.yml")}:1:1 has the stem "sale" of ${path.join(dir, "sale.yaml")}: resources are named <stem>.<key>, so stems must differ`,
        ]);
      }
      const missing = path.join(dir, "nope");
      expect(() => loadCampaignDir(missing)).toThrow(
        `${missing}:1:1 is not a readable folder of campaign files (ENOENT)`,
      );
    });
  });
});
