/**
 * What a resource folder tells everything beyond the provider: its kind, its resource class,
 * its campaign section and the words the tools describe it with. `provider/kinds.ts` lists the
 * definitions; everything that needs the list of resources derives it from there.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { CampaignSettings } from "../campaign/model";
import type { Inherited } from "../campaign/inherit";
import type { AnyKind } from "./kind";

/** A resource class of the package. `never` Args: a class of any Args (each takes its own). */
export type ResourceClass<Args = never, R extends pulumi.CustomResource = pulumi.CustomResource> = new (
  name: string,
  args: Args,
  opts?: pulumi.CustomResourceOptions,
) => R;

export interface CampaignSpec {
  /** The section's key in a campaign file (`promotions`). */
  section: string;
  /** What one object of the section is, for messages ("a promotion"). */
  what: string;
  /** The singular key of its JSON Schema definition. */
  def: string;
  /** The section's description in the JSON Schema. */
  text: string;
  /** Whether its objects name their promotion by key (`promotion:`) instead of a `promotionId`. */
  promotionRef?: boolean;
  /** The section the `promotion:` keys name (promotions): the output the objects get as `promotionId`. */
  referencedAs?: { output: string };
  /** Whether `namePrefix` is put in front of its `name`. */
  prefixName?: boolean;
  /** The campaign-wide values this object takes, given the properties it declares itself. */
  inherit?(own: Record<string, unknown>, c: CampaignSettings): Inherited[];
  /** The outputs of each object a campaign's stack outputs. */
  outputs: readonly string[];
}

/** How `tools/export` treats the store objects of the kind. */
export interface ExportSpec {
  /** Whether the export writes them (to the kind's campaign section). */
  writes: boolean;
  /** A resource of this kind manages store objects of another section: their ids are in this output. */
  manages?: { section: string; idsOutput: string };
}

/** The words of the preview summary (`tools/summary`) for the kind. */
export interface SummarySpec {
  /** The kind in words ("Gift certificate"). */
  label: string;
  /** The input that names an object in its label, and how: `Coupon SPRING15`, `Promotion "Sale"`, `Gift certificate for Alyss`. */
  labelBy?: { property: string; form: "plain" | "quoted" | "for" };
  /** Field names in words, by input path. */
  fieldNames?: Record<string, string>;
  /** The fields worth a line when an object is created or deleted. */
  keyFields: readonly string[];
  /** Key fields shown only when they hold a value. */
  keyFieldsWhenSet?: readonly string[];
  /** Fields whose absence means "unlimited" rather than "none". */
  unlimitedWhenAbsent?: readonly string[];
  /** Fields that are money, beyond the ones every kind shares. */
  moneyFields?: readonly string[];
  /**
   * The `amount` reads by the `type`: a percentage for the `percent` type, nothing for the `free`
   * one (free shipping), money otherwise; raising it is a risk.
   */
  amountByType?: { percent: string; free: string };
  /** The discounts of its `rules` make a line of their own; raising one is a risk. */
  ruleDiscounts?: boolean;
  /** Customer money: its `balance` output is shown, raising it or deleting the object is a risk. */
  holdsMoney?: boolean;
  /** Dates whose removal is a risk: the object no longer ends. */
  expiryFields?: readonly string[];
  /** Use limits whose removal is a risk. */
  limitFields?: readonly string[];
  /** The output that counts uses: deleting a used object is a risk. */
  usesOutput?: string;
}

export interface KindDefinition<Args = never, R extends pulumi.CustomResource = pulumi.CustomResource> {
  kind: AnyKind;
  Resource: ResourceClass<Args, R>;
  campaign: CampaignSpec;
  export: ExportSpec;
  summary: SummarySpec;
}

/** A definition, its literal types kept (section names, outputs) for the types derived from the registry. */
export function defineKind<const D extends KindDefinition>(d: D): D {
  return d;
}
