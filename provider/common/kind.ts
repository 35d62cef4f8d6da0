import { z } from "zod";
import type * as pulumi from "@pulumi/pulumi";
import { BigCommerceClient } from "../client/http";
import { deepEqual, isUnknown } from "./values";

type Props = Record<string, unknown>;

/** One check failure: the input property and the rule it breaks. */
export interface Failure {
  property: string;
  reason: string;
}

/**
 * What a resource kind tells the shared machinery. Each resource folder provides one:
 * its zod fields (`schema.ts`), its mapping to and from the API (`mapping.ts`) and its API
 * calls (`provider.ts`). Check, diff and the read/refresh contract are implemented once, here.
 */
export interface ResourceKind<Inputs extends Props = Props> {
  /** Type name in the token `bigcommerce:<name>`. */
  name: string;
  /**
   * Per-property schemas. Each validates and canonicalises one known input (for example "5"
   * becomes "5.0000"); unknown values (preview) skip it. Defaults fill omitted properties, so
   * the declared object is complete and any store-side change of it is drift.
   */
  fields: { [K in keyof Inputs]-?: z.ZodTypeAny };
  /** Rules across properties; skipped for properties that are still unknown. */
  crossCheck?(inputs: Partial<Inputs>, known: (key: keyof Inputs) => boolean): Failure[];
  /** Properties whose change replaces the object instead of updating it. */
  replaceOn?: Array<keyof Inputs>;
  /**
   * Whether a replacement must delete the old object before creating the new one (a unique
   * value that stays the same would clash). Default: always.
   */
  deleteFirst?(olds: Props, news: Props): boolean;
  /** Output properties; never compared by diff. */
  outputs: string[];
  /** Output properties that hold secrets (`additionalSecretOutputs` of the resource). */
  secretOutputs?: string[];
  /**
   * Per-property equality used by diff instead of comparing the old output with the new input,
   * for values the store moves on its own (a gift certificate's balance as customers spend
   * it): return true when the declared value did not change.
   */
  unchanged?: { [K in keyof Inputs]?: (olds: Props, news: Props) => boolean };

  /**
   * Taking over existing store objects (`adopt` / `adoptId`, and the look-up after a create whose
   * answer was lost). Absent: the kind cannot be adopted (BulkCouponCodes).
   */
  adoption?: Adoption<Inputs>;
  /**
   * True for kinds with a `deletionPolicy` input (Coupon, Promotion): what destroy does to an
   * object customers have used. Their `delete` reads `props.deletionPolicy`.
   */
  deletionPolicy?: boolean;

  /** Creates the object. Gets the API inputs only (never adopt, adoptId or deletionPolicy). */
  create(client: BigCommerceClient, inputs: Inputs): Promise<{ id: string; outs: Props }>;
  /** The object as the store holds it, or undefined when it is gone. */
  read(client: BigCommerceClient, id: string, props: Props): Promise<{ inputs: Inputs; outs: Props } | undefined>;
  update(client: BigCommerceClient, id: string, olds: Props, news: Inputs): Promise<Props>;
  delete(client: BigCommerceClient, id: string, props: Props): Promise<void>;
}

/** How a kind finds the store objects it may take over. */
export interface Adoption<Inputs extends Props = Props> {
  /** The unique key in words, for logs and errors (`code "SPRING15"`); never a secret. */
  key(inputs: Inputs): string;
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
  findExisting(client: BigCommerceClient, inputs: Inputs, since?: number): Promise<string[] | undefined>;
  /** The props `read` needs to describe an object adopted for these inputs (declarations kept in state). */
  readProps?(inputs: Inputs): Props;
  /** Inputs that `adopt: true` needs (GiftCertificate: its code). */
  adoptNeeds?: Array<keyof Inputs & string>;
}

/** Inputs the shared machinery handles for the kinds; never sent to the API. */
export const META_KEYS = ["adopt", "adoptId", "deletionPolicy"] as const;
export const DELETION_POLICIES = ["delete", "disable", "retain"] as const;
export type DeletionPolicy = (typeof DELETION_POLICIES)[number];
export const DEFAULT_DELETION_POLICY: DeletionPolicy = "disable";

