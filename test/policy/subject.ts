/** What the engine gives the pack: a resource's inputs after the kind's check (canonical). */
import { checkInputs } from "../../provider/common/kind";
import { definitionOf } from "../../provider/kinds";
import type { Subject } from "../../policy/rules";

export function subjectOf(kind: string, declared: Record<string, unknown>, name = `test.${kind}`): Subject {
  const def = definitionOf(kind);
  if (!def) throw new Error(`no kind ${kind}`);
  const { inputs, failures } = checkInputs(def.kind, declared);
  expect(failures).toEqual([]);
  return { kind, name, props: inputs };
}

export const DAY_MS = 24 * 60 * 60 * 1000;
export const NOW = new Date("2027-01-10T00:00:00Z");
/** `days` after NOW, as an ISO string. */
export const daysAfterNow = (days: number) => new Date(NOW.getTime() + days * DAY_MS).toISOString();
