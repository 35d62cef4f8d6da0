/** What a campaign declares: one resource per object, named `<stem>.<key>`, codes tied to their promotion. */
import * as pulumi from "@pulumi/pulumi";
import { applyCampaign, parseCampaign } from "../../../provider/campaign";
import { Declared, recordResources, settled, valueOf } from "./mocks";

const lines = (...ls: string[]) => `${ls.join("\n")}\n`;
const RULES = "    rules: [{ action: { cartValue: { discount: { percentageAmount: 10 } } } }]";

const HOLIDAY = lines(
  "campaign:",
  "  name: Holiday",
  '  namePrefix: "H: "',
  "  endDate: 2027-12-31T23:59:59Z",
  "promotions:",
  "  sitewide:",
  "    redemptionType: AUTOMATIC",
  "    name: Sitewide",
  RULES,
  "  single:",
  "    redemptionType: COUPON",
  "    name: Single",
  RULES,
  "  bulk:",
  "    redemptionType: COUPON",
  "    couponType: BULK",
  "    name: Bulk",
  RULES,
  "couponCodes:",
  "  xmas:",
  "    promotion: single",
  "    code: XMAS",
  "    maxUses: 100",
  "bulkCodes:",
  "  batch:",
  "    promotion: bulk",
  "    batchSize: 2",
  "    prefix: HB",
  "coupons:",
  "  welcome:",
  "    name: Welcome",
  "    code: WELCOME5",
  "    type: per_total_discount",
  "    amount: 5",
  "banners:",
  "  top:",
  "    name: Top",
  "    content: <p>Sale</p>",
  "    page: home_page",
  "    location: top",
  "giftCertificates:",
  "  gift:",
  "    toName: A",
  "    toEmail: a@example.com",
  "    fromName: B",
  "    fromEmail: b@example.com",
  "    amount: 10",
  "    code: GIFT-1",
);

