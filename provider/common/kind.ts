import { z } from "zod";
import type * as pulumi from "@pulumi/pulumi";
import { BigCommerceClient } from "../client/http";
import { deepEqual, isUnknown } from "./values";
import type { KeyLookup } from "./key-lookup";

type Props = Record<string, unknown>;

/** The zod fields of a kind: one schema per input property. */
export type Fields = z.ZodRawShape;
/** Canonical inputs of a kind: what its fields make of a declaration (check's result, what state holds). */
export type InputsOf<F extends Fields> = z.output<z.ZodObject<F>>;
/** What a program may declare for a kind's fields, before they canonicalise it. */
export type DeclaredOf<F extends Fields> = z.input<z.ZodObject<F>>;

/** One check failure: the input property (as text and as a path) and the rule it breaks. */
export interface Failure {
  /** `rules[0].action`: the text of `path`. */
  property: string;
  /** The keys and indexes down to the failing value; the first is the input property. */
  path: Array<string | number>;
  reason: string;
}

/** A failure of one whole input property. */
export function failure(property: string, reason: string): Failure {
  return { property, path: [property], reason };
}

/** `["rules", 0, "action"]` -> `rules[0].action` */
export function pathText(path: ReadonlyArray<string | number>): string {
  return path.reduce<string>((acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), "");
}

/**
 * What a resource kind tells the shared machinery. Each resource folder provides one:
 * its zod fields (`schema.ts`), its mapping to and from the API (`mapping.ts`) and its API
 * calls (`provider.ts`). Check, diff and the read/refresh contract are implemented once, here.
 * Generic over the fields, so the inputs every method sees are the fields' output types.
 */
export interface ResourceKind<F extends Fields = Fields> {
  /** Type name in the token `bigcommerce:<name>`. */
  name: string;
  /**
   * Per-property schemas. Each validates and canonicalises one known input (for example "5"
   * becomes "5.0000"); unknown values (preview) skip it. Defaults fill omitted properties, so
   * the declared object is complete and any store-side change of it is drift.
   */
  fields: F;
  /** Rules across properties; skipped for properties that are still unknown. */
  crossCheck?(inputs: Partial<InputsOf<F>>, known: (key: keyof F & string) => boolean): Failure[];
  /** Rules of an object about to be created (no old inputs), checked after the others passed. */
  createCheck?(inputs: Partial<InputsOf<F>>): Failure[];
  /** Properties whose change replaces the object instead of updating it. */
  replaceOn?: ReadonlyArray<keyof F & string>;
  /**
   * Whether a replacement must delete the old object before creating the new one (a unique
   * value that stays the same would clash). Default: always.
   */
  deleteFirst?(olds: Props, news: Props): boolean;
  /** Output properties; never compared by diff. */
  outputs: readonly string[];
  /** Output properties that hold secrets (`additionalSecretOutputs` of the resource). */
  secretOutputs?: readonly string[];
  /**
   * Per-property equality used by diff instead of comparing the old output with the new input,
   * for values the store moves on its own (a gift certificate's balance as customers spend
   * it): return true when the declared value did not change.
   */
  unchanged?: { [K in keyof F]?: (olds: Props, news: Props) => boolean };

  /**
   * Taking over existing store objects (`adopt` / `adoptId`, and the look-up after a create whose
   * answer was lost). Absent: the kind cannot be adopted.
   */
  adoption?: Adoption<F>;
  /**
   * Inputs the store holds once (case-insensitive): checked across the program's resources and,
   * for a new object, against the store at preview.
   */
  unique?: { [K in keyof F]?: UniqueKey };
  /**
   * True for kinds with a `deletionPolicy` input: what destroy does to an object customers have
   * used. Their `delete` reads `props.deletionPolicy` (see `deletion-policy.ts`).
   */
  deletionPolicy?: boolean;

  /**
   * Objects of other claim spaces that a resource of this kind holds, from its state (a batch of
   * codes: `{ CouponCode: [its code ids] }`), so that no create takes them for its own.
   */
  claimsToo?(props: Props): Record<string, Array<string | number>>;

  /** Creates the object. Gets the API inputs only (never adopt, adoptId or deletionPolicy). */
  create(client: BigCommerceClient, inputs: InputsOf<F>): Promise<{ id: string; outs: Props }>;
  /** The object as the store holds it, or undefined when it is gone. */
  read(client: BigCommerceClient, id: string, props: Props): Promise<{ inputs: InputsOf<F>; outs: Props } | undefined>;
  update(client: BigCommerceClient, id: string, olds: Props, news: InputsOf<F>): Promise<Props>;
  delete(client: BigCommerceClient, id: string, props: Props): Promise<void>;
}

/**
 * A kind of any fields, as the shared machinery and the registry hold it. Its methods take the
 * inputs as plain props: the machinery passes what check produced for that very kind.
 */
export type AnyKind = ResourceKind<Fields>;

