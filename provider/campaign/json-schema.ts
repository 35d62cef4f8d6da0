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
    const types = [...new Set(unique.flatMap((s): unknown[] => (Array.isArray(s.type) ? s.type : [s.type])))];
    return { type: types.length === 1 ? types[0] : types };
  }
  return { anyOf: unique };
}

/** The JSON Schema of one zod (v3) schema; `description` of zod's `.describe()` is kept. */
export function zodToJsonSchema(schema: z.ZodTypeAny): JsonSchema {
  const out = convert(schema);
  return schema.description && out.description === undefined ? { description: schema.description, ...out } : out;
}

/** The definitions (`_def`) of the zod types the models use, told apart by their `typeName`. */
type ConvertedDef =
  | z.ZodStringDef
  | z.ZodNumberDef
  | z.ZodBooleanDef
  | z.ZodDateDef
  | z.ZodNullDef
  | z.ZodUnknownDef
  | z.ZodAnyDef
  | z.ZodLiteralDef<unknown>
  | z.ZodEnumDef
  | z.ZodUnionDef
  | z.ZodArrayDef
  | z.ZodObjectDef
  | z.ZodRecordDef
  | z.ZodOptionalDef
  | z.ZodNullableDef
  | z.ZodDefaultDef
  | z.ZodEffectsDef
  | z.ZodLazyDef;

/** The definition of any other zod type: it has no conversion. */
type OtherDef = { typeName: Exclude<z.ZodFirstPartyTypeKind, ConvertedDef["typeName"]> };

const K = z.ZodFirstPartyTypeKind;

function convert(schema: z.ZodTypeAny): JsonSchema {
  // a ZodTypeAny's `_def` is `any`: every zod type's is one of these, named by its typeName
  const def = schema._def as ConvertedDef | OtherDef;
  switch (def.typeName) {
    case K.ZodString: {
      const s: JsonSchema = { type: "string" };
      for (const c of def.checks) {
        if (c.kind === "min") s.minLength = c.value;
        else if (c.kind === "max") s.maxLength = c.value;
        else if (c.kind === "length") s.minLength = s.maxLength = c.value;
        else if (c.kind === "regex") s.pattern = c.regex.source;
        else if (c.kind === "email") s.format = "email";
      }
      return s;
    }
    case K.ZodNumber: {
      const s: JsonSchema = { type: "number" };
      for (const c of def.checks) {
        if (c.kind === "int") s.type = "integer";
        else if (c.kind === "min") s[c.inclusive ? "minimum" : "exclusiveMinimum"] = c.value;
        else if (c.kind === "max") s[c.inclusive ? "maximum" : "exclusiveMaximum"] = c.value;
      }
      return s;
    }
    case K.ZodBoolean:
      return { type: "boolean" };
    case K.ZodDate:
      return { type: "string" };
    case K.ZodNull:
      return { type: "null" };
    case K.ZodUnknown:
    case K.ZodAny:
      return {};
    case K.ZodLiteral:
      return { const: def.value };
    case K.ZodEnum:
      return { enum: [...def.values] };
    case K.ZodUnion:
      return simplify(def.options.map(zodToJsonSchema));
    case K.ZodArray: {
      const s: JsonSchema = { type: "array", items: zodToJsonSchema(def.type) };
      if (def.minLength && def.minLength.value > 0) s.minItems = def.minLength.value;
      if (def.maxLength) s.maxItems = def.maxLength.value;
      return s;
    }
    case K.ZodObject: {
      const properties: Record<string, JsonSchema> = {};
      const required: string[] = [];
      for (const [k, v] of Object.entries(def.shape())) {
        properties[k] = zodToJsonSchema(v);
        if (!v.safeParse(undefined).success) required.push(k);
      }
      const s: JsonSchema = { type: "object", properties };
      if (required.length) s.required = required;
      if (def.unknownKeys === "strict") s.additionalProperties = false;
      return s;
    }
    case K.ZodRecord:
      return { type: "object", additionalProperties: zodToJsonSchema(def.valueType) };
    case K.ZodOptional:
      return zodToJsonSchema(def.innerType);
    case K.ZodNullable: {
      const inner = zodToJsonSchema(def.innerType);
      if (typeof inner.type === "string") return { ...inner, type: [inner.type, "null"] };
      if (Array.isArray(inner.type)) return { ...inner, type: [...(inner.type as unknown[]), "null"] };
      return Object.keys(inner).length === 0 ? inner : { anyOf: [inner, { type: "null" }] };
    }
    case K.ZodDefault: {
      const inner = zodToJsonSchema(def.innerType);
      const value: unknown = def.defaultValue();
      return { ...inner, default: value };
    }
    case K.ZodEffects:
      // refinements and canonicalising transforms: the input is what the inner schema takes
      return zodToJsonSchema(def.schema);
    case K.ZodLazy:
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
  properties.campaign.description =
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
