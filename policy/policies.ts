/**
 * The pack's policies for the policy SDK: which resources each rule reads (by type token) and
 * what it reads (checked inputs for resource rules, state for stack rules).
 */
import type {
  Policies,
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import { kindOfType } from "../provider/common/resource";
import { configSchema, DEFAULTS, PolicyConfig, PolicyName, PolicySettings } from "./config";
import * as rules from "./rules";
import type { Subject } from "./rules";

/**
 * A plain copy of the values the SDK's proxy knows. Reading a value not known yet during preview
 * (an output of another resource) throws in the SDK; a rule judges what is known and skips the rest.
 */
export function knownValues(v: unknown): unknown {
  if (!v || typeof v !== "object") return v;
  const read = (k: string | number): unknown => {
    try {
      return knownValues((v as Record<string | number, unknown>)[k]);
    } catch {
      return undefined;
    }
  };
  if (Array.isArray(v)) return v.map((_, i) => read(i));
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const value = read(k);
    if (value !== undefined) out[k] = value;
  }
  return out;
}

/** The object a rule sees, or undefined for resources of other packages. */
function subject(type: string, name: string, props: unknown): Subject | undefined {
  const kind = kindOfType(type);
  return kind ? { kind, name, props: knownValues(props) as Subject["props"] } : undefined;
}

/**
 * The defaults of a policy with what the config file says over them. The engine checks the types
 * of the settings against the schema but lets a misspelt key through, which would leave the
 * threshold at its default unnoticed: it fails the preview here.
 */
export function settings<P extends PolicyName>(p: P, config: Partial<PolicyConfig<P>>): PolicySettings[P] {
  const known = Object.keys(DEFAULTS[p].settings);
  const unknown = Object.keys(config).filter((k) => k !== "enforcementLevel" && !known.includes(k));
  if (unknown.length) {
    throw new Error(
      `the policy pack config of "${p}" sets ${unknown.map((k) => `"${k}"`).join(", ")}, which it does not have (its settings: ${known.join(", ") || "none"})`,
    );
  }
  return { ...DEFAULTS[p].settings, ...config };
}

/** What every policy of the pack declares besides its rule: name, description, level, settings. */
function declared<P extends PolicyName>(name: P, description: string) {
  return { name, description, enforcementLevel: DEFAULTS[name].enforcementLevel, configSchema: configSchema(name) };
}

/** A rule on each resource's checked inputs. */
function resourcePolicy<P extends PolicyName>(
  name: P,
  description: string,
  rule: (s: Subject, c: PolicySettings[P], now: Date) => string[],
): ResourceValidationPolicy {
  return {
    ...declared(name, description),
    validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
      const s = subject(args.type, args.name, args.props);
      if (!s) return;
      for (const m of rule(s, settings(name, args.getConfig<Partial<PolicyConfig<P>>>()), new Date())) report(m);
    },
  };
}

/** The name of a resource in its URN (`...::Coupon::spring.welcome`). */
function nameOf(r: PolicyResource): string {
  return r.name ?? r.urn.slice(r.urn.lastIndexOf("::") + 2);
}

/** The outputs naming the store object: present in state once the object exists. */
const ID_OUTPUTS = ["couponId", "promotionId", "giftCertificateId", "bannerId", "codeId", "codeIds"];

/**
 * A rule on the stack's resources as the state will hold them: outputs of unchanged objects, the
 * checked inputs of new and changed ones (the engine's preview of an update shows no outputs).
 */
function stackPolicy<P extends PolicyName>(
  name: P,
  description: string,
  rule: (s: Subject, c: PolicySettings[P], now: Date, existing: boolean) => string[],
): StackValidationPolicy {
  return {
    ...declared(name, description),
    validateStack: (args, report) => {
      const config = settings(name, args.getConfig<Partial<PolicyConfig<P>>>());
      const now = new Date();
      for (const r of args.resources) {
        const s = subject(r.type, nameOf(r), r.props);
        if (!s) continue;
        const existing = ID_OUTPUTS.some((k) => s.props[k] !== undefined);
        for (const m of rule(s, config, now, existing)) report(m, r.urn);
      }
    },
  };
}

export const POLICIES: Policies = [
  resourcePolicy(
    "max-discount",
    "A coupon or promotion gives at most the capped percentage and fixed amount off, in every action.",
    rules.maxDiscount,
  ),
  resourcePolicy(
    "free-shipping-and-full-discount",
    "Free shipping and 100 % off only on the resources allowed to give them.",
    rules.freeShippingAndFullDiscount,
  ),
  resourcePolicy(
    "discount-end-date",
    "A discount ends within the allowed number of days of its start.",
    rules.discountEndDate,
  ),
  resourcePolicy(
    "use-limits",
    "A discount above the threshold has a total and a per-customer use limit.",
    rules.useLimits,
  ),
  stackPolicy(
    "gift-certificate-limits",
    "A gift certificate is at most the capped amount and is not created already expired.",
    rules.giftCertificateLimits,
  ),
  resourcePolicy("bulk-code-limits", "A large batch of coupon codes has a per-code use limit.", rules.bulkCodeLimits),
  resourcePolicy(
    "stacking",
    "Only a promotion below the threshold can be combined with other promotions.",
    rules.stacking,
  ),
  stackPolicy(
    "used-objects-kept",
    'A used coupon or promotion is disabled or kept, not deleted, on destroy or replacement (deletionPolicy "disable" or "retain").',
    rules.usedObjectsKept,
  ),
];
