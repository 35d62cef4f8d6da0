/**
 * The policy section of the preview summary, on the engine events of a real preview with the
 * pack (test/tools/fixtures, see README there) and on small event lists for the other cases.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parsePlan, renderSummary } from "../../../tools/summary";
import { policyViolations, renderPolicySection } from "../../../tools/summary/policy";

const read = (name: string) => fs.readFileSync(path.join(__dirname, "..", "fixtures", name), "utf8");
const URN = "urn:pulumi:dev::shop::pulumi-nodejs:dynamic/bigcommerce:Coupon::spring.big";
const event = (level: string, policy: string, message: string, urn = URN) =>
  JSON.stringify({
    policyEvent: { resourceUrn: urn, message, policyName: policy, policyPackName: "pack", enforcementLevel: level },
  });

describe("policy violations in engine events", () => {
  it("are read from the event log of a real preview, with level, policy, resource and the rule's message", () => {
    const vs = policyViolations(read("preview-policy-failed.events.jsonl"));
    // the engine analyses resources in parallel: the order of the events varies
    expect(vs.map((v) => `${v.level} ${v.policy}`).sort()).toEqual([
      "advisory discount-end-date",
      "advisory stacking",
      "advisory use-limits",
      "advisory use-limits",
      "advisory use-limits",
      "mandatory gift-certificate-limits",
      "mandatory max-discount",
      "mandatory max-discount",
    ]);
    // the policy's description (the first line of the engine's message) is left out
    expect(vs.find((v) => v.policy === "max-discount" && v.urn?.endsWith("Coupon::campaign.big"))).toEqual({
      policy: "max-discount",
      pack: "bigcommerce-marketing",
      level: "mandatory",
      urn: "urn:pulumi:trial::trial::pulumi-nodejs:dynamic/bigcommerce:Coupon::campaign.big",
      message: "amount: 150 off is above the cap of 100 (max-discount.maxFixedAmount)",
    });
  });

  it("are read from a JSON array of events too, once each", () => {
    const e = JSON.parse(event("advisory", "stacking", "Description\nfound")) as object;
    expect(policyViolations(JSON.stringify([e, e, { summaryEvent: {} }]))).toHaveLength(1);
  });

  it("name the line of an event log that is not JSON", () => {
    expect(() => policyViolations(`${event("advisory", "x", "d\nm")}\nnot json`)).toThrow("line 2 of the event log");
  });
});

describe("the policy section", () => {
  it("is empty without violations", () => {
    expect(renderPolicySection([])).toEqual([]);
  });

  it("lists mandatory violations first, then advisory ones, each naming the policy and the object", () => {
    const text = renderPolicySection(
      policyViolations(
        [
          event("advisory", "use-limits", "D\nmaxUses: 0 (unlimited)"),
          event("mandatory", "max-discount", "D\namount: 60 % off is above the cap"),
        ].join("\n"),
      ),
    ).join("\n");
    expect(text).toContain("**Policy violations** (pack)");
    const mandatory = text.indexOf("Mandatory (1)");
    const advisory = text.indexOf("Advisory (1)");
    expect(mandatory).toBeGreaterThan(0);
    expect(advisory).toBeGreaterThan(mandatory);
    expect(text).toContain("- :no_entry: `max-discount` Coupon spring.big: amount: 60 % off is above the cap");
    expect(text.indexOf("`use-limits`")).toBeGreaterThan(advisory);
  });

  it("heads a failed preview's summary, named as the summary names objects", () => {
    const plan = parsePlan(JSON.parse(read("preview-policy-failed.json")));
    const md = renderSummary(plan, { policy: policyViolations(read("preview-policy-failed.events.jsonl")) });
    expect(md.startsWith("### Pulumi preview: failed\n\n**Policy violations** (bigcommerce-marketing)")).toBe(true);
    expect(md).toContain(
      '- :no_entry: `max-discount` Promotion "deep discount": rules[1].action.cartItems.discount.percentageAmount: 60 % off',
    );
    expect(md).toContain("- :no_entry: `gift-certificate-limits` Gift certificate for A: amount: 900");
    expect(md.indexOf("Mandatory (3)")).toBeLessThan(md.indexOf("Advisory (5)"));
    expect(md.indexOf("Advisory (5)")).toBeLessThan(md.indexOf("The preview stopped with these errors"));
  });

  it("comes before the tables of a preview that passes with warnings, and is absent without a pack", () => {
    const plan = parsePlan(JSON.parse(read("preview.json")));
    const warned = renderSummary(plan, { policy: policyViolations(event("advisory", "stacking", "D\ncombines")) });
    expect(warned).toContain("Advisory (1): warnings");
    expect(warned.indexOf("`stacking`")).toBeLessThan(warned.indexOf("#### Create"));
    expect(renderSummary(plan)).not.toContain("Policy violations");
  });
});
