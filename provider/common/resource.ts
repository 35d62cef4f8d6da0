/**
 * What every resource class passes to `pulumi.dynamic.Resource`, derived from its kind. Runs in
 * the program's process: the kind's fields are read here, while the provider object
 * (`dynamicProvider`) gets the kind's name only.
 */
import * as pulumi from "@pulumi/pulumi";
import { dynamicProvider } from "../dynamic";
import { type AnyKind, caseWords, comparable } from "./kind";

/** The module of every resource's type token: `pulumi-nodejs:dynamic/bigcommerce:Coupon`. */
export const RESOURCE_MODULE = "bigcommerce";
const TYPE_PREFIX = `pulumi-nodejs:dynamic/${RESOURCE_MODULE}:`;

/** The kind's name in a type token of this package (`Coupon`), or undefined for any other type. */
export function kindOfType(type: string): string | undefined {
  return type.startsWith(TYPE_PREFIX) ? type.slice(TYPE_PREFIX.length) : undefined;
}

/** The unique values the program's resources declared so far: `space|value` (case folded) -> who. */
const claimed = new Map<string, { kind: string; name: string }>();

/**
 * Two resources of one program that declare the same unique value (a coupon code, in any case)
 * would both pass check and the second fail at `up`, after the first was created: the program
 * reports it at once, on the second resource, naming both, and the preview fails.
 */
function claimUniqueKeys(
  kind: Pick<AnyKind, "name" | "unique">,
  name: string,
  props: pulumi.Inputs,
  opts: pulumi.CustomResourceOptions | undefined,
): void {
  for (const [field, key] of Object.entries(kind.unique ?? {})) {
    if (!key || props[field] === undefined) continue;
    // values not known yet (another resource's output at preview) are left to the store's check
    pulumi.output(props[field]).apply((v: unknown) => {
      if (typeof v !== "string" || !v.trim()) return;
      const slot = `${key.space}|${comparable(v, key.caseSensitive)}`;
      const first = claimed.get(slot);
      if (!first) {
        claimed.set(slot, { kind: kind.name, name });
        return;
      }
      if (first.name === name && first.kind === kind.name) return;
      const shown = key.secret ? `the same ${field}` : `${field} "${v}"`;
      const self = { urn: pulumi.createUrn(name, `${TYPE_PREFIX}${kind.name}`, opts?.parent) };
      void pulumi.log.error(
        `${kind.name} "${name}" declares ${shown} as ${first.kind} "${first.name}": a ${key.space} is unique in the ` +
          `store${caseWords(key.caseSensitive)}, so the second create would fail after the first ` +
          `was made. Give one of them another ${field}`,
        self as unknown as pulumi.Resource,
      );
    });
  }
}

type ResourceArgs = [
  provider: pulumi.dynamic.ResourceProvider,
  name: string,
  props: pulumi.Inputs,
  opts: pulumi.CustomResourceOptions | undefined,
  module: string,
  type: string,
];

/**
 * The constructor arguments of the resource `name` of `kind`. The props hold every output key
 * (the kind's outputs and its optional inputs, undefined unless declared), so that the values the
 * store fills in are outputs too. A secret output is secret as an input as well (state inputs,
 * previews), and is listed in `additionalSecretOutputs`.
 */
export function resourceArgs(
  kind: Pick<AnyKind, "name" | "fields" | "outputs" | "secretOutputs" | "unique">,
  name: string,
  args: object,
  opts?: pulumi.CustomResourceOptions,
): ResourceArgs {
  const props: pulumi.Inputs = {};
  for (const key of kind.outputs) props[key] = undefined;
  for (const [key, schema] of Object.entries(kind.fields)) if (schema.isOptional()) props[key] = undefined;
  Object.assign(props, args);
  const secrets = kind.secretOutputs ?? [];
  for (const key of secrets) {
    const v: unknown = props[key];
    if (v !== undefined && v !== null) props[key] = pulumi.secret(v);
  }
  claimUniqueKeys(kind, name, props, opts);
  const options = secrets.length > 0 ? pulumi.mergeOptions(opts, { additionalSecretOutputs: [...secrets] }) : opts;
  return [dynamicProvider(kind.name), name, props, options, RESOURCE_MODULE, kind.name];
}
