/**
 * Runs one Pulumi operation of an inline program with the real engine, in a process of its
 * own (tests spawn it; the closure serialiser must run in plain Node, not inside jest).
 *
 *   node dist/tools/driver.js '<json request>'
 *
 * Prints the result as one JSON line prefixed with RESULT_MARKER.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { Deployment, LocalWorkspace, OutputMap, EngineEvent } from "@pulumi/pulumi/automation";
import { MAX_PAGE_SIZE } from "../provider/client/paging";
import { pulumiEnv } from "./pulumi-env";

export const RESULT_MARKER = "@@driver-result@@";

/** The engine's parallelism for refreshes: as many reads at once as one list call of the store returns. */
export const REFRESH_PARALLEL = MAX_PAGE_SIZE;

export interface DriverRequest {
  /**
   * `previewJson`: `pulumi preview --json` (`--refresh` with `refresh: true`), the CLI's JSON in
   * `result.json`. `refreshPreviewJson`: `pulumi refresh --preview-only --json` (no state written).
   */
  op:
    | "up"
    | "preview"
    | "refresh"
    | "destroy"
    | "export"
    | "import"
    | "previewRefresh"
    | "previewJson"
    | "refreshPreviewJson";
  /** Folder of the workspace (Pulumi.yaml and stack files). Must be inside the repository. */
  workDir: string;
  projectName: string;
  stackName: string;
  /** Compiled program module; its default export receives `programArgs`. */
  program: string;
  programArgs?: unknown;
  config?: Record<string, string>;
  secretConfig?: Record<string, string>;
  expectNoChanges?: boolean;
  /** `up` and `previewJson`: refresh from the store first (`--refresh`). */
  refresh?: boolean;
  /**
   * `--parallel`: how many resource operations the engine runs at once. Default: the engine's
   * own (4 per core) for `up`, `preview` and `destroy`, and REFRESH_PARALLEL for operations that
   * refresh without changing anything, so that the provider reads many objects of a kind with one
   * list call (its reads are batched per kind, see provider/common/batch.ts).
   */
  parallel?: number;
  env?: Record<string, string>;
  /** `import`: a file of `pulumi stack export` to import into the stack (`pulumi stack import`). */
  importFile?: string;
  /** `up`, `preview` and `previewJson`: policy pack folders (`--policy-pack`) and their config files. */
  policyPacks?: string[];
  policyPackConfigs?: string[];
}

export interface StepEvent {
  op: string;
  urn: string;
  type: string;
  diffs: string[];
  /**
   * Input properties whose old and new values differ. Dynamic providers cannot return the
   * engine a list of changed keys, so this is what the preview shows as the change.
   */
  changed: string[];
  detailedDiff?: Record<string, { kind: string; inputDiff: boolean }>;
  old?: Record<string, unknown>;
  new?: Record<string, unknown>;
}

/** The default export of a program module (tools/programs/). */
type InlineProgram = (args: unknown) => Record<string, unknown> | Promise<Record<string, unknown>>;

export interface DriverResult {
  ok: boolean;
  error?: string;
  changeSummary?: Record<string, number>;
  outputs?: Record<string, unknown>;
  steps: StepEvent[];
  stdout: string;
  stderr: string;
  deployment?: unknown;
  /** `previewJson` / `refreshPreviewJson`: what the CLI printed with `--json`, parsed. */
  json?: unknown;
  /** The engine's policy events (a policy pack's violations), as the event log holds them. */
  policyEvents: Array<{ policyEvent: NonNullable<EngineEvent["policyEvent"]> }>;
}

/**
 * Runs one operation. `echo` receives the engine's output as it comes (the demo prints it);
 * the result carries it too.
 */
