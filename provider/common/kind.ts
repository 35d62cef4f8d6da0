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

  create(client: BigCommerceClient, inputs: Inputs): Promise<{ id: string; outs: Props }>;
  /** The object as the store holds it, or undefined when it is gone. */
  read(client: BigCommerceClient, id: string, props: Props): Promise<{ inputs: Inputs; outs: Props } | undefined>;
  update(client: BigCommerceClient, id: string, olds: Props, news: Inputs): Promise<Props>;
  delete(client: BigCommerceClient, id: string, props: Props): Promise<void>;
}

/** Validates and canonicalises inputs; every failure names its property and rule. */
export function checkInputs<I extends Props>(kind: ResourceKind<I>, news: Props): { inputs: Props; failures: Failure[] } {
  const failures: Failure[] = [];
  const inputs: Props = {};
  const allowed = new Set([...Object.keys(kind.fields), ...kind.outputs, "__provider"]);
  for (const key of Object.keys(news)) {
    if (!allowed.has(key)) failures.push({ property: key, reason: `${key}: is not a property of ${kind.name}` });
  }
  for (const [key, schema] of Object.entries(kind.fields) as Array<[string, z.ZodTypeAny]>) {
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
export function diffInputs<I extends Props>(kind: ResourceKind<I>, olds: Props, news: Props): pulumi.dynamic.DiffResult {
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
  const replaces = changed.filter((k) => (kind.replaceOn as string[] | undefined)?.includes(k));
  const deleteFirst = replaces.length > 0 && (kind.deleteFirst ? kind.deleteFirst(olds, news) : true);
  return { changes: changed.length > 0, replaces, deleteBeforeReplace: deleteFirst };
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
