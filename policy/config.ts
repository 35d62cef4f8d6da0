/**
 * The policies of the pack, their default enforcement levels and thresholds. A stack changes any
 * of them in a JSON file passed with `--policy-pack-config` (docs/policy.md); keys it leaves out
 * keep these values.
 */
import type { EnforcementLevel, PolicyConfigSchema } from "@pulumi/policy";

/** Each policy's settings besides its enforcement level. */
export interface PolicySettings {
  "max-discount": {
    /** The highest percentage off a coupon or promotion may give. */
    maxPercentage: number;
    /** The highest fixed amount off (store currency) a coupon or promotion may give. */
    maxFixedAmount: number;
  };
  "free-shipping-and-full-discount": {
    /** Resource names (`spring.free-ship` in a campaign) that may give free shipping or 100 % off. */
    allowedResources: string[];
  };
  "discount-end-date": {
    /** A discount must end at most this many days after it starts (or after now, without a start). */
    maxDays: number;
  };
  "use-limits": {
    /** A percentage discount above this needs a total and a per-customer use limit. */
    abovePercentage: number;
    /** A fixed-amount discount above this needs a total and a per-customer use limit. */
    aboveFixedAmount: number;
  };
  "gift-certificate-limits": {
    /** The highest amount of a gift certificate. */
    maxAmount: number;
  };
  "bulk-code-limits": {
    /** A batch of more codes than this needs a per-code use limit (maxUses of 1 or more). */
    maxCodesWithoutLimit: number;
  };
  stacking: {
    /** A promotion combinable with others must give less than this percentage off. */
    belowPercentage: number;
    /** A promotion combinable with others must give less than this fixed amount off. */
    belowFixedAmount: number;
  };
  "used-objects-kept": Record<string, never>;
}

export type PolicyName = keyof PolicySettings;

/** A policy's configuration as the pack reads it: its settings and its level. */
export type PolicyConfig<P extends PolicyName> = PolicySettings[P] & { enforcementLevel?: EnforcementLevel };

interface PolicyDefaults<P extends PolicyName> {
  enforcementLevel: EnforcementLevel;
  settings: PolicySettings[P];
}

export const DEFAULTS: { [P in PolicyName]: PolicyDefaults<P> } = {
  "max-discount": { enforcementLevel: "mandatory", settings: { maxPercentage: 50, maxFixedAmount: 100 } },
  "free-shipping-and-full-discount": { enforcementLevel: "mandatory", settings: { allowedResources: [] } },
  "discount-end-date": { enforcementLevel: "advisory", settings: { maxDays: 90 } },
  "use-limits": { enforcementLevel: "advisory", settings: { abovePercentage: 20, aboveFixedAmount: 50 } },
  "gift-certificate-limits": { enforcementLevel: "mandatory", settings: { maxAmount: 500 } },
  "bulk-code-limits": { enforcementLevel: "mandatory", settings: { maxCodesWithoutLimit: 100 } },
  stacking: { enforcementLevel: "advisory", settings: { belowPercentage: 30, belowFixedAmount: 50 } },
  "used-objects-kept": { enforcementLevel: "mandatory", settings: {} },
};

export const POLICY_NAMES = Object.keys(DEFAULTS) as PolicyName[];

/** The JSON Schema of a policy's settings, defaults filled in (the engine validates the config file with it). */
export function configSchema(policy: PolicyName): PolicyConfigSchema {
  const properties: PolicyConfigSchema["properties"] = {};
  for (const [key, value] of Object.entries(DEFAULTS[policy].settings)) {
    properties[key] = Array.isArray(value)
      ? { type: "array", items: { type: "string" }, default: value }
      : { type: "number", minimum: 0, default: value as number };
  }
  return { properties };
}

/** Where a message points the reader to change a threshold: the policy's key in the config file. */
export function configKey<P extends PolicyName>(policy: P, key: keyof PolicySettings[P] & string): string {
  return `${policy}.${key}`;
}