export async function runOperation(req: DriverRequest, echo?: (s: string) => void): Promise<DriverResult> {
  const env = { ...pulumiEnv(), ...(req.env ?? {}) };
  Object.assign(process.env, env);
  const steps: StepEvent[] = [];
  const policyEvents: DriverResult["policyEvents"] = [];
  let stdout = "";
  let stderr = "";
  const onEvent = (e: EngineEvent) => {
    if (e.policyEvent) policyEvents.push({ policyEvent: e.policyEvent });
    const pre = e.resourcePreEvent?.metadata;
    if (pre) {
      steps.push({
        op: pre.op,
        urn: pre.urn,
        type: pre.type,
        diffs: pre.diffs ?? [],
        changed: changedKeys(pre.old?.inputs, pre.new?.inputs),
        detailedDiff: pre.detailedDiff as StepEvent["detailedDiff"],
        old: pre.old?.inputs as Record<string, unknown> | undefined,
        new: pre.new?.inputs as Record<string, unknown> | undefined,
      });
    }
  };
  const onOutput = (s: string) => {
    stdout += s;
    echo?.(s);
  };
  const result: DriverResult = { ok: false, steps, policyEvents, stdout: "", stderr: "" };
  try {
    const programPath = path.resolve(req.program);
    const stack = await LocalWorkspace.createOrSelectStack(
      {
        stackName: req.stackName,
        projectName: req.projectName,
        program: async () => {
          // eslint-disable-next-line @typescript-eslint/no-require-imports -- the program is a compiled module named at run time
          const mod = require(programPath) as InlineProgram & { default?: InlineProgram };
          return await (mod.default ?? mod)(req.programArgs);
        },
      },
      { workDir: req.workDir, envVars: env },
    );
    for (const [k, v] of Object.entries(req.config ?? {})) await stack.setConfig(k, { value: v });
    for (const [k, v] of Object.entries(req.secretConfig ?? {})) await stack.setConfig(k, { value: v, secret: true });
    const policy = { policyPacks: req.policyPacks, policyPackConfigs: req.policyPackConfigs };
    const common = { onEvent, onOutput, onError: (s: string) => (stderr += s), parallel: req.parallel, ...policy };
    const readOnly = { ...common, parallel: req.parallel ?? REFRESH_PARALLEL };
    switch (req.op) {
      case "up": {
        const r = await stack.up({ ...common, refresh: req.refresh });
        result.changeSummary = r.summary.resourceChanges;
        result.outputs = plainOutputs(r.outputs);
        break;
      }
      case "preview": {
        const r = await stack.preview({ ...common, expectNoChanges: req.expectNoChanges, diff: true });
        result.changeSummary = r.changeSummary;
        break;
      }
      case "previewRefresh": {
        const r = await stack.preview({ ...readOnly, refresh: true, expectNoChanges: req.expectNoChanges, diff: true });
        result.changeSummary = r.changeSummary;
        break;
      }
      case "refresh": {
        const r = await stack.refresh({ ...readOnly, diff: true } as never);
        result.changeSummary = r.summary.resourceChanges;
        break;
      }
      case "destroy": {
        const r = await stack.destroy({ ...common });
        result.changeSummary = r.summary.resourceChanges;
        break;
      }
      case "previewJson":
      case "refreshPreviewJson": {
        // The Automation API has no `--json` for these; the workspace's extra-arguments hook adds it.
        let out = "";
        const ws = stack.workspace as { serializeArgsForOp(name: string): Promise<string[]> };
        ws.serializeArgsForOp = () => Promise.resolve(["--json"]);
        const jsonOpts = {
          ...(req.op === "refreshPreviewJson" || req.refresh ? readOnly : common),
          onOutput: (s: string) => (out += s),
        };
        try {
          if (req.op === "previewJson") {
            const r = await stack.preview({ ...jsonOpts, refresh: req.refresh });
            result.changeSummary = r.changeSummary;
          } else {
            const r = await stack.previewRefresh({ ...jsonOpts });
            result.changeSummary = r.changeSummary;
          }
        } finally {
          ws.serializeArgsForOp = () => Promise.resolve([]);
          stdout = out;
          result.json = parseJsonOutput(out);
        }
        break;
      }
      case "export":
        break;
      case "import": {
        if (!req.importFile) throw new Error("import: importFile is required");
        await stack.importStack(JSON.parse(fs.readFileSync(req.importFile, "utf8")) as Deployment);
        break;
      }
    }
    // `pulumi stack export` without --show-secrets: the state as it is stored, secrets encrypted.
    const exported = execFileSync("pulumi", ["stack", "export", "--stack", req.stackName], {
      cwd: req.workDir,
      env: process.env,
      encoding: "utf8",
      maxBuffer: 1 << 30, // the state of hundreds of resources is well over the 1 MB default
    });
    result.deployment = (JSON.parse(exported) as { deployment?: unknown }).deployment;
    result.ok = true;
  } catch (e) {
    result.error = e instanceof Error ? e.message : String(e);
  }
  result.stdout = stdout;
  result.stderr = stderr;
  return result;
}

async function main(): Promise<void> {
  const result = await runOperation(JSON.parse(process.argv[2]) as DriverRequest);
  process.stdout.write(`\n${RESULT_MARKER}${JSON.stringify(result)}\n`);
}

/** The JSON document the CLI printed, or undefined when it printed none. */
export function parseJsonOutput(text: string): unknown {
  const start = text.indexOf("{");
  if (start < 0) return undefined;
  try {
    return JSON.parse(text.slice(start));
  } catch {
    return undefined;
  }
}

function changedKeys(olds?: Record<string, unknown>, news?: Record<string, unknown>): string[] {
  if (!olds || !news) return [];
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  keys.delete("__provider");
  return [...keys].filter((k) => JSON.stringify(olds[k]) !== JSON.stringify(news[k])).sort();
}

function plainOutputs(o: OutputMap): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = v.value;
  return out;
}

if (require.main === module)
  main().catch((e) => {
    process.stdout.write(
      `\n${RESULT_MARKER}${JSON.stringify({ ok: false, error: String(e), steps: [], policyEvents: [], stdout: "", stderr: "" })}\n`,
    );
  });
