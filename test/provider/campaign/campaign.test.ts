/** Campaign files that load: inheritance, the name prefix, references, and the shipped files. */
import * as path from "node:path";
import { loadCampaignDir, loadCampaignFile, parseCampaign } from "../../../provider/campaign";

const REPO = path.resolve(__dirname, "..", "..", "..");
const lines = (...ls: string[]) => `${ls.join("\n")}\n`;

const CAMPAIGN = [
  "campaign:",
  "  name: Holiday 2027",
  '  namePrefix: "Holiday: "',
  "  startDate: 2027-12-01T00:00:00Z",
  "  endDate: 2027-12-31T23:59:59Z",
  "  currency: eur",
];
const RULES = "    rules: [{ action: { cartValue: { discount: { percentageAmount: 10 } } } }]";

describe("campaign-wide values", () => {
  test("promotions inherit dates and currency unless they set their own (null: none)", () => {
    const c = parseCampaign(
      lines(
        ...CAMPAIGN,
        "promotions:",
        "  a:",
        "    redemptionType: AUTOMATIC",
        "    name: A",
        RULES,
        "  b:",
        "    redemptionType: AUTOMATIC",
        "    name: B",
        "    startDate: 2027-12-10",
        "    endDate: null",
        "    currencyCode: '*'",
        RULES,
      ),
      "h.yaml",
    );
    expect(c.promotions.a).toMatchObject({
      name: "Holiday: A",
      startDate: "2027-12-01T00:00:00Z",
      endDate: "2027-12-31T23:59:59Z",
      currencyCode: "eur",
    });
    expect(c.promotions.b).toMatchObject({
      name: "Holiday: B",
      startDate: "2027-12-10",
      endDate: null,
      currencyCode: "*",
    });
  });

  test("coupons take the end as expires, gift certificates as expiryDate with the currency; codes get no prefix", () => {
    const c = parseCampaign(
      lines(
        ...CAMPAIGN,
        "promotions:",
        "  p:",
        "    redemptionType: COUPON",
        "    name: P",
        RULES,
        "couponCodes:",
        "  code:",
        "    promotion: p",
        "    code: XMAS",
        "coupons:",
        "  c:",
        "    name: C",
        "    code: C1",
        "    type: free_shipping",
        "    amount: 0",
        "giftCertificates:",
        "  g:",
        "    toName: A",
        "    toEmail: a@example.com",
        "    fromName: B",
        "    fromEmail: b@example.com",
        "    amount: 10",
        "    code: GIFT-1",
      ),
      "h.yaml",
    );
    expect(c.coupons.c).toMatchObject({ name: "Holiday: C", expires: "2027-12-31T23:59:59Z" });
    expect(c.giftCertificates.g).toMatchObject({
      toName: "A",
      expiryDate: "2027-12-31T23:59:59Z",
      currencyCode: "eur",
      code: "GIFT-1",
    });
    expect(c.couponCodes.code).toEqual({ promotion: "p", code: "XMAS" });
  });

  test("banners: custom dates from the campaign, unless they choose always or set their own", () => {
    const banner = (key: string, ...extra: string[]) => [
      `  ${key}:`,
      "    name: N",
      "    content: C",
      "    page: home_page",
      "    location: top",
      ...extra,
    ];
    const c = parseCampaign(
      lines(
        ...CAMPAIGN,
        "banners:",
        ...banner("plain"),
        ...banner("always", "    dateType: always"),
        ...banner("custom-from", "    dateType: custom", "    dateFrom: 2027-12-15"),
      ),
      "h.yaml",
    );
    expect(c.banners.plain).toMatchObject({
      name: "Holiday: N",
      dateType: "custom",
      dateFrom: "2027-12-01T00:00:00Z",
      dateTo: "2027-12-31T23:59:59Z",
    });
    expect(c.banners.always).not.toHaveProperty("dateFrom");
    expect(c.banners.always.dateType).toBe("always");
    expect(c.banners["custom-from"]).toMatchObject({ dateFrom: "2027-12-15", dateTo: "2027-12-31T23:59:59Z" });
  });

  test("without campaign dates a banner stays as declared (always by default)", () => {
    const c = parseCampaign(
      lines(
        "campaign:",
        "  name: X",
        "  endDate: 2027-12-31",
        "banners:",
        "  b:",
        "    name: N",
        "    content: C",
        "    page: home_page",
        "    location: top",
      ),
      "x.yaml",
    );
    expect(c.banners.b).toEqual({ name: "N", content: "C", page: "home_page", location: "top" });
  });

  test("an end before the start is refused in the campaign section", () => {
    expect(() =>
      parseCampaign(lines("campaign:", "  name: X", "  startDate: 2027-12-31", "  endDate: 2027-12-01"), "x.yaml"),
    ).toThrow("x.yaml:4:12 campaign.endDate: must be after startDate (2027-12-31)");
  });

  test("objects may share properties with YAML anchors and merge keys", () => {
    const c = parseCampaign(
      lines(
        "campaign:",
        "  name: X",
        "coupons:",
        "  a: &shipping",
        "    name: A",
        "    code: A",
        "    type: free_shipping",
        "    amount: 0",
        "    minPurchase: 50",
        "  b:",
        "    <<: *shipping",
        "    name: B",
        "    code: B",
      ),
      "x.yaml",
    );
    expect(c.coupons.b).toEqual({ name: "B", code: "B", type: "free_shipping", amount: 0, minPurchase: 50 });
  });

  test("adoption and deletion inputs are accepted where the resource takes them", () => {
    const c = parseCampaign(
      lines(
        "campaign:",
        "  name: X",
        "coupons:",
        "  c:",
        "    name: C",
        "    code: C1",
        "    type: free_shipping",
        "    amount: 0",
        "    adoptId: 12",
        "    deletionPolicy: retain",
      ),
      "x.yaml",
    );
    expect(c.coupons.c).toMatchObject({ adoptId: 12, deletionPolicy: "retain" });
  });
});

describe("the campaign files of the repository", () => {
  test("campaigns/ (what the root Pulumi.yaml applies) loads", () => {
    const cs = loadCampaignDir(path.join(REPO, "campaigns"));
    expect(cs.length).toBeGreaterThanOrEqual(1);
    expect(Object.keys(cs[0].promotions).length + Object.keys(cs[0].coupons).length).toBeGreaterThan(0);
  });

  test("examples/holiday-campaign/campaign.yaml loads: a BULK promotion, its batch, two gift certificates", () => {
    const c = loadCampaignFile(path.join(REPO, "examples", "holiday-campaign", "campaign.yaml"));
    expect(Object.keys(c.promotions)).toEqual(["holiday-20"]);
    expect(c.bulkCodes["holiday-mailing"]).toMatchObject({ promotion: "holiday-20", batchSize: 25 });
    expect(Object.keys(c.giftCertificates)).toEqual(["staff-alice", "staff-bob"]);
    expect(c.giftCertificates["staff-bob"].expiryDate).toBe("2028-01-31");
  });
});
