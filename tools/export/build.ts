/**
 * Turns a store snapshot into a campaign: one entry per object, in the resource's canonical
 * input form (each kind's `fromApi`, then its zod fields), each marked for adoption with
 * `adoptId`. Values equal to what the fields fill in anyway are left out, and every entry is
 * checked back through the kind's fields: what `check` makes of the written values must be what
 * the store holds, or the entry carries a warning naming the properties `up` would change.
 */
import type { z } from "zod";
import { AnyKind, checkInputs } from "../../provider/common/kind";
import { deepEqual } from "../../provider/common/values";
import { Definition, KINDS } from "../../provider/kinds";
import { fromApi as bannerFromApi } from "../../provider/banner/mapping";
import { fromApi as couponFromApi } from "../../provider/coupon/mapping";
import { fromApi as codeFromApi } from "../../provider/coupon-code/mapping";
import { fromApi as giftCertificateFromApi } from "../../provider/gift-certificate/mapping";
import { fromApi as promotionFromApi } from "../../provider/promotion/mapping";
import { KeyAllocator } from "./keys";
import type { StoreSnapshot } from "./read";

type Props = Record<string, unknown>;

/** The definitions whose objects the export writes, in the registry's order. */
type Exported = Extract<Definition, { export: { writes: true } }>;
const EXPORTED = KINDS.filter((d): d is Exported => d.export.writes);

/** Sections of a campaign file the export writes, in the order it writes them. */
export type Section = Exported["campaign"]["section"];
export const SECTIONS: readonly Section[] = EXPORTED.map((d) => d.campaign.section);

/** The resource kind behind each section. */
export const SECTION_KINDS = Object.fromEntries(
  EXPORTED.map((d): [string, AnyKind] => [d.campaign.section, d.kind]),
) as Record<Section, AnyKind>;

/** Inputs of adoption and deletion: never part of what the store holds. */
const NOT_STORE_VALUES = new Set(["adoptId", "adopt", "deletionPolicy", "allowDeleteWhenSpent", "allowExpired"]);

/** One exported object. */
export interface ExportEntry {
  section: Section;
  key: string;
  /** The object's id in the store (`adoptId`). */
  id: number;
  /** What the file declares, `adoptId` first. */
  values: Props;
  /** Lines of the YAML comment written above the entry. */
  comment: string[];
  /** Problems: properties `up` would change, or values the resource refuses. */
  warnings: string[];
}

export interface ExportOptions {
  /** `campaign.name`; default "Store <hash>". */
  name?: string;
  /** The store's hash, for the default name. */
  storeHash?: string;
  /**
   * Store objects some program already manages (see {@link managedIds}), by section: left out,
   * so that no object gets two resources.
   */
  skip?: ManagedIds;
}

/** Ids of store objects, by the section they would be written to. */
export type ManagedIds = Partial<Record<Section, Set<number>>>;

/**
 * The store objects a stack's state manages, from its deployment (`pulumi stack export`): each
 * resource's id, and the store objects a resource manages in another section (a batch's codes).
 */
export function managedIds(deployment: {
  resources?: Array<{ type?: string; id?: string; outputs?: Record<string, unknown> }>;
}): ManagedIds {
  const out: ManagedIds = {};
  const add = (section: Section, id: unknown) => {
    const n = Number(id);
    if (Number.isInteger(n) && n > 0) (out[section] ??= new Set()).add(n);
  };
  for (const r of deployment.resources ?? []) {
    const m = /^pulumi-nodejs:dynamic\/bigcommerce:(\w+)$/.exec(r.type ?? "");
    if (!m) continue;
    const def = KINDS.find((d) => d.kind.name === m[1]);
    if (!def) continue;
    if (def.export.writes) add(def.campaign.section as Section, r.id);
    if ("manages" in def.export) {
      const ids = r.outputs?.[def.export.manages.idsOutput];
      if (Array.isArray(ids)) for (const id of ids) add(def.export.manages.section, id);
    }
  }
  return out;
}

export interface ExportedCampaign {
  campaign: { name: string };
  entries: ExportEntry[];
  /** Section-level notes (objects not exported and why). */
  notes: Partial<Record<Section, string[]>>;
  /** Every entry's warnings, prefixed with its section and key. */
  warnings: string[];
}