/** An input whose value the store holds once. */
export interface UniqueKey {
  /** What is unique, in words ("coupon code"): two resources clash when they share it. */
  space: string;
  /** A secret (a gift certificate's code): messages never show the value. */
  secret?: boolean;
  /** The store tells values apart by their case (a gift certificate's code); else `SPRING` and `spring` clash. */
  caseSensitive?: boolean;
  /** The store objects that hold a value. */
  lookUp: KeyLookup;
}

/** A unique value as the store compares it: trimmed, and whatever its case unless the key is case-sensitive. */
export function comparable(value: string, caseSensitive = false): string {
  return caseSensitive ? value.trim() : value.trim().toLowerCase();
}

/** How messages say the store compares a key's values: `, whatever its case`, or nothing. */
export function caseWords(caseSensitive = false): string {
  return caseSensitive ? "" : ", whatever its case";
}

/** How a kind finds the store objects it may take over. */
export interface Adoption<F extends Fields = Fields> {
  /** The unique key in words, for logs and errors (`code "SPRING15"`); never a secret. */
  key(inputs: InputsOf<F>): string;
  /**
   * True when the key is unique in the store (codes): an object holding it that differs from the
   * declared values is someone else's. False for names that may repeat (promotions, banners).
   */
  unique: boolean;
  /**
   * Ids of the store objects that carry the inputs' unique key, or undefined when the inputs have
   * no key to look by (a gift certificate without a declared code). `since` (ms since the epoch)
   * is set after a lost answer: objects created before it cannot be the lost one.
   */
  findExisting(client: BigCommerceClient, inputs: InputsOf<F>, since?: number): Promise<string[] | undefined>;
  /** The props `read` needs to describe an object adopted for these inputs (declarations kept in state). */
  readProps?(inputs: InputsOf<F>): Props;
  /** Inputs that `adopt: true` needs (a gift certificate: its code). */
  adoptNeeds?: ReadonlyArray<keyof F & string>;
  /**
   * The objects holding any unique key of the inputs (a coupon: its code or its name), looked up
   * when the store refuses a create as a duplicate. Default: `findExisting`.
   */
  clashes?(client: BigCommerceClient, inputs: InputsOf<F>): Promise<string[]>;
  /**
   * For creates without a unique key (banners, promotions, a gift certificate without a code):
   * how a retry finds its own earlier create, an exact twin (same name and every declared value)
   * that no other resource of the run holds. Absent for kinds whose keys are unique.
   */
  twins?: {
    /** What the twins share, in words (`name "Winter sale"`); undefined when these inputs have a unique key. */
    by(inputs: InputsOf<F>): string | undefined;
    /** Ids of the store objects that share it (the candidates, compared value by value afterwards). */
    find(client: BigCommerceClient, inputs: InputsOf<F>): Promise<string[]>;
  };
}

/** Inputs the shared machinery handles for the kinds; never sent to the API. */
export const META_KEYS = ["adopt", "adoptId", "deletionPolicy"] as const;
export const DELETION_POLICIES = ["delete", "disable", "retain"] as const;
export type DeletionPolicy = (typeof DELETION_POLICIES)[number];
export const DEFAULT_DELETION_POLICY: DeletionPolicy = "disable";

/** The deletion policy recorded in props; an omitted one is the default. */
export function deletionPolicyOf(props: Props): DeletionPolicy {
  const v = props.deletionPolicy;
  return v === undefined || v === null ? DEFAULT_DELETION_POLICY : (v as DeletionPolicy);
}

/** The meta inputs a kind takes, with their schemas (campaign files list them too). */
export function metaFields(kind: AnyKind): Fields {
  const fields: Record<string, z.ZodTypeAny> = {};
  if (kind.adoption) {
    fields.adopt = z.boolean().optional();
    fields.adoptId = z
      .number()
      .int(`must be a whole number (the id of an existing ${kind.name} in the store)`)
      .positive(`must be a positive id of an existing ${kind.name} in the store`)
      .optional();
  }
  // no default filled in: an omitted policy is "disable" where it is applied (diff, delete)
  if (kind.deletionPolicy) fields.deletionPolicy = z.enum(DELETION_POLICIES).optional();
  return fields;
}

/** Splits props into the API inputs a kind works with and the meta inputs. */
export function splitMeta(props: Props): { api: Props; meta: Props } {
  const api: Props = {};
  const meta: Props = {};
  for (const [k, v] of Object.entries(props)) ((META_KEYS as readonly string[]).includes(k) ? meta : api)[k] = v;
  return { api, meta };
}

