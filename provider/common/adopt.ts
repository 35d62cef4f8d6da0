/**
 * Creation shared by every kind: adoption of an existing object (`adoptId`, `adopt`), the
 * look-up after a create whose answer was lost, and the recognition of a create an interrupted
 * run made (its key already in the store with the declared values, or an exact twin of a keyless
 * object), so that a retry never makes a duplicate and never fails on its own earlier success.
 */
import * as pulumi from "@pulumi/pulumi";
import { BigCommerceApiError } from "../client/errors";
import { BigCommerceClient } from "../client/http";
import { claim, isClaimed, madeHere, oneAtATime, registrationsSeen } from "./claims";
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
    return claimed(kind, client, await takeOver(kind, client, id, found, inputs, `adoptId ${id}`));
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
      if (found)
        return claimed(
          kind,
          client,
          await takeOver(kind, client, ids[0], found, inputs, `adopt: same ${adoption.key(inputs)}`),
        );
    }
    void pulumi.log.info(`${kind.name}: no object with ${adoption.key(inputs)} in the store to adopt; creating one`);
  }
  return createNew(kind, client, inputs);
}

/** Records the object as held by the resource that got it, and passes the result on. */
function claimed(kind: AnyKind, client: BigCommerceClient, r: { id: string; outs: Props }) {
  claim(client, kind.name, r.id);
  return r;
}

/** Said of every object taken over: it may be another stack's, and two stacks must not manage one object. */
const OTHER_STACK =
  "If another stack manages this object, two stacks now do, and destroying either deletes it for both: " +
  "remove it from one of them (see docs/recovery.md, moving an object between stacks)";

/**
 * A create with no adoption asked for. It first looks for the create an interrupted run may have
 * made: a keyless kind for an exact twin no other resource of this run holds (found: taken over,
 * no POST); a keyed kind learns of it from the store's refusal of a duplicate key.
 */
async function createNew(
  kind: AnyKind,
  client: BigCommerceClient,
  inputs: Props,
): Promise<{ id: string; outs: Props }> {
  const twins = kind.adoption?.twins;
  const by = twins?.by(inputs);
  if (!twins || by === undefined) return createKeyed(kind, client, inputs);
  // identical declarations one at a time: each sees the objects the ones before it made as claimed
  return oneAtATime(`${kind.name}\n${by}`, async () => {
    const twin = await exactTwin(kind, client, inputs, await twins.find(client, inputs));
    if (twin) {
      void pulumi.log.warn(
        `${kind.name}: the store holds an object with ${by} and every declared value (id ${twin.id}) that no resource ` +
          "of this run holds: taken as this resource's own create from an interrupted run, with no POST. " +
          OTHER_STACK,
      );
      return claimed(kind, client, twin);
    }
    return claimed(kind, client, await createWithLookUp(kind, client, inputs));
  });
}

/** The first (oldest) of the candidates that holds every declared value and that no resource of this run holds. */
async function exactTwin(
  kind: AnyKind,
  client: BigCommerceClient,
  inputs: Props,
  ids: string[],
): Promise<{ id: string; outs: Props } | undefined> {
  const unclaimed = () => ids.filter((id) => !isClaimed(client, kind.name, id));
  if (unclaimed().length === 0) return undefined;
  // a twin the state holds is claimed by its resource's diff, which may not have come yet
  await registrationsSeen();
  const free = unclaimed().sort((a, b) => Number(a) - Number(b));
  for (const id of free) {
    const same = await sameAsDeclared(kind, client, inputs, id);
    if (same) return same;
  }
  return undefined;
}

/** The store object `id` as state, when it holds every declared value; else undefined. */
async function sameAsDeclared(
  kind: AnyKind,
  client: BigCommerceClient,
  inputs: Props,
  id: string,
): Promise<{ id: string; outs: Props } | undefined> {
  const found = await kind.read(client, id, kind.adoption?.readProps?.(inputs) ?? {});
  if (!found) return undefined;
  const outs = { ...found.inputs, ...found.outs };
  return changedKeys(kind, outs, inputs).length === 0 ? { id, outs } : undefined;
}

/**
 * A create of a kind with unique keys. When the store refuses it because the key is taken, the
 * object holding it is looked up: with every declared value it is this resource's own create from
 * an interrupted run (taken over, logged); with other values the error names it and both fixes.
 */