/** The meta inputs a kind takes, with their schemas (campaign files list them too). */
export function metaFields(kind: ResourceKind<any>): Record<string, z.ZodTypeAny> {
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
export function checkInputs<I extends Props>(
  kind: ResourceKind<I>,
  news: Props,
): { inputs: Props; failures: Failure[] } {
  const failures: Failure[] = [];
  const inputs: Props = {};
  const meta = metaFields(kind);
  const allowed = new Set([...Object.keys(kind.fields), ...Object.keys(meta), ...kind.outputs, "__provider"]);
  for (const key of Object.keys(news)) {
    if (!allowed.has(key)) {
      const why = key === "adopt" || key === "adoptId" ? ` (a ${kind.name} cannot be adopted)` : "";
      failures.push({ property: key, reason: `${key}: is not a property of ${kind.name}${why}` });
    }
  }
  for (const [key, schema] of [...Object.entries(kind.fields), ...Object.entries(meta)] as Array<
    [string, z.ZodTypeAny]
  >) {
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
        const property = [key, ...issue.path].reduce<string>(
          (acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${p}` : String(p)),
          "",
        );
        failures.push({ property, reason: `${property}: ${describeIssue(issue, value)}` });
      }
    }
  }
  if (kind.crossCheck) {
    // Run the cross rules even when some property failed, so that every failure shows at once;
    // a property that failed (absent from inputs) or is still unknown counts as not known.
    const known = (k: keyof I) => Object.prototype.hasOwnProperty.call(inputs, k) && !isUnknown(inputs[k as string]);
    failures.push(...kind.crossCheck(inputs as Partial<I>, known));
  }
  if (inputs.adopt === true && inputs.adoptId !== undefined) {
    failures.push({
      property: "adopt",
      reason: "adopt: give either adopt (look the object up by its key) or adoptId (take over that id), not both",
    });
  }
  for (const need of kind.adoption?.adoptNeeds ?? []) {
    if (inputs.adopt === true && inputs[need] === undefined) {
      failures.push({
        property: "adopt",
        reason: `adopt: a ${kind.name} is looked up by its ${need}, and none is declared; declare ${need} or take the object over with adoptId`,
      });
    }
  }
  return { inputs, failures };
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
export function diffInputs<I extends Props>(
  kind: ResourceKind<I>,
  olds: Props,
  news: Props,
): pulumi.dynamic.DiffResult {
  const changed = changedKeys(kind, olds, news);
  // adopt and adoptId only matter at creation: never a change. A new deletion policy is a change
  // (recorded in state) that needs no API call.
  if (kind.deletionPolicy && !isUnknown(news.deletionPolicy)) {
    const policy = (v: unknown) => (v === undefined || v === null ? DEFAULT_DELETION_POLICY : v);
    if (policy(olds.deletionPolicy) !== policy(news.deletionPolicy)) changed.push("deletionPolicy");
  }
  const replaces = changed.filter((k) => (kind.replaceOn as string[] | undefined)?.includes(k));
  const deleteFirst = replaces.length > 0 && (kind.deleteFirst ? kind.deleteFirst(olds, news) : true);
  return { changes: changed.length > 0, replaces, deleteBeforeReplace: deleteFirst };
}

/** The declared (API) properties whose new value differs from the old one. */
export function changedKeys<I extends Props>(kind: ResourceKind<I>, olds: Props, news: Props): string[] {
  const changed: string[] = [];
  for (const key of Object.keys(kind.fields)) {
    const n = news[key];
    if (isUnknown(n)) {
      changed.push(key);
      continue;
    }
    const same = kind.unchanged?.[key as keyof I];
    if (same ? !same(olds, news) : !deepEqual(canonical(kind, key, olds[key]), n)) changed.push(key);
  }
  return changed;
}

/** The canonical form of an old value, so state written by earlier versions compares equal. */
function canonical<I extends Props>(kind: ResourceKind<I>, key: string, v: unknown): unknown {
  if (v === null) return null;
  if (v === undefined) {
    const r = (kind.fields as Record<string, z.ZodTypeAny>)[key].safeParse(undefined);
    return r.success ? r.data : v;
  }
  const r = (kind.fields as Record<string, z.ZodTypeAny>)[key].safeParse(v);
  return r.success ? r.data : v;
}