/** Validates and canonicalises inputs; every failure names its property and rule. */
export function checkInputs(kind: AnyKind, news: Props): { inputs: Props; failures: Failure[] } {
  const failures: Failure[] = [];
  const inputs: Props = {};
  const meta = metaFields(kind);
  const allowed = new Set([...Object.keys(kind.fields), ...Object.keys(meta), ...kind.outputs, "__provider"]);
  for (const key of Object.keys(news)) {
    if (!allowed.has(key)) {
      const why = key === "adopt" || key === "adoptId" ? ` (a ${kind.name} cannot be adopted)` : "";
      failures.push(failure(key, `${key}: is not a property of ${kind.name}${why}`));
    }
  }
  for (const [key, schema] of [...Object.entries(kind.fields), ...Object.entries(meta)]) {
    const value = news[key];
    if (isUnknown(value)) {
      inputs[key] = value;
      continue;
    }
    const parsed = schema.safeParse(value === null ? undefined : value);
    if (parsed.success) {
      if (parsed.data !== undefined) inputs[key] = parsed.data;
    } else {
      for (const issue of parsed.error.issues) {
        const path = [key, ...issue.path];
        const property = pathText(path);
        let reason = describeIssue(issue, value);
        // a nested value is not shown by the engine (it prints only top-level ones): say it here
        const nested = issue.path.length > 0 ? valueAt(value, issue.path) : undefined;
        if (nested !== undefined && !reason.includes("(got ") && !(kind.secretOutputs ?? []).includes(key))
          reason += ` (got ${JSON.stringify(nested)})`;
        failures.push({ property, path, reason: `${property}: ${reason}` });
      }
    }
  }
  if (kind.crossCheck) {
    // Run the cross rules even when some property failed, so that every failure shows at once;
    // a property that failed (absent from inputs) or is still unknown counts as not known.
    const known = (k: string) => Object.prototype.hasOwnProperty.call(inputs, k) && !isUnknown(inputs[k]);
    failures.push(...kind.crossCheck(inputs, known));
  }
  if (inputs.adopt === true && inputs.adoptId !== undefined) {
    failures.push(
      failure(
        "adopt",
        "adopt: give either adopt (look the object up by its key) or adoptId (take over that id), not both",
      ),
    );
  }
  for (const need of kind.adoption?.adoptNeeds ?? []) {
    if (inputs.adopt === true && inputs[need] === undefined) {
      failures.push(
        failure(
          "adopt",
          `adopt: a ${kind.name} is looked up by its ${need}, and none is declared; declare ${need} or take the object over with adoptId`,
        ),
      );
    }
  }
  return { inputs, failures };
}

function valueAt(value: unknown, path: ReadonlyArray<string | number>): unknown {
  let v = value;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

function describeIssue(issue: z.ZodIssue, value: unknown): string {
  if (issue.code === "invalid_type" && issue.received === "undefined") return "is required";
  if (issue.code === "invalid_type") return `must be ${issue.expected} (got ${issue.received})`;
  if (issue.code === "invalid_enum_value") {
    // `received` is the offending value itself, also when it sits inside an object
    return `must be one of ${issue.options.map((o) => JSON.stringify(o)).join(", ")} (got ${JSON.stringify(issue.received)})`;
  }
  if (issue.code === "invalid_union") {
    // a union of types (`string | number`): say which, instead of zod's bare "Invalid input"
    if (issue.path.length === 0 && (value === undefined || value === null)) return "is required";
    const expected = issue.unionErrors.flatMap((e) => e.issues).filter((i) => i.code === "invalid_type");
    if (expected.length === issue.unionErrors.length) {
      return `must be ${expected.map((i) => (i as z.ZodInvalidTypeIssue).expected).join(" or ")} (got ${(expected[0] as z.ZodInvalidTypeIssue).received})`;
    }
  }
  return issue.message;
}

/**
 * Compares the old outputs with the new (checked, canonical) inputs, property by property.
 * Only declared properties count: output-only values such as a use counter never do.
 */
export function diffInputs(kind: AnyKind, olds: Props, news: Props): pulumi.dynamic.DiffResult {
  const changed = changedKeys(kind, olds, news);
  // adopt and adoptId only matter at creation: never a change. A new deletion policy is a change
  // (recorded in state) that needs no API call.
  if (kind.deletionPolicy && !isUnknown(news.deletionPolicy)) {
    if (deletionPolicyOf(olds) !== deletionPolicyOf(news)) changed.push("deletionPolicy");
  }
  const replaces = changed.filter((k) => kind.replaceOn?.includes(k));
  const deleteFirst = replaces.length > 0 && (kind.deleteFirst ? kind.deleteFirst(olds, news) : true);
  return { changes: changed.length > 0, replaces, deleteBeforeReplace: deleteFirst };
}

/** The declared (API) properties whose new value differs from the old one. */
export function changedKeys(kind: AnyKind, olds: Props, news: Props): string[] {
  const changed: string[] = [];
  for (const [key, schema] of Object.entries(kind.fields)) {
    const n = news[key];
    if (isUnknown(n)) {
      changed.push(key);
      continue;
    }
    const same = kind.unchanged?.[key];
    if (same ? !same(olds, news) : !deepEqual(canonicalOld(schema, olds[key]), n)) changed.push(key);
  }
  return changed;
}

/**
 * The canonical form of an old (state) value, so that state written by earlier versions compares
 * equal: the field's schema applied again (an absent value becomes its default); a value the
 * schema refuses is kept as it is. `null` stays `null`.
 */
export function canonicalOld(schema: z.ZodTypeAny, v: unknown): unknown {
  if (v === null) return null;
  const r = schema.safeParse(v);
  return r.success ? r.data : v;
}
