/**
 * The exported file against the campaign JSON Schema (schema/campaign.schema.json), as an editor
 * with the `$schema` line checks it: a small validator of the keywords that schema uses.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { exportStore } from "../../../tools/export/index";
import { seedStore } from "../../../tools/seed";
import { storeAndClient } from "../../provider/local-store";

type Schema = Record<string, any>;
const ROOT = path.resolve(__dirname, "..", "..", "..");
const schema: Schema = JSON.parse(fs.readFileSync(path.join(ROOT, "schema", "campaign.schema.json"), "utf8"));

const typeOf = (v: unknown) =>
  v === null ? "null" : Array.isArray(v) ? "array" : Number.isInteger(v) ? "integer" : typeof v;

/** Every violation of `s` by `v`, each with its path. */
function validate(v: unknown, s: Schema, at: string, out: string[]): string[] {
  if (s.$ref) return validate(v, schema.$defs[String(s.$ref).replace("#/$defs/", "")], at, out);
  if (s.type) {
    const types: string[] = Array.isArray(s.type) ? s.type : [s.type];
    const t = typeOf(v);
    if (!types.includes(t) && !(t === "integer" && types.includes("number"))) {
      out.push(`${at}: is ${t}, not ${types.join("|")}`);
      return out;
    }
  }
  if (s.enum && !s.enum.some((e: unknown) => JSON.stringify(e) === JSON.stringify(v)))
    out.push(`${at}: ${JSON.stringify(v)} not in enum`);
  if (typeof v === "string") {
    if (s.minLength !== undefined && v.length < s.minLength) out.push(`${at}: shorter than ${s.minLength}`);
    if (s.maxLength !== undefined && v.length > s.maxLength) out.push(`${at}: longer than ${s.maxLength}`);
    if (s.pattern && !new RegExp(s.pattern, "u").test(v)) out.push(`${at}: does not match ${s.pattern}`);
  }
  if (typeof v === "number") {
    if (s.minimum !== undefined && v < s.minimum) out.push(`${at}: below ${s.minimum}`);
    if (s.maximum !== undefined && v > s.maximum) out.push(`${at}: above ${s.maximum}`);
    if (s.exclusiveMinimum !== undefined && v <= s.exclusiveMinimum) out.push(`${at}: not above ${s.exclusiveMinimum}`);
  }
  if (Array.isArray(v)) {
    if (s.minItems !== undefined && v.length < s.minItems) out.push(`${at}: fewer than ${s.minItems} items`);
    if (s.items) v.forEach((x, i) => validate(x, s.items, `${at}[${i}]`, out));
  } else if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    for (const r of s.required ?? []) if (!(r in o)) out.push(`${at}.${r}: is required`);
    for (const [k, x] of Object.entries(o)) {
      if (s.propertyNames?.pattern && !new RegExp(s.propertyNames.pattern).test(k))
        out.push(`${at}.${k}: name does not match ${s.propertyNames.pattern}`);
      if (s.properties?.[k]) validate(x, s.properties[k], `${at}.${k}`, out);
      else if (s.additionalProperties === false) out.push(`${at}.${k}: is not allowed`);
      else if (s.additionalProperties && typeof s.additionalProperties === "object")
        validate(x, s.additionalProperties, `${at}.${k}`, out);
    }
  }
  return out;
}

describe("the exported file and the campaign JSON Schema", () => {
  test("the validator finds mistakes (so that an empty list below means something)", () => {
    const bad = {
      campaign: { name: "x" },
      coupons: { Bad_Key: { adoptId: "7", name: "n", code: "C", type: "nope", amount: "1" } },
    };
    expect(validate(bad, schema, "", [])).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\.coupons\.Bad_Key: name does not match/),
        expect.stringMatching(/adoptId: is string/),
        expect.stringMatching(/type: "nope" not in enum/),
      ]),
    );
  });

  test("an export of a seeded store is valid against the schema its $schema line names", async () => {
    const { store, client } = await storeAndClient();
    try {
      await seedStore({ client, adminUrl: store.url });
      const out = path.join(ROOT, "campaigns", "store.yaml");
      const { text } = await exportStore(client, { outFile: out });
      const ref = /^# yaml-language-server: \$schema=(.+)$/.exec(text.split("\n")[0])?.[1] as string;
      expect(path.resolve(path.dirname(out), ref)).toBe(path.join(ROOT, "schema", "campaign.schema.json"));
      expect(validate(YAML.parse(text), schema, "", [])).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
