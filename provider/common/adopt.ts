/**
 * Creation shared by every kind: adoption of an existing object (`adoptId`, `adopt`) and the
 * look-up after a create whose answer was lost, so that a retry never makes a
 * duplicate and never fails on its own earlier success.
 */
import * as pulumi from "@pulumi/pulumi";
import { BigCommerceApiError } from "../client/errors";
import { BigCommerceClient } from "../client/http";
import { AnyKind, changedKeys } from "./kind";

type Props = Record<string, unknown>;

/** How many POSTs one create sends at most: the first, and one more each time a look-up proved the previous one did not land. */
export const MAX_CREATE_ATTEMPTS = 3;

export interface CreateMeta {
  adopt?: boolean;
  adoptId?: number;
}

/**
 * Creates the object, or takes over an existing one when `adoptId` or `adopt` says so. A taken
 * over object is then brought to the declared values, with no write when it already holds them.
 */
export async function createOrAdopt(
  kind: AnyKind,
  client: BigCommerceClient,
  inputs: Props,
  meta: CreateMeta,
): Promise<{ id: string; outs: Props }> {
  const adoption = kind.adoption;
  if (adoption && meta.adoptId !== undefined) {
    const id = String(meta.adoptId);
    const found = await kind.read(client, id, adoption.readProps?.(inputs) ?? {});
    if (!found)
      throw new Error(`adoptId: there is no ${kind.name} with id ${id} in the store; nothing was created or changed`);
    return takeOver(kind, client, id, found, inputs, `adoptId ${id}`);
  }
  if (adoption && meta.adopt === true) {
    const ids = (await adoption.findExisting(client, inputs)) ?? [];
    if (ids.length > 1) {
      throw new Error(
        `adopt: ${ids.length} objects of kind ${kind.name} have ${adoption.key(inputs)} (ids ${ids.join(", ")}); nothing was ` +
          "created or changed. Set adoptId to the one to take over",
      );
    }
    if (ids.length === 1) {
      const found = await kind.read(client, ids[0], adoption.readProps?.(inputs) ?? {});
      if (found) return takeOver(kind, client, ids[0], found, inputs, `adopt: same ${adoption.key(inputs)}`);
    }
    void pulumi.log.info(`${kind.name}: no object with ${adoption.key(inputs)} in the store to adopt; creating one`);
  }
  try {
    return await createWithLookUp(kind, client, inputs);
  } catch (e) {
    throw await explainConflict(kind, client, inputs, e);
  }
}

/**
 * A 409 of a create (a key the store already holds, taken since the preview looked): names the
 * object that holds it and the fixes. The look-up is best effort: without it the fixes still show.
 */
async function explainConflict(kind: AnyKind, client: BigCommerceClient, inputs: Props, e: unknown): Promise<unknown> {
  if (!(e instanceof BigCommerceApiError) || e.status !== 409 || !kind.adoption) return e;
  const ids = await kind.adoption.findExisting(client, inputs).catch(() => undefined);
  const which = ids?.length ? ` (id ${ids.join(", ")})` : "";
  const by = ids?.length === 1 ? ` (or \`adoptId: ${ids[0]}\`)` : "";
  e.message +=
    `. The store already holds a ${kind.name} with ${kind.adoption.key(inputs)} or another of its unique values${which}; ` +
    `nothing was created. Take it over with \`adopt: true\`${by}, or give this ${kind.name} another one`;
  return e;
}

/** Takes over a store object: updates it to the declared values when it differs, logs what happened. */
async function takeOver(
  kind: AnyKind,
  client: BigCommerceClient,
  id: string,
  found: { inputs: Props; outs: Props },
  inputs: Props,
  how: string,
): Promise<{ id: string; outs: Props }> {
  const olds = { ...found.inputs, ...found.outs };
  const changed = changedKeys(kind, olds, inputs);
  const fixed = changed.filter((k) => (kind.replaceOn as string[] | undefined)?.includes(k));
  if (fixed.length > 0) {
    throw new Error(
      `cannot adopt ${kind.name} ${id} (${how}): its ${fixed.join(", ")} ${fixed.length === 1 ? "differs from the declared value" : "differ from the declared values"} ` +
        "and cannot be changed in place; nothing was changed. Declare the store's value or leave adoption out",
    );
  }
  void pulumi.log.info(
    `adopted the existing ${kind.name} with id ${id} (${how}) instead of creating one; ` +
      (changed.length
        ? `updating ${changed.join(", ")} to the declared values`
        : "it already holds the declared values"),
  );
  const outs = changed.length ? await kind.update(client, id, olds, inputs) : olds;
  return { id, outs };
}

/**
 * Sends the create; when its answer is lost, looks the object up before anything else. One
 * object with the declared values: it is the one the POST made, adopted. None: the POST did not
 * land, and it is sent once more. Anything else: a clear error of what was and was not done.
 */
async function createWithLookUp(
  kind: AnyKind,
  client: BigCommerceClient,
  inputs: Props,
): Promise<{ id: string; outs: Props }> {
  const adoption = kind.adoption;
  for (let attempt = 1; ; attempt++) {
    const sentAt = Date.now();
    try {
      return await kind.create(client, inputs);
    } catch (e) {
      if (!(e instanceof BigCommerceApiError) || !e.ambiguous || !adoption) throw e;
      const key = adoption.key(inputs);
      const candidates = await adoption.findExisting(client, inputs, sentAt);
      if (candidates === undefined) {
        e.message +=
          `. The store may have created the ${kind.name} all the same, and it has no unique key to look it up by: look ` +
          "for it in the store (delete it, or take it over with adoptId) before running `pulumi up` again";
        throw e;
      }
      const matching: Array<{ id: string; found: { inputs: Props; outs: Props } }> = [];
      for (const id of candidates) {
        const found = await kind.read(client, id, adoption.readProps?.(inputs) ?? {});
        if (found && changedKeys(kind, { ...found.inputs, ...found.outs }, inputs).length === 0)
          matching.push({ id, found });
      }
      if (matching.length === 1) {
        void pulumi.log.info(
          `${kind.name}: the answer to creating the object with ${key} was lost; it had been created (id ${matching[0].id}), taking it over`,
        );
        return { id: matching[0].id, outs: { ...matching[0].found.inputs, ...matching[0].found.outs } };
      }
      if (matching.length > 1) {
        e.message +=
          `. ${matching.length} objects of kind ${kind.name} with ${key} and the declared values are in the store (ids ` +
          `${matching.map((m) => m.id).join(", ")}), so it cannot tell which one it created; none was adopted. Delete the extra ` +
          "ones or take one over with adoptId";
        throw e;
      }
      if (adoption.unique && candidates.length > 0) {
        e.message +=
          `. A ${kind.name} with ${key} is in the store (id ${candidates.join(", ")}) but holds other values, so it is not ` +
          "the one this create sent; nothing was adopted. Take it over with adopt: true or choose another key";
        throw e;
      }
      if (attempt >= MAX_CREATE_ATTEMPTS) {
        throw new BigCommerceApiError({
          status: e.status,
          method: e.method,
          path: e.path,
          detail:
            `the answer was lost on each of ${attempt} attempts to create the ${kind.name} with ${key}; after each, a look-up ` +
            "found no such object in the store, so none was created. Giving up; run `pulumi up` again when the store answers",
        });
      }
      void pulumi.log.info(
        `${kind.name}: the answer to creating the object with ${key} was lost and a look-up shows it was not created; sending it once more`,
      );
    }
  }
}
