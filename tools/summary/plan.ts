/**
 * Reads the JSON that `pulumi preview --json` (with or without `--refresh`) and
 * `pulumi refresh --preview-only --json` print, and turns it into a plan of changes per store
 * object: which fields change, from what to what, which of them are drift (changed in the store
 * rather than in the code), and why an object is replaced.
 *
 * What the JSON holds (Pulumi 3.248, dynamic providers):
 * - `steps[]` with `op` (same, create, update, replace, delete, refresh, ...), `urn`,
 *   `oldState`/`newState` (`type`, `inputs`, `outputs`), `replaceReasons` on replacements.
 *   Dynamic providers return no changed keys, so `diffReasons`/`detailedDiff` are empty: the
 *   changed fields are found by comparing old and new inputs (`__provider` left out).
 * - Secrets print as `"[secret]"` (or, with `--show-secrets`, as Pulumi's secret envelope
 *   `{"4dabf18193072939515e22adb298388d": ..., "value": ...}`).
 * - With `--refresh`, every resource first has a `refresh` step whose `oldState` is the state
 *   before the refresh (the values of the last `up`); the following update/replace step's
 *   `oldState` is the refreshed state, what the store holds now. A field whose refreshed value
 *   differs from the state before the refresh was changed in the store: drift. An object with a
 *   `refresh` step and then a `create` step was deleted in the store.
 * - `pulumi refresh --preview-only --json` lists a `refresh` step per resource whose old and new
 *   states are both the state before the refresh, a `delete` step for objects deleted in the
 *   store, and in `changeSummary.update` how many objects changed: it says which objects were
 *   deleted, but not what changed in the others.
 */
import { KINDS } from "../../provider/kinds";

export type ChangeOp = "create" | "update" | "replace" | "delete";

