/**
 * The marketing-risk policy pack: `pulumi preview --policy-pack node_modules/pulumi-bigcommerce/policy`
 * (docs/policy.md). Running this module serves the pack to the engine.
 */
import { PolicyPack } from "@pulumi/policy";
import { POLICIES } from "./policies";

new PolicyPack("bigcommerce-marketing", {
  description:
    "Guardrails for a BigCommerce store's discounts: caps, end dates, use limits, stacking, kept used objects.",
  policies: POLICIES,
});
