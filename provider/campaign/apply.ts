import type * as pulumi from "@pulumi/pulumi";
import type { CampaignSpec, ResourceClass } from "../common/definition";
import { KINDS } from "../kinds";
import type { Campaign, CampaignOutputs, ObjectOutputs } from "./model";

export type { CampaignOutputs } from "./model";

/** The Args without the file's `null`s ("none", which a resource reads as absent). */
function args(o: object, drop: string[] = []): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== null && v !== undefined && !drop.includes(k)));
}

/**
 * Declares the resources of a validated campaign (see `loadCampaignFile`), named
 * `<fileStem>.<key>`, section by section in the registry's order; codes get the `promotionId`
 * of the promotion they name. Returns the ids.
 */
export function applyCampaign(
  campaign: Campaign,
  fileStem: string,
  opts?: pulumi.CustomResourceOptions,
): CampaignOutputs {
  const name = (key: string) => `${fileStem}.${key}`;
  const out: Record<string, Record<string, ObjectOutputs>> = {};
  // the `promotionId` output of each promotion, by key, for the objects that name one
  const promotionIds = new Map<string, pulumi.Output<unknown>>();
  for (const def of KINDS) {
    const spec: CampaignSpec = def.campaign;
    const section: Record<string, ObjectOutputs> = (out[spec.section] = {});
    // The loader checked each object against this kind's fields: it is the class's Args.
    const Resource = def.Resource as ResourceClass<object>;
    const objects: Record<string, object> = campaign[def.campaign.section];
    for (const [key, a] of Object.entries(objects)) {
      const declared = spec.promotionRef ? args(a, ["promotion"]) : args(a);
      if (spec.promotionRef) declared.promotionId = promotionIds.get((a as { promotion: string }).promotion);
      const r = new Resource(name(key), declared, opts);
      const outputs: ObjectOutputs = {};
      for (const o of spec.outputs) outputs[o] = Reflect.get(r, o) as pulumi.Output<unknown>;
      section[key] = outputs;
      if (spec.referencedAs) promotionIds.set(key, Reflect.get(r, spec.referencedAs.output) as pulumi.Output<unknown>);
    }
  }
  return out as CampaignOutputs;
}
