/**
 * A compile-time link between a resource's hand-written `…Args` (kept by hand for their TSDoc,
 * which editors show) and its zod fields: each resource folder asserts that its Args, with
 * `pulumi.Input<>` unwrapped at every depth, have the keys of the fields' input type plus its
 * meta inputs, the same required keys, and values the fields accept. A schema change the Args do
 * not follow fails `tsc` with the mismatch spelled out. The Args may be narrower than what the
 * fields accept (a field may take a `Date` that the Args leave out).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { DeclaredOf, DeletionPolicy, Fields } from "./kind";

/** The meta inputs of an adoptable kind. */
export interface AdoptionInputs {
  adopt?: boolean;
  adoptId?: number;
}
/** The meta input of a kind with a deletion policy. */
export interface DeletionPolicyInputs {
  deletionPolicy?: DeletionPolicy;
}

type RequiredKeys<T> = { [K in keyof T]-?: Record<never, never> extends Pick<T, K> ? never : K }[keyof T];
type Disjoint<A, B> = Exclude<A, B> | Exclude<B, A>;

/** The keys of `A` whose values `E` does not accept (each with both types, to read in the error). */
type Refused<A, E> = {
  [K in keyof A & keyof E as [A[K]] extends [E[K]] ? never : K]: { args: A[K]; fields: E[K] };
};

type Compare<A, E> = [Exclude<keyof A, keyof E>] extends [never]
  ? [Exclude<keyof E, keyof A>] extends [never]
    ? [Disjoint<RequiredKeys<A>, RequiredKeys<E>>] extends [never]
      ? [keyof Refused<A, E>] extends [never]
        ? true
        : { valuesTheFieldsRefuse: Refused<A, E> }
      : { requiredInOneOnly: Disjoint<RequiredKeys<A>, RequiredKeys<E>> }
    : { missingFromArgs: Exclude<keyof E, keyof A> }
  : { notInFields: Exclude<keyof A, keyof E> };

/** `true` when `Args` follow the fields `F` plus the meta inputs `Meta`; else a description of the mismatch. */
export type ArgsMatch<Args, F extends Fields, Meta = Record<never, never>> = Compare<
  pulumi.Unwrap<Args>,
  DeclaredOf<F> & Meta
>;

/** Compiles only when given `true`: `type Checked = Assert<ArgsMatch<CouponArgs, typeof couponFields>>`. */
export type Assert<T extends true> = T;
