/**
 * What destroy (or a replacement) does to an object customers have used, by its
 * `deletionPolicy`: `"disable"` (the default) disables it and keeps it, `"retain"` leaves it as it
 * is, `"delete"` deletes it. An unused object is always deleted. The kinds with the input
 * (coupons, promotions) call this from their `delete` with what differs between them.
 */
import * as pulumi from "@pulumi/pulumi";
import { deletionPolicyOf } from "./kind";

type Props = Record<string, unknown>;

export interface UsedObject {
  /** The object in words for the log (`coupon SPRING15 (id 12)`). */
  label: string;
  /** How many times customers have used it. */
  uses: number;
  /** Disables it (a no-op when it is disabled already). */
  disable(): Promise<void>;
  /** What a disabled object still does and no longer does, for the log. */
  disabledMeans: string;
  /** Deletes it (and what must go first). */
  delete(): Promise<void>;
  /** The log line of deleting a used object, written before or after the delete. */
  deletedLog: { when: "before" | "after"; text: string };
}

/** Applies the policy in `props` to the object; every outcome for a used object is logged. */
export async function deleteByPolicy(props: Props, o: UsedObject): Promise<void> {
  const policy = deletionPolicyOf(props);
  const used = o.uses > 0;
  if (used && policy !== "delete") {
    const what = `${o.label} has been used ${o.uses} time${o.uses === 1 ? "" : "s"}`;
    if (policy === "retain") {
      void pulumi.log.warn(`${what}: left in the store as it is, not deleted (deletionPolicy "retain")`);
      return;
    }
    await o.disable();
    void pulumi.log.warn(`${what}: disabled, not deleted (deletionPolicy "disable"); ${o.disabledMeans}`);
    return;
  }
  if (used && o.deletedLog.when === "before") void pulumi.log.info(o.deletedLog.text);
  await o.delete();
  if (used && o.deletedLog.when === "after") void pulumi.log.info(o.deletedLog.text);
}