export interface StepState {
  type?: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

export interface PreviewStep {
  op: string;
  urn: string;
  oldState?: StepState | null;
  newState?: StepState | null;
  replaceReasons?: string[] | null;
}

export interface FieldChange {
  /** Path of the input: `amount`, `rules[0].action.cartValue.discount.percentageAmount`. */
  path: string;
  before: unknown;
  after: unknown;
  /** The value is a secret (or always treated as one, like gift certificate codes). */
  secret: boolean;
  /** Set when the store changed this field: the value of the last `up` (state before refresh). */
  drift?: { state: unknown };
}

export interface ObjectChange {
  op: ChangeOp;
  /** Resource kind: the name in `bigcommerce:<name>` (provider/kinds.ts lists them). */
  kind: string;
  /** Pulumi resource name. */
  name: string;
  urn: string;
  /** Inputs before (current state, refreshed when the preview refreshed) and after (the code). */
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  /** Outputs of the current state (uses, balance, ...). */
  outputs?: Record<string, unknown>;
  /** Update and replace: the fields that change. */
  fields: FieldChange[];
  replaceReasons: string[];
  /** The object was deleted in the store (a refreshed preview re-creates it). */
  deletedInStore: boolean;
  /** Fields the store changed since the last `up` (store value vs state value). */
  drift: Array<{ path: string; store: unknown; state: unknown; secret: boolean }>;
}

export interface Plan {
  /** The preview refreshed from the store first (`--refresh`). */
  refreshed: boolean;
  /** The JSON came from `pulumi refresh --preview-only --json`. */
  refreshOnly: boolean;
  changes: ObjectChange[];
  /** refreshOnly: objects the refresh would update, of which the JSON says nothing more. */
  unexplainedRefreshUpdates: number;
  /** Error diagnostics: the preview failed (its steps are then incomplete). */
  errors: string[];
}

/** Inputs that are not store values: the serialised provider and the adoption switches. */
const HIDDEN_INPUTS = new Set(["__provider", "adopt", "adoptId"]);
/** Fields that are secrets whatever the JSON shows: the kinds' secret outputs. */
const ALWAYS_SECRET = new Map<string, readonly string[]>(KINDS.map((d) => [d.kind.name, d.kind.secretOutputs ?? []]));

export const SECRET_SIG = "4dabf18193072939515e22adb298388d";
/** Pulumi's placeholder for a value known only after apply. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isSecretValue(v: unknown): boolean {
  return v === "[secret]" || (typeof v === "object" && v !== null && SECRET_SIG in v);
}

export function isAlwaysSecret(kind: string, path: string): boolean {
  const root = path.split(/[.[]/)[0];
  return (ALWAYS_SECRET.get(kind) ?? []).includes(root);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !isSecretValue(v);
}

/**
 * Leaves of a value by path. Objects and arrays of objects are descended into; arrays of plain
 * values and secrets are leaves.
 */
export function leaves(value: unknown, prefix = "", out = new Map<string, unknown>()): Map<string, unknown> {
  if (isPlainObject(value)) {
    const keys = Object.keys(value).filter((k) => !(prefix === "" && HIDDEN_INPUTS.has(k)));
    if (keys.length === 0 && prefix !== "") out.set(prefix, value);
    for (const k of keys) leaves(value[k], prefix ? `${prefix}.${k}` : k, out);
  } else if (Array.isArray(value) && value.some((x) => isPlainObject(x) || Array.isArray(x))) {
    value.forEach((x, i) => leaves(x, `${prefix}[${i}]`, out));
  } else if (prefix !== "") {
    out.set(prefix, value);
  }
  return out;
}

function unwrapSecret(v: unknown): unknown {
  return typeof v === "object" && v !== null && SECRET_SIG in v ? (v as { value?: unknown }).value : v;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(unwrapSecret(a)) === JSON.stringify(unwrapSecret(b));
}

/** Fields whose values differ between two sets of inputs (hidden inputs left out). */
export function diffFields(
  kind: string,
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
): FieldChange[] {
  const a = leaves(before ?? {});
  const b = leaves(after ?? {});
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  const out: FieldChange[] = [];
  for (const path of paths) {
    const x = a.get(path);
    const y = b.get(path);
    if (same(x, y)) continue;
    out.push({ path, before: x, after: y, secret: isSecretValue(x) || isSecretValue(y) || isAlwaysSecret(kind, path) });
  }
  return out;
}

function kindOf(type: string): string {
  return type.slice(type.lastIndexOf(":") + 1);
}

function nameOf(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

function skipped(type: string): boolean {
  return type === "pulumi:pulumi:Stack" || type.startsWith("pulumi:providers:");
}

/** Reads preview (or refresh preview) JSON; throws when the document is not one. */
export function parsePlan(doc: unknown): Plan {
  if (typeof doc !== "object" || doc === null || !Array.isArray((doc as { steps?: unknown }).steps)) {
    throw new Error(
      "not the JSON of `pulumi preview --json` or `pulumi refresh --preview-only --json`: it has no `steps` list",
    );
  }
  const all = (doc as { steps: PreviewStep[] }).steps;
  const steps = all.filter((s) => {
    const type = s.newState?.type ?? s.oldState?.type ?? s.urn.split("::")[2] ?? "";
    return !skipped(type);
  });
  const changeSummary = (doc as { changeSummary?: Record<string, number> }).changeSummary ?? {};
  const preRefresh = new Map<string, StepState>();
  for (const s of steps) if (s.op === "refresh" && s.oldState) preRefresh.set(s.urn, s.oldState);
  // Every resource in the state gets a refresh step, the stack itself too. With nothing in the
  // state (a new stack) there is nothing to refresh: such a preview counts as refreshed.
  const refreshed = all.some((s) => s.op === "refresh") || !all.some((s) => s.oldState);
  const planned = new Set(["create", "update", "replace", "create-replacement", "delete-replaced"]);
  const refreshOnly =
    refreshed &&
    !steps.some((s) => planned.has(s.op)) &&
    steps.filter((s) => s.op === "delete").every((s) => !preRefresh.has(s.urn));

  // One entry per URN: `replace` wins over its create-replacement / delete-replaced halves.
  const byUrn = new Map<string, { op: ChangeOp; old?: StepState | null; new?: StepState | null; reasons: string[] }>();
  for (const s of steps) {
    const reasons = s.replaceReasons ?? [];
    switch (s.op) {
      case "create":
      case "update":
      case "delete":
        byUrn.set(s.urn, { op: s.op, old: s.oldState, new: s.newState, reasons });
        break;
      case "replace":
        byUrn.set(s.urn, { op: "replace", old: s.oldState, new: s.newState, reasons });
        break;
      case "create-replacement":
      case "delete-replaced": {
        const e = byUrn.get(s.urn) ?? { op: "replace" as const, reasons: [] as string[] };
        if (e.op !== "replace") break;
        if (s.op === "create-replacement") e.new = e.new ?? s.newState;
        else e.old = e.old ?? s.oldState;
        if (reasons.length && !e.reasons.length) e.reasons = reasons;
        byUrn.set(s.urn, e);
        break;
      }
      default:
        break;
    }
  }

  const changes: ObjectChange[] = [];
  for (const [urn, e] of byUrn) {
    const type = e.new?.type ?? e.old?.type ?? "";
    const kind = kindOf(type);
    const before = e.old?.inputs;
    const after = e.new?.inputs;
    const fields = e.op === "update" || e.op === "replace" ? diffFields(kind, before, after) : [];
    // An input left to the store has no old input value; its output says what the store chose.
    const outs = e.old?.outputs ?? {};
    for (let i = fields.length - 1; i >= 0; i--) {
      const f = fields[i];
      if (f.before === undefined && !f.path.includes(".") && !f.path.includes("[") && outs[f.path] !== undefined) {
        f.before = outs[f.path];
        if (same(f.before, f.after)) fields.splice(i, 1);
      }
    }
    // A replacement for a reason whose values cannot be seen (secrets): still name the field.
    for (const r of e.reasons) {
      if (!fields.some((f) => f.path === r || f.path.startsWith(`${r}.`) || f.path.startsWith(`${r}[`))) {
        fields.push({ path: r, before: before?.[r], after: after?.[r], secret: true });
      }
    }
    // Secret inputs print masked on both sides, so a change of one alone shows no field: an
    // update with nothing visible changed a secret (the engine saw a difference).
    if ((e.op === "update" || e.op === "replace") && fields.length === 0) {
      for (const [path, v] of leaves(after ?? {}))
        if (isSecretValue(v) || isAlwaysSecret(kind, path))
          fields.push({ path, before: before?.[path], after: v, secret: true });
    }
    const pre = preRefresh.get(urn);
    const drift: ObjectChange["drift"] = [];
    if (pre && !refreshOnly && (e.op === "update" || e.op === "replace")) {
      for (const d of diffFields(kind, pre.inputs, before))
        drift.push({ path: d.path, store: d.after, state: d.before, secret: d.secret });
      for (const f of fields) {
        const d = drift.find((x) => x.path === f.path);
        if (d) f.drift = { state: d.state };
      }
    }
    const deletedInStore = (e.op === "create" && pre !== undefined) || (refreshOnly && e.op === "delete");
    changes.push({
      op: e.op,
      kind,
      name: nameOf(urn),
      urn,
      before,
      after,
      outputs: e.old?.outputs,
      fields,
      replaceReasons: e.reasons,
      deletedInStore,
      drift,
    });
  }
  const updateSteps = changes.filter((c) => c.op === "update").length;
  const diagnostics = (
    (doc as { diagnostics?: Array<{ urn?: string; message?: string; severity?: string }> }).diagnostics ?? []
  ).filter((d) => d.severity === "error" && typeof d.message === "string");
  const errors = [
    ...new Set(
      diagnostics.map(
        (d) => `${d.urn ? `${nameOf(d.urn)}: ` : ""}${(d.message as string).replace(/^error: /, "").trim()}`,
      ),
    ),
  ];
  return {
    errors,
    refreshed,
    refreshOnly,
    changes,
    unexplainedRefreshUpdates: refreshOnly ? Math.max(0, (changeSummary.update ?? 0) - updateSteps) : 0,
  };
}
