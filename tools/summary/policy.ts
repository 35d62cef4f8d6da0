/**
 * The policy section of the summary: what a policy pack (`--policy-pack`, see docs/policy.md)
 * reported, mandatory violations first. `pulumi preview --json` leaves policy results out of its
 * JSON; they are engine events, which the CLI writes with `--event-log <file>` (one JSON event per
 * line; the flag needs PULUMI_DEBUG_COMMANDS=true) and the Automation API passes to `onEvent`.
 */
import { objectLabel } from "./describe";

export interface PolicyViolation {
  /** The policy's name (`max-discount`). */
  policy: string;
  pack: string;
  /** `mandatory` fails the preview; `advisory` is a warning. */
  level: string;
  /** The resource it is about; none for a rule about the stack as a whole. */
  urn?: string;
  /** What the pack said: the rule, the value found and the config key. */
  message: string;
}

interface PolicyEvent {
  resourceUrn?: string;
  message?: string;
  policyName?: string;
  policyPackName?: string;
  enforcementLevel?: string;
}

/** The policy events among engine events: JSON lines (`--event-log`) or a JSON array of events. */
export function policyViolations(text: string): PolicyViolation[] {
  const trimmed = text.trim();
  const events: unknown[] = trimmed.startsWith("[")
    ? (JSON.parse(trimmed) as unknown[])
    : trimmed
        .split(/\r?\n/)
        .filter((l) => l.trim())
        .map((l, i) => {
          try {
            return JSON.parse(l) as unknown;
          } catch (e) {
            throw new Error(`line ${i + 1} of the event log is not JSON`, { cause: e });
          }
        });
  const out: PolicyViolation[] = [];
  const seen = new Set<string>();
  for (const e of events) {
    const p = (e as { policyEvent?: PolicyEvent } | null)?.policyEvent;
    if (!p?.policyName) continue;
    // The engine's message is the policy's description, then what the rule found.
    const lines = (p.message ?? "").trim().split(/\r?\n/);
    const v: PolicyViolation = {
      policy: p.policyName,
      pack: p.policyPackName ?? "",
      level: p.enforcementLevel ?? "advisory",
      urn: p.resourceUrn || undefined,
      message: (lines.length > 1 ? lines.slice(1) : lines).join(" ").trim(),
    };
    const key = JSON.stringify(v);
    if (!seen.has(key)) out.push(v);
    seen.add(key);
  }
  return out;
}

/** How an object is named in the section: as the rest of the summary names it when it can. */
export type LabelOf = (urn: string) => string | undefined;

function defaultLabel(urn: string): string {
  const [type = "", name = ""] = urn.split("::").slice(-2);
  return objectLabel(type.slice(type.lastIndexOf(":") + 1), name, undefined);
}

/** The section's Markdown lines (none without violations): mandatory ones, then advisory ones. */
export function renderPolicySection(violations: PolicyViolation[], labelOf: LabelOf = () => undefined): string[] {
  if (!violations.length) return [];
  const line = (icon: string) => (v: PolicyViolation) => {
    const what = v.urn ? `${labelOf(v.urn) ?? defaultLabel(v.urn)}: ` : "";
    return `- ${icon} \`${v.policy}\` ${what}${v.message}`;
  };
  const mandatory = violations.filter((v) => v.level === "mandatory");
  const advisory = violations.filter((v) => v.level !== "mandatory");
  const packs = [...new Set(violations.map((v) => v.pack).filter(Boolean))];
  const lines = [`**Policy violations**${packs.length ? ` (${packs.join(", ")})` : ""}`, ""];
  if (mandatory.length) {
    lines.push(`Mandatory (${mandatory.length}): the preview fails until these are fixed`, "");
    lines.push(...mandatory.map(line(":no_entry:")), "");
  }
  if (advisory.length) {
    lines.push(`Advisory (${advisory.length}): warnings`, "");
    lines.push(...advisory.map(line(":warning:")), "");
  }
  return lines;
}
