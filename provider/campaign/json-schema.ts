/**
 * The JSON Schema of campaign files, built from the zod models the loader validates with (the
 * resources' own field schemas). Editors use it for completion and early hints; the loader stays
 * the judge (cross-field rules and refinements such as "a percentage is at most 100" are not in
 * it). A small converter of the zod v3 types the models use; nothing else is needed. Values a
 * zod transform checks (promotion actions and the like) convert to `{}` here;
 * tools/campaign-schema.ts fills them from the Args' TypeScript types.
 */
import { z } from "zod";
import { campaignSectionSchema, KEY_PATTERN, objectFields, SECTIONS, SECTION_NAMES } from "./model";

export type JsonSchema = { [key: string]: unknown };

/** Property descriptions by resource (`Promotion`) and property, e.g. from the Args' TSDoc. */
export type Descriptions = Record<string, Record<string, string>>;

function simplify(anyOf: JsonSchema[]): JsonSchema {
  const unique = anyOf.filter((s, i) => anyOf.findIndex((t) => JSON.stringify(t) === JSON.stringify(s)) === i);
  if (unique.length === 1) return unique[0];
  if (unique.every((s) => Object.keys(s).length === 1 && s.type !== undefined)) {
    const types = [...new Set(unique.flatMap((s) => (Array.isArray(s.type) ? s.type : [s.type])))];
    return { type: types.length === 1 ? types[0] : types };
  }
  return { anyOf: unique };
}

/** The JSON Schema of one zod (v3) schema; `description` of zod's `.describe()` is kept. */
export function zodToJsonSchema(schema: z.ZodTypeAny): JsonSchema {
  const out = convert(schema);
  return schema.description && out.description === undefined ? { description: schema.description, ...out } : out;
}

function convert(schema: z.ZodTypeAny): JsonSchema {
  const def = schema._def as { typeName: string } & Record<string, any>;
  switch (def.typeName) {
    case "ZodString": {
      const s: JsonSchema = { type: "string" };
      for (const c of def.checks as Array<{ kind: string; value?: number; regex?: RegExp }>) {
        if (c.kind === "min") s.minLength = c.value;
        else if (c.kind === "max") s.maxLength = c.value;
        else if (c.kind === "length") s.minLength = s.maxLength = c.value;
        else if (c.kind === "regex") s.pattern = (c.regex as RegExp).source;
        else if (c.kind === "email") s.format = "email";
      }
      return s;
    }
    case "ZodNumber": {
      const s: JsonSchema = { type: "number" };
      for (const c of def.checks as Array<{ kind: string; value?: number; inclusive?: boolean }>) {
        if (c.kind === "int") s.type = "integer";
        else if (c.kind === "min") s[c.inclusive ? "minimum" : "exclusiveMinimum"] = c.value;
        else if (c.kind === "max") s[c.inclusive ? "maximum" : "exclusiveMaximum"] = c.value;
      }
      return s;
    }
    case "ZodBoolean":
      return { type: "boolean" };
    case "ZodDate":
      return { type: "string" };
    case "ZodNull":
      return { type: "null" };
    case "ZodUnknown":
    case "ZodAny":
      return {};
    case "ZodLiteral":
      return { const: def.value };
    case "ZodEnum":
      return { enum: [...def.values] };
    case "ZodUnion":
      return simplify((def.options as z.ZodTypeAny[]).map(zodToJsonSchema));
    case "ZodArray": {
      const s: JsonSchema = { type: "array", items: zodToJsonSchema(def.type) };
      if (def.minLength && def.minLength.value > 0) s.minItems = def.minLength.value;
      if (def.maxLength) s.maxItems = def.maxLength.value;
      return s;
    }
    case "ZodObject": {
      const shape = (schema as z.AnyZodObject).shape as Record<string, z.ZodTypeAny>;
      const properties: Record<string, JsonSchema> = {};
      const required: string[] = [];
      for (const [k, v] of Object.entries(shape)) {
        properties[k] = zodToJsonSchema(v);
        if (!v.safeParse(undefined).success) required.push(k);
      }
      const s: JsonSchema = { type: "object", properties };
      if (required.length) s.required = required;
      if (def.unknownKeys === "strict") s.additionalProperties = false;
      return s;
    }
    case "ZodRecord":
      return { type: "object", additionalProperties: zodToJsonSchema(def.valueType) };
    case "ZodOptional":
      return zodToJsonSchema(def.innerType);
    case "ZodNullable": {
      const inner = zodToJsonSchema(def.innerType);
      if (typeof inner.type === "string") return { ...inner, type: [inner.type, "null"] };
      if (Array.isArray(inner.type)) return { ...inner, type: [...inner.type, "null"] };
      return Object.keys(inner).length === 0 ? inner : { anyOf: [inner, { type: "null" }] };
    }
    case "ZodDefault": {
      const inner = zodToJsonSchema(def.innerType);
      return { ...inner, default: def.defaultValue() };
    }
    case "ZodEffects":
      // refinements and canonicalising transforms: the input is what the inner schema takes
      return zodToJsonSchema(def.schema);
    case "ZodLazy":
      return zodToJsonSchema(def.getter());
    default:
      throw new Error(`campaign JSON Schema: no conversion for ${def.typeName}`);
  }
}

/** The schema of one object of a section, its properties described. */
function objectSchema(section: string, descriptions: Descriptions): JsonSchema {
  const spec = SECTIONS[section];
  const s = zodToJsonSchema(z.object(objectFields(spec)).strict());
  const texts = descriptions[spec.resource] ?? {};
  for (const [k, p] of Object.entries(s.properties as Record<string, JsonSchema>)) {
    const text = texts[k] ?? (p.description as string | undefined);
    (s.properties as Record<string, JsonSchema>)[k] = text
      ? { description: text, ...p, ...(texts[k] ? { description: texts[k] } : {}) }
      : p;
  }
  return {
    title: spec.resource,
    description: `${spec.what[0].toUpperCase()}${spec.what.slice(1)} (bigcommerce:${spec.resource}).`,
    ...s,
  };
}

/** The JSON Schema (draft 2020-12) of a campaign file. */
export function campaignJsonSchema(descriptions: Descriptions): JsonSchema {
  const defs: Record<string, JsonSchema> = {};
  const properties: Record<string, JsonSchema> = { campaign: zodToJsonSchema(campaignSectionSchema) };
  (properties.campaign as JsonSchema).description =
    "Campaign-wide settings; objects inherit dates, currency and the name prefix unless they set their own.";
  for (const section of SECTION_NAMES) {
    defs[SECTIONS[section].def] = objectSchema(section, descriptions);
    properties[section] = {
      description: SECTIONS[section].text,
      type: ["object", "null"],
      propertyNames: { pattern: KEY_PATTERN.source },
      additionalProperties: { $ref: `#/$defs/${SECTIONS[section].def}` },
    };
  }
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "BigCommerce campaign file",
    description:
      "A campaign of BigCommerce marketing objects, applied by the Pulumi program of this repository (generated by `npm run campaign-schema` from the zod models; do not edit).",
    type: "object",
    required: ["campaign"],
    additionalProperties: false,
    properties,
    $defs: defs,
  };
}
