/**
 * What every resource class passes to `pulumi.dynamic.Resource`, derived from its kind. Runs in
 * the program's process: the kind's fields are read here, while the provider object
 * (`dynamicProvider`) gets the kind's name only.
 */
import * as pulumi from "@pulumi/pulumi";
import { dynamicProvider } from "../dynamic";
import type { AnyKind } from "./kind";

/** The module of every resource's type token: `pulumi-nodejs:dynamic/bigcommerce:Coupon`. */
export const RESOURCE_MODULE = "bigcommerce";
const TYPE_PREFIX = `pulumi-nodejs:dynamic/${RESOURCE_MODULE}:`;

/** The kind's name in a type token of this package (`Coupon`), or undefined for any other type. */
export function kindOfType(type: string): string | undefined {
  return type.startsWith(TYPE_PREFIX) ? type.slice(TYPE_PREFIX.length) : undefined;
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
  kind: Pick<AnyKind, "name" | "fields" | "outputs" | "secretOutputs">,
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
  const options = secrets.length > 0 ? pulumi.mergeOptions(opts, { additionalSecretOutputs: [...secrets] }) : opts;
  return [dynamicProvider(kind.name), name, props, options, RESOURCE_MODULE, kind.name];
}
