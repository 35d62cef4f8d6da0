/**
 * schema/campaign.schema.json is what `npm run campaign-schema` generates from the zod models
 * (kept in step), and the repository's campaign files fit it (checked with a tiny validator:
 * known keys, required keys, types and enums).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { objectFields, SECTIONS } from "../../provider/campaign/model";
import { generateCampaignSchema, SCHEMA_FILE } from "../../tools/campaign-schema";

const REPO = path.resolve(__dirname, "..", "..");
type Schema = Record<string, any>;
const committed = fs.readFileSync(path.join(REPO, SCHEMA_FILE), "utf8");
const schema = JSON.parse(committed) as Schema;

/** Problems of `value` against `s`: unknown keys, missing required keys, wrong types and enum values. */
function check(value: unknown, s: Schema, at = ""): string[] {
  if (s.$ref) return check(value, schema.$defs[String(s.$ref).replace("#/$defs/", "")], at);
  if (s.anyOf) {
    const results = (s.anyOf as Schema[]).map((o) => check(value, o, at));
    return results.some((r) => r.length === 0) ? [] : results[0];
  }
  const out: string[] = [];
  const types: string[] | undefined = s.type === undefined ? undefined : Array.isArray(s.type) ? s.type : [s.type];
  const actual =
    value === null
      ? "null"
      : Array.isArray(value)
        ? "array"
        : typeof value === "number" && Number.isInteger(value)
          ? "integer"
          : typeof value;
  if (types && !types.includes(actual) && !(actual === "integer" && types.includes("number")))
    return [`${at}: is ${actual}, the schema wants ${types.join(" or ")}`];
  if (s.enum && !s.enum.includes(value)) out.push(`${at}: ${JSON.stringify(value)} is not in the enum`);
  if (s.const !== undefined && s.const !== value) out.push(`${at}: is not ${JSON.stringify(s.const)}`);
  if (Array.isArray(value) && s.items) value.forEach((v, i) => out.push(...check(v, s.items, `${at}[${i}]`)));
  if (actual === "object") {
    const obj = value as Record<string, unknown>;
    for (const r of s.required ?? []) if (!(r in obj)) out.push(`${at}.${r}: is required`);
    for (const [k, v] of Object.entries(obj)) {
      const p = at ? `${at}.${k}` : k;
      if (s.propertyNames?.pattern && !new RegExp(s.propertyNames.pattern).test(k))
        out.push(`${p}: key does not match ${s.propertyNames.pattern}`);
      if (s.properties && k in s.properties) out.push(...check(v, s.properties[k], p));
      else if (s.additionalProperties === false) out.push(`${p}: is not a property the schema knows`);
      else if (s.additionalProperties && typeof s.additionalProperties === "object")
        out.push(...check(v, s.additionalProperties, p));
    }
  }
  return out;
}

const campaignFiles = [
  ...fs
    .readdirSync(path.join(REPO, "campaigns"))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => path.join("campaigns", f)),
  path.join("examples", "holiday-campaign", "campaign.yaml"),
];

describe("schema/campaign.schema.json", () => {
  test("is kept in step with the zod models and the Args' TSDoc (`npm run campaign-schema` writes it)", () => {
    expect(committed).toBe(generateCampaignSchema(REPO));
  });

  test("each object definition lists exactly the properties the loader accepts, described", () => {
    for (const spec of Object.values(SECTIONS)) {
      const def = schema.$defs[spec.def];
      expect(Object.keys(def.properties).sort()).toEqual(Object.keys(objectFields(spec)).sort());
      expect(def.additionalProperties).toBe(false);
      for (const [k, p] of Object.entries(def.properties as Record<string, Schema>)) {
        expect([k, typeof p.description]).toEqual([k, "string"]);
      }
    }
  });

  test.each(campaignFiles)("%s fits the schema and names it for editors", (file) => {
    const text = fs.readFileSync(path.join(REPO, file), "utf8");
    expect(check(parse(text), schema)).toEqual([]);
    const m = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text);
    expect(m).not.toBeNull();
    expect(path.resolve(REPO, path.dirname(file), m![1])).toBe(path.join(REPO, SCHEMA_FILE));
  });

  test("promotion rules have their shape for editors (from the Args' TypeScript types), deep mistakes are found", () => {
    const rule = schema.$defs.promotion.properties.rules.items;
    expect(rule.properties.action).toMatchObject({ $ref: "#/$defs/ActionInput", description: expect.any(String) });
    const actions = (schema.$defs.ActionInput.anyOf as Schema[]).map((a) => Object.keys(a.properties)[0]);
    expect(actions).toEqual(["cartValue", "cartItems", "giftItem", "fixedPriceSet", "shipping"]);
    const promotion = (action: unknown) => ({
      campaign: { name: "X" },
      promotions: { p: { redemptionType: "AUTOMATIC", name: "P", rules: [{ action }] } },
    });
    expect(check(promotion({ cartValue: { discount: { percentageAmount: 5 } } }), schema)).toEqual([]);
    const problems = check(promotion({ cartValue: { discount: { percent: 5 } } }), schema);
    expect(problems).toContain(
      "promotions.p.rules[0].action.cartValue.discount.percent: is not a property the schema knows",
    );
  });

  test("the check finds unknown keys, bad keys, missing properties and wrong types", () => {
    const bad = {
      campaign: { name: "X", colour: "red" },
      coupons: { Bad_Key: { name: "N", code: "C", type: "free_shiping", amount: 0, maxUse: 1 } },
      banners: { b: { name: 1, content: "C", page: "home_page" } },
    };
    expect(check(bad, schema)).toEqual([
      "campaign.colour: is not a property the schema knows",
      "coupons.Bad_Key: key does not match ^[a-z0-9][a-z0-9-]*$",
      'coupons.Bad_Key.type: "free_shiping" is not in the enum',
      "coupons.Bad_Key.maxUse: is not a property the schema knows",
      "banners.b.location: is required",
      "banners.b.name: is integer, the schema wants string",
    ]);
  });
});
