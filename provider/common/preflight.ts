/**
 * What `check` finds out before any write, at `preview` as at `up`: the configuration (unknown
 * keys, missing credentials), whether the store answers and takes the token (one read per run
 * and store), and whether a new object's unique key is already taken in the store.
 */
import * as pulumi from "@pulumi/pulumi";
import { BigCommerceApiError } from "../client/errors";
import { BigCommerceClient } from "../client/http";
import { COUPONS } from "../client/paths";
import { currentClient, resolveStoreConfig, unknownConfigKeys } from "../config";
import { AnyKind, caseWords, changedKeys, Failure, failure } from "./kind";
import { isClaimed } from "./claims";
import { collectionCount } from "./key-lookup";
import { isUnknown, parseDate } from "./values";

type Props = Record<string, unknown>;

const probes = new Map<BigCommerceClient, Promise<string | undefined>>();
const reported = new Set<string>();

/**
 * The configuration's or the store's problem, once per run: the first check to ask gets it
 * (and fails with it), later ones get undefined, so that the engine prints it once.
 */
export async function storeProblemOnce(): Promise<{ problem?: string; client?: BigCommerceClient }> {
  const { problem, client } = await storeProblem();
  if (!problem) return { client };
  if (reported.has(problem)) return {};
  reported.add(problem);
  return { problem };
}

/** The configuration's or the store's problem, if any, and the client when there is none. */
export async function storeProblem(): Promise<{ problem?: string; client?: BigCommerceClient }> {
  const unknown = unknownConfigKeys();
  if (unknown.length) return { problem: unknown.join("; ") };
  let client: BigCommerceClient;
  try {
    resolveStoreConfig();
    client = currentClient();
  } catch (e) {
    return { problem: (e as Error).message };
  }
  let probe = probes.get(client);
  if (!probe) {
    // the read that proves the store answers and takes the token: cheap, every kind's scope, and
    // the coupons' count the look-ups weigh a listing by
    probe = collectionCount(client, COUPONS).then(
      () => undefined,
      (e: unknown) => probeProblem(client, e),
    );
    probes.set(client, probe);
  }
  const problem = await probe;
  return problem ? { problem } : { client };
}

function probeProblem(client: BigCommerceClient, e: unknown): string {
  const where = `the store at ${client.origin}`;
  if (e instanceof BigCommerceApiError && e.refused) return e.message.replace(/^[^:]*: /, "");
  if (e instanceof BigCommerceApiError && (e.status === 401 || e.status === 403))
    return `${where} refused the first read (${e.status}): ${e.message.replace(/^.*?\. (?=The )/, "")}`;
  return `checking ${where} before any change failed: ${(e as Error).message}`;
}

/** True for a check of an object not in the state yet (no old inputs). */
export function isNew(olds: Props): boolean {
  return Object.keys(olds).filter((k) => k !== "__provider").length === 0;
}

/** The label of a unique value in messages: `code "SPRING15"`, or `its code` for a secret. */
function keyLabel(field: string, value: string, secret?: boolean): string {
  return secret ? `its ${field}` : `${field} "${value}"`;
}

/**
 * A new object's unique keys against the store: a key the store already holds fails the check
 * naming the object's id and both fixes, unless that object holds exactly the declared values
 * (most likely this resource's own create of an interrupted run): then a warning, and `up` takes
 * it over.
 */
export async function storeConflicts(
  kind: AnyKind,
  client: BigCommerceClient,
  inputs: Props,
): Promise<{ failures: Failure[]; warnings: string[] }> {
  const failures: Failure[] = [];
  const warnings: string[] = [];
  const same = new Set<string>();
  if (inputs.adopt === true || inputs.adoptId !== undefined) return { failures, warnings };
  await Promise.all(
    Object.entries(kind.unique ?? {}).map(async ([field, key]) => {
      const value = inputs[field];
      if (!key || typeof value !== "string" || isUnknown(value) || !value) return;
      // an object a resource of this run holds (shown to diff: a replacement keeping its key) is no conflict
      const ids = (await key.lookUp(client, value)).filter((id) => !isClaimed(client, kind.name, id));
      if (ids.length === 0) return;
      const label = keyLabel(field, value, key.secret);
      const id = ids[0];
      if (ids.length === 1 && kind.adoption) {
        const found = await kind.read(client, id, kind.adoption.readProps?.(inputs) ?? {});
        if (found && changedKeys(kind, { ...found.inputs, ...found.outs }, inputs).length === 0) {
          if (same.has(id)) return; // found by another of its keys: one warning
          same.add(id);
          warnings.push(
            `${kind.name} with ${label}: the store already holds a ${kind.name} with exactly the declared values (id ${id}), ` +
              "most likely created by an earlier run that was cut short; `up` takes it over instead of creating another",
          );
          return;
        }
      }
      const fixes = kind.adoption
        ? `take it over with \`adopt: true\` (or \`adoptId: ${id}\`), or give this ${kind.name} another ${field}`
        : `give this ${kind.name} another ${field}`;
      failures.push(
        failure(
          field,
          `${field}: the store already has a ${kind.name} with ${label} (id ${ids.join(", ")}; a ${key.space} is unique in ` +
            `the store${caseWords(key.caseSensitive)}), so creating this one would fail: ${fixes}`,
        ),
      );
    }),
  );
  return { failures, warnings };
}

/** Dates of a new object that are already past: a warning each (the object ends before it starts). */
export function pastDates(kind: AnyKind, fields: readonly string[], inputs: Props, now = Date.now()): string[] {
  const out: string[] = [];
  for (const f of fields) {
    const v = inputs[f];
    if (typeof v !== "string" || !v || isUnknown(v)) continue;
    const d = parseDate(v);
    if (d && d.getTime() < now) out.push(`${kind.name} ${describe(inputs)}: ${f} ${v} is already past`);
  }
  return out;
}

function describe(inputs: Props): string {
  if (typeof inputs.name === "string") return `"${inputs.name}"`;
  if (typeof inputs.toName === "string") return `for ${inputs.toName}`;
  return typeof inputs.code === "string" ? `"${inputs.code}"` : "";
}

/** A warning of the provider, printed by the engine with the preview. */
export function warn(message: string): void {
  void pulumi.log.warn(message);
}