/** The plain campaign object of an export (what the YAML file holds, without its comments). */
export function campaignObject(exported: ExportedCampaign): Props {
  const out: Props = { campaign: exported.campaign };
  for (const section of SECTIONS) {
    const entries = exported.entries.filter((e) => e.section === section);
    if (entries.length) out[section] = Object.fromEntries(entries.map((e) => [e.key, e.values]));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Leaving out what the fields fill in anyway

/** A copy of `value` without the object key at `path` (a path of object keys and array indexes). */
function without(value: unknown, path: Array<string | number>): unknown {
  if (path.length === 0) return undefined;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return (value as unknown[]).map((x, i) => (i === head ? without(x, rest) : x));
  const obj = value as Props;
  if (rest.length === 0) {
    const { [head as string]: _gone, ...kept } = obj;
    return kept;
  }
  return { ...obj, [head]: without(obj[head as string], rest) };
}

function at(value: unknown, path: Array<string | number>): unknown {
  return path.reduce<unknown>((v, p) => (v as Props | unknown[] | undefined)?.[p as never], value);
}

/**
 * The shortest spelling of one property's canonical value: every nested object key whose
 * removal the schema fills back in identically (a rule's `applyOnce: true`, a customer's empty
 * `groupIds`) is dropped. Array elements are never dropped. By construction the schema makes of
 * the result exactly `canonical`.
 */
export function minimizeValue(schema: z.ZodTypeAny, canonical: unknown): unknown {
  let current = canonical;
  const same = (candidate: unknown) => {
    const r = schema.safeParse(candidate);
    return r.success && deepEqual(r.data, canonical);
  };
  const walk = (path: Array<string | number>) => {
    const node = at(current, path);
    if (Array.isArray(node)) {
      node.forEach((_, i) => walk([...path, i]));
    } else if (node && typeof node === "object") {
      for (const key of Object.keys(node)) {
        const candidate = without(current, [...path, key]);
        if (same(candidate)) current = candidate;
        else walk([...path, key]);
      }
    }
  };
  walk([]);
  return current;
}

/**
 * The declaration of one object: `storeValues` (canonical, as the kind's `read` returns them)
 * without the properties whose schema default is the same value, nested defaults dropped too.
 * `omit` lists properties to leave out although they hold a value (store choices, secrets).
 */
export function declare(kind: AnyKind, storeValues: Props, omit: string[] = []): Props {
  const fields = kind.fields;
  const out: Props = {};
  for (const [key, schema] of Object.entries(fields)) {
    const value = storeValues[key];
    if (value === undefined || omit.includes(key) || NOT_STORE_VALUES.has(key)) continue;
    const byDefault = schema.safeParse(undefined);
    if (byDefault.success && deepEqual(byDefault.data, value)) continue;
    out[key] = minimizeValue(schema, value);
  }
  return out;
}

/**
 * What `check` makes of a declaration, compared with what the store holds: the properties that
 * differ (which `up` would write) and the check failures (values the resource refuses).
 * `ignore` lists store values the declaration leaves to the store on purpose.
 */
export function verify(kind: AnyKind, declared: Props, storeValues: Props, ignore: string[] = []): string[] {
  const { inputs, failures } = checkInputs(kind, declared);
  const problems = failures.map((f) => `the resource refuses the store's value: ${f.reason}`);
  for (const key of Object.keys(kind.fields)) {
    if (NOT_STORE_VALUES.has(key) || ignore.includes(key)) continue;
    if (
      failures.some((f) => f.property === key || f.property.startsWith(`${key}.`) || f.property.startsWith(`${key}[`))
    )
      continue;
    if (!deepEqual(inputs[key], storeValues[key])) {
      problems.push(
        `${key}: the store holds ${JSON.stringify(storeValues[key] ?? null)}, up would write ${JSON.stringify(inputs[key] ?? null)}`,
      );
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The sections

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The whole campaign of a store snapshot. Entries keep the store's id order within each section. */
export function buildCampaign(snapshot: StoreSnapshot, options: ExportOptions = {}): ExportedCampaign {
  const keys = new KeyAllocator();
  const entries: ExportEntry[] = [];
  const notes: Partial<Record<Section, string[]>> = {};
  const skipped: Partial<Record<Section, number>> = {};
  const orphanCodes: string[] = [];
  /** True (and counted) when the object is managed already and must be left out. */
  const managed = (section: Section, id: number) => {
    if (!options.skip?.[section]?.has(id)) return false;
    skipped[section] = (skipped[section] ?? 0) + 1;
    return true;
  };

  const add = (section: Section, key: string, id: number, values: Props, comment: string[], warnings: string[]) => {
    entries.push({ section, key, id, values: { adoptId: id, ...values }, comment, warnings });
  };

  // Promotions first: their keys are what the coupon codes refer to.
  const promotionKeys = new Map<number, string>();
  for (const p of snapshot.promotions) {
    if (managed("promotions", p.id)) continue;
    const store = promotionFromApi(p) as Props;
    const comment: string[] = [];
    const warnings: string[] = [];
    // Store choices left out when they hold the store's default (the resource never counts
    // the store's choice for a left-out property as a change).
    const omit: string[] = [];
    if (store.displayName === "") omit.push("displayName");
    if (store.currencyCode === "*") omit.push("currencyCode");
    if (store.couponType === "SINGLE") omit.push("couponType");
    if (store.couponOverridesOtherPromotions === false) omit.push("couponOverridesOtherPromotions");
    if (store.maxUses === 0) omit.push("maxUses");
    const values = declare(SECTION_KINDS.promotions, store, omit);
    const ignore = [...omit];
    if (store.status === "INVALID") {
      values.status = "ENABLED";
      ignore.push("status");
      warnings.push(
        "status: the store moved this promotion to INVALID (it no longer gives its discount); up would set it back to ENABLED",
      );
    }
    warnings.push(...verify(SECTION_KINDS.promotions, values, store, ignore));
    if (typeof p.current_uses === "number" && p.current_uses > 0)
      comment.push(`used ${plural(p.current_uses, "time")}`);
    const key = keys.key(String(p.name ?? ""), `promotion-${p.id}`);
    promotionKeys.set(p.id, key);
    add("promotions", key, p.id, values, comment, warnings);
  }

  for (const p of snapshot.promotions) {
    const promotion = promotionKeys.get(p.id);
    for (const c of snapshot.codes.get(p.id) ?? []) {
      if (managed("couponCodes", c.id)) continue;
      if (!promotion) {
        // its promotion is managed elsewhere: a code names its promotion by key in the same file
        orphanCodes.push(c.code);
        continue;
      }
      const store = codeFromApi(p.id, c) as Props;
      const { promotionId: _id, ...values } = declare(SECTION_KINDS.couponCodes, store);
      const warnings = verify(SECTION_KINDS.couponCodes, { ...values, promotionId: p.id }, store);
      const comment =
        typeof c.current_uses === "number" && c.current_uses > 0 ? [`used ${plural(c.current_uses, "time")}`] : [];
      add("couponCodes", keys.key(c.code, `code-${c.id}`), c.id, { promotion, ...values }, comment, warnings);
    }
  }

  const promotionCoupons = snapshot.coupons.filter((c) => c.type === "promotion");
  if (promotionCoupons.length) {
    notes.coupons = [
      `${plural(promotionCoupons.length, "coupon")} of type "promotion" (ids ${promotionCoupons.map((c) => c.id).join(", ")}) ` +
        `${promotionCoupons.length === 1 ? "belongs to a v3 promotion and is" : "belong to v3 promotions and are"} not exported ` +
        "here: the promotions and their codes are.",
    ];
  }
  for (const c of snapshot.coupons) {
    if (c.type === "promotion" || managed("coupons", c.id)) continue;
    const store = couponFromApi(c) as Props;
    const warnings: string[] = [];
    if (!store.appliesTo) {
      // a PUT without applies_to clears it; the resource always declares one
      delete store.appliesTo;
      warnings.push(
        "appliesTo: the store holds none (a PUT without applies_to cleared it); up would set it to all categories",
      );
    }
    const values = declare(SECTION_KINDS.coupons, store);
    warnings.push(...verify(SECTION_KINDS.coupons, values, store, store.appliesTo ? [] : ["appliesTo"]));
    const comment = c.num_uses > 0 ? [`used ${plural(c.num_uses, "time")}`] : [];
    add("coupons", keys.key(c.code, `coupon-${c.id}`), c.id, values, comment, warnings);
  }

  for (const b of snapshot.banners) {
    if (managed("banners", b.id)) continue;
    const store = bannerFromApi(b) as Props;
    const values = declare(SECTION_KINDS.banners, store);
    add("banners", keys.key(b.name, `banner-${b.id}`), b.id, values, [], verify(SECTION_KINDS.banners, values, store));
  }

  for (const g of snapshot.giftCertificates) {
    if (managed("giftCertificates", g.id)) continue;
    const store = giftCertificateFromApi(g);
    // The code is a bearer secret: never written (the certificate keeps its code in the store).
    // The balance is the customers' money: not declared, so up never writes it.
    const values = declare(SECTION_KINDS.giftCertificates, store, ["code", "balance"]);
    const comment = [
      "code not exported: it is a secret; the certificate keeps its code in the store",
      `balance ${store.balance} of ${store.amount}${store.currencyCode ? ` ${store.currencyCode}` : ""} (not declared: customers spend it)`,
    ];
    const warnings = verify(SECTION_KINDS.giftCertificates, values, store, ["code", "balance"]);
    add(
      "giftCertificates",
      keys.key(`gift ${g.to_name ?? ""}`, `gift-certificate-${g.id}`),
      g.id,
      values,
      comment,
      warnings,
    );
  }

  for (const section of SECTIONS) {
    const n = skipped[section];
    if (n)
      (notes[section] ??= []).push(
        `${plural(n, "object")} of this kind already managed by the stack ${n === 1 ? "is" : "are"} left out.`,
      );
  }
  if (orphanCodes.length) {
    (notes.couponCodes ??= []).push(
      `${plural(orphanCodes.length, "code")} of promotions the stack already manages ${orphanCodes.length === 1 ? "is" : "are"} left out ` +
        `(${orphanCodes.slice(0, 10).join(", ")}${orphanCodes.length > 10 ? ", ..." : ""}): declare ${orphanCodes.length === 1 ? "it" : "them"} ` +
        `next to ${orphanCodes.length === 1 ? "its promotion" : "their promotions"}.`,
    );
  }
  const warnings = entries.flatMap((e) => e.warnings.map((w) => `${e.section}.${e.key} (id ${e.id}): ${w}`));
  const name = options.name?.trim() || (options.storeHash ? `Store ${options.storeHash}` : "Store");
  return { campaign: { name }, entries, notes, warnings };
}