describe("applyCampaign", () => {
  let declared: Declared[];
  beforeEach(async () => {
    declared = await recordResources();
  });
  const byName = (name: string) => {
    const found = declared.filter((d) => d.name === name);
    expect(found).toHaveLength(1);
    return found[0];
  };

  test("declares one resource per object, of its kind, named <stem>.<key>", async () => {
    await settled(applyCampaign(parseCampaign(HOLIDAY, "holiday.yaml"), "holiday"));
    expect(declared.map((d) => [d.type, d.name]).sort()).toEqual(
      [
        ["pulumi-nodejs:dynamic/bigcommerce:Promotion", "holiday.sitewide"],
        ["pulumi-nodejs:dynamic/bigcommerce:Promotion", "holiday.single"],
        ["pulumi-nodejs:dynamic/bigcommerce:Promotion", "holiday.bulk"],
        ["pulumi-nodejs:dynamic/bigcommerce:CouponCode", "holiday.xmas"],
        ["pulumi-nodejs:dynamic/bigcommerce:BulkCouponCodes", "holiday.batch"],
        ["pulumi-nodejs:dynamic/bigcommerce:Coupon", "holiday.welcome"],
        ["pulumi-nodejs:dynamic/bigcommerce:Banner", "holiday.top"],
        ["pulumi-nodejs:dynamic/bigcommerce:GiftCertificate", "holiday.gift"],
      ].sort(),
    );
  });

  test("passes each object's values from the file, inherited ones included, as the resource's args", async () => {
    await settled(applyCampaign(parseCampaign(HOLIDAY, "holiday.yaml"), "holiday"));
    expect(byName("holiday.sitewide").inputs).toMatchObject({
      redemptionType: "AUTOMATIC",
      name: "H: Sitewide",
      endDate: "2027-12-31T23:59:59Z",
      rules: [{ action: { cartValue: { discount: { percentageAmount: 10 } } } }],
    });
    expect(byName("holiday.welcome").inputs).toMatchObject({
      name: "H: Welcome",
      code: "WELCOME5",
      type: "per_total_discount",
      amount: 5,
      expires: "2027-12-31T23:59:59Z",
    });
    expect(byName("holiday.top").inputs).toMatchObject({ name: "H: Top", content: "<p>Sale</p>", page: "home_page" });
    expect(byName("holiday.gift").inputs).toMatchObject({ amount: 10, toEmail: "a@example.com" });
  });

  test("hands a gift certificate's code to the engine as a secret", async () => {
    await settled(applyCampaign(parseCampaign(HOLIDAY, "holiday.yaml"), "holiday"));
    // the engine's wire form of a secret value
    expect(byName("holiday.gift").inputs.code).toEqual({
      [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig,
      value: "GIFT-1",
    });
  });

  test("gives codes the promotionId output of the promotion they name, not its key", async () => {
    const out = applyCampaign(parseCampaign(HOLIDAY, "holiday.yaml"), "holiday");
    await settled(out);
    const single = await valueOf(out.promotions.single.promotionId);
    const bulk = await valueOf(out.promotions.bulk.promotionId);
    expect(single).not.toBe(bulk);
    const xmas = byName("holiday.xmas").inputs;
    expect(xmas).toMatchObject({ promotionId: single, code: "XMAS", maxUses: 100 });
    expect(xmas).not.toHaveProperty("promotion");
    const batch = byName("holiday.batch").inputs;
    expect(batch).toMatchObject({ promotionId: bulk, batchSize: 2, prefix: "HB" });
    expect(batch).not.toHaveProperty("promotion");
  });

  test("declares the promotions before the codes that depend on them", async () => {
    await settled(applyCampaign(parseCampaign(HOLIDAY, "holiday.yaml"), "holiday"));
    const at = (name: string) => declared.findIndex((d) => d.name === name);
    expect(at("holiday.xmas")).toBeGreaterThan(at("holiday.single"));
    expect(at("holiday.batch")).toBeGreaterThan(at("holiday.bulk"));
  });

  test("leaves out the values a file sets to null (none) instead of sending null", async () => {
    const c = parseCampaign(
      lines(
        "campaign:",
        "  name: Holiday",
        "  endDate: 2027-12-31T23:59:59Z",
        "promotions:",
        "  open:",
        "    redemptionType: AUTOMATIC",
        "    name: Open",
        "    endDate: null",
        RULES,
      ),
      "h.yaml",
    );
    await settled(applyCampaign(c, "h"));
    const inputs = byName("h.open").inputs;
    expect(inputs).not.toHaveProperty("endDate");
    expect(Object.values(inputs)).not.toContain(null);
  });

  test("returns the store ids of the objects by section and key", async () => {
    const out = applyCampaign(parseCampaign(HOLIDAY, "holiday.yaml"), "holiday");
    expect(Object.keys(out).sort()).toEqual(
      ["banners", "bulkCodes", "couponCodes", "coupons", "giftCertificates", "promotions"].sort(),
    );
    expect(Object.keys(out.promotions).sort()).toEqual(["bulk", "single", "sitewide"]);
    await settled(out);
    const ids = [
      await valueOf(out.promotions.sitewide.promotionId),
      await valueOf(out.couponCodes.xmas.codeId),
      await valueOf(out.coupons.welcome.couponId),
      await valueOf(out.banners.top.bannerId),
      await valueOf(out.giftCertificates.gift.giftCertificateId),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(typeof id).toBe("number");
    await expect(valueOf(out.couponCodes.xmas.code)).resolves.toBe("XMAS");
    await expect(valueOf(out.coupons.welcome.code)).resolves.toBe("WELCOME5");
    expect(await valueOf(out.bulkCodes.batch.codeIds)).toHaveLength(2);
  });

  test("passes the resource options to every resource", async () => {
    const optedIn: string[] = [];
    const opts: pulumi.CustomResourceOptions = {
      transformations: [
        (a) => {
          optedIn.push(a.name);
          return undefined;
        },
      ],
    };
    await settled(applyCampaign(parseCampaign(HOLIDAY, "holiday.yaml"), "holiday", opts));
    expect(optedIn.sort()).toEqual(declared.map((d) => d.name).sort());
    expect(optedIn).toHaveLength(8);
  });
});