async function createKeyed(
  kind: AnyKind,
  client: BigCommerceClient,
  inputs: Props,
): Promise<{ id: string; outs: Props }> {
  const adoption = kind.adoption;
  try {
    return claimed(kind, client, await createWithLookUp(kind, client, inputs));
  } catch (e) {
    if (!adoption?.unique || !(e instanceof BigCommerceApiError) || e.status !== 409) throw e;
    const key = adoption.key(inputs);
    const ids = await (adoption.clashes ?? adoption.findExisting)(client, inputs);
    const twin = await exactTwin(kind, client, inputs, ids ?? []);
    if (twin) {
      void pulumi.log.warn(
        `${kind.name}: the store already holds ${key} with every declared value (id ${twin.id}): taken as this ` +
          `resource's own create from an interrupted run, with no second POST. ${OTHER_STACK}`,
      );
      return claimed(kind, client, twin);
    }
    e.message = e.message.replace(/\.$/, ""); // the API's sentence is continued below
    const held = (ids ?? []).filter((id) => !isClaimed(client, kind.name, id));
    if (held.length === 0) {
      e.message += ids?.length
        ? `. The object holding it (id ${ids.join(", ")}) is another resource's of this program: give this one another key`
        : `. The store holds it in an object this look-up cannot see: give this ${kind.name} another key`;
      throw e;
    }
    const id = held[0];
    const found = await kind.read(client, id, adoption.readProps?.(inputs) ?? {});
    const differ = found ? changedKeys(kind, { ...found.inputs, ...found.outs }, inputs) : [];
    e.message +=
      `. The store already holds ${key} in ${kind.name} id ${held.join(", ")}` +
      (differ.length
        ? `, whose ${differ.join(", ")} ${differ.length === 1 ? "differs" : "differ"} from the declared values`
        : "") +
      `, so it is not this resource's earlier create; nothing was created. Either take it over (set \`adopt: true\` ` +
      `or \`adoptId: ${id}\` on this resource: the next \`pulumi up\` brings it to the declared values), or give this ` +
      `${kind.name} another key`;
    throw e;
  }
}

/**
 * The look-up after a lost answer. When it cannot run either, the create's error says that the
 * object may exist (the GET's own "nothing was changed" is true of the GET only) and what to run.
 */
async function lookUp<T>(kind: AnyKind, lost: BigCommerceApiError, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const why = (e instanceof Error ? e.message : String(e)).replace(/;? ?nothing was changed\.?$/, "");
    lost.message +=
      `. The look-up that would tell whether it was created failed too (${why}): the ${kind.name} may exist in the ` +
      "store. Run `pulumi up` again once the store answers: the create looks for its own earlier create first and " +
      "takes it over instead of making a second one";
    throw lost;
  }
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
  void pulumi.log.warn(`${kind.name} ${id} (${how}): ${OTHER_STACK}`);
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
      const created = await kind.create(client, inputs);
      madeHere(client, kind.name, created.id);
      return created;
    } catch (e) {
      if (!(e instanceof BigCommerceApiError) || !e.ambiguous || !adoption) throw e;
      const key = adoption.key(inputs);
      const twins = adoption.twins;
      const candidates = await lookUp(kind, e, async () => {
        const byKey = await adoption.findExisting(client, inputs, sentAt);
        return byKey ?? (twins?.by(inputs) !== undefined ? await twins.find(client, inputs) : undefined);
      });
      if (candidates === undefined) {
        e.message +=
          `. The store may have created the ${kind.name} all the same, and it has no unique key to look it up by: look ` +
          "for it in the store (delete it, or take it over with adoptId) before running `pulumi up` again";
        throw e;
      }
      const matching: Array<{ id: string; outs: Props }> = [];
      for (const id of candidates.filter((c) => !isClaimed(client, kind.name, c))) {
        const same = await lookUp(kind, e, () => sameAsDeclared(kind, client, inputs, id));
        if (same) matching.push(same);
      }
      if (matching.length === 1) {
        void pulumi.log.info(
          `${kind.name}: the answer to creating the object with ${key} was lost; it had been created (id ${matching[0].id}), taking it over`,
        );
        madeHere(client, kind.name, matching[0].id);
        return matching[0];
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
