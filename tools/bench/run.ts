#!/usr/bin/env node
/**
 * `npm run bench [-- --n 50 [--n 200] | --quick] [--repeat 3] [--no-baseline] [--latency-ms 80] [--quota 150] [--window-ms 30000]`
 *
 * Against a local store with a realistic latency (80 ms) and the standard quota (150 requests
 * per 30 s), runs `up`, a no-change `preview`, `refresh` and `destroy` of N mixed objects
 * (`tools/programs/mixed.ts`; N = 50, 200 and 500 unless `--n` or `--quick` say otherwise), then
 * the same with the baseline (`tools/bench/baseline.ts`, a minimal dynamic provider that only
 * calls the API), and prints for each operation: wall time, requests by method, 429s, the floor
 * that the quota and the latency set, the ratio to it, and the state size per resource.
 *
 * Each operation runs in its own `node dist/tools/driver.js` process, as the tests do; the wall
 * time includes starting the Pulumi engine (a few seconds), which the floor does not.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { LocalStore, startLocalStore } from "../../store/server";
import { command, exitWith, parseCommandLine, Parsed, runCommand, UsageError } from "../cli";
import { REFRESH_PARALLEL, type DriverRequest } from "../driver";
import { runDriverProcess } from "../driver-process";
import { pulumiBin, REPO_ROOT } from "../pulumi-env";

/** Pulumi's default parallelism (`pulumi up --help`: 4 per core). */
const PARALLEL = Number(process.env.BENCH_PARALLEL ?? 0) || undefined;

export interface BenchOptions {
  ns: number[];
  baseline: boolean;
  latencyMs: number;
  quota: number;
  windowMs: number;
  /** Runs of each variant (alternating); the figures are the median wall time. */
  repeat: number;
}

export const BENCH_COMMAND = command({
  name: "bench",
  usage: [
    "npm run bench [-- --n 50 [--n 200] | --quick] [--repeat 3] [--no-baseline] [--latency-ms 80] [--quota 150] [--window-ms 30000]",
  ],
  description:
    "Against a local store with a realistic latency and the standard quota, runs `up`, a no-change `preview`, `refresh` and `destroy` of N mixed objects, then the same with the baseline (a minimal dynamic provider that only calls the API), and prints for each operation the wall time, the requests by method, the 429s, the floor that the quota and the latency set, and the state size per resource. The figures also go to .tmp/bench-results-<N>.json.",
  options: {
    n: {
      type: "string",
      multiple: true,
      value: "N[,N]",
      defaultText: "50,200,500",
      description: "how many objects (one number or a list)",
    },
    quick: { type: "boolean", description: "N = 50 only" },
    "no-baseline": { type: "boolean", description: "leave out the baseline" },
    repeat: {
      type: "number",
      integer: true,
      min: 0,
      value: "K",
      default: 1,
      description: "runs of each variant (alternating); the figures are the median wall time",
    },
    "latency-ms": { type: "number", integer: true, min: 0, default: 80, description: "the store's latency, in ms" },
    quota: { type: "number", integer: true, min: 0, default: 150, description: "requests per quota window" },
    "window-ms": { type: "number", integer: true, min: 0, default: 30_000, description: "the quota window, in ms" },
  },
  exitCodes: [
    [0, "every operation succeeded"],
    [1, "an operation failed (the others still ran), or the benchmark could not run"],
    [2, "bad arguments"],
  ],
  notes: ["BENCH_PARALLEL in the environment sets the engine's parallelism (default: Pulumi's, 4 per core)."],
  examples: ["npm run bench -- --n 200 --repeat 3 --no-baseline"],
  unknownOption: (token) => `unknown argument ${token}`,
});

function benchOptions({ values: v }: Parsed<typeof BENCH_COMMAND.options>): BenchOptions {
  const ns = (v.n ?? []).flatMap((list) =>
    list.split(",").map((x) => {
      const n = Number(x);
      if (!Number.isInteger(n) || n < 1)
        throw new UsageError(`--n: must be positive integers (got ${JSON.stringify(x)})`);
      return n;
    }),
  );
  return {
    ns: ns.length ? ns : v.quick ? [50] : [50, 200, 500],
    baseline: !v["no-baseline"],
    latencyMs: v["latency-ms"],
    quota: v.quota,
    windowMs: v["window-ms"],
    repeat: Math.max(1, v.repeat),
  };
}

/** The benchmark's options of a command line; throws a `UsageError` naming a bad argument. */
export function parseBenchArgs(argv: string[]): BenchOptions {
  return benchOptions(parseCommandLine(BENCH_COMMAND, argv));
}

export interface OpFigures {
  variant: "ours" | "baseline";
  n: number;
  op: string;
  ok: boolean;
  error?: string;
  wallMs: number;
  requests: Record<string, number>;
  /** Requests counted against the quota (429s excluded). */
  counted: number;
  rateLimited: number;
  floorMs: number;
  quotaFloorMs: number;
  latencyFloorMs: number;
  stateBytesPerResource: number;
  resources: number;
}

/**
 * The least time `counted` requests can take: the quota lets `left0` through before the reset
 * in `resetIn0` ms, then `quota` per window; the latency lets `parallel` run at once.
 */
export function floorMs(
  counted: number,
  f: { left0: number; resetIn0: number; quota: number; windowMs: number; latencyMs: number; parallel: number },
): {
  quotaFloorMs: number;
  latencyFloorMs: number;
} {
  let quotaFloorMs = 0;
  if (counted > f.left0) quotaFloorMs = f.resetIn0 + (Math.ceil((counted - f.left0) / f.quota) - 1) * f.windowMs;
  const latencyFloorMs = counted ? Math.ceil(counted / f.parallel) * f.latencyMs : 0;
  return { quotaFloorMs, latencyFloorMs };
}

function quotaNow(store: LocalStore): { left0: number; resetIn0: number } {
  const h = store.quota.headers();
  return { left0: Number(h["X-Rate-Limit-Requests-Left"]), resetIn0: Number(h["X-Rate-Limit-Time-Reset-Ms"]) };
}

function statePerResource(deployment: unknown): { bytes: number; resources: number } {
  const resources = ((deployment as { resources?: Array<{ type: string }> } | undefined)?.resources ?? []).filter(
    (r) => !r.type.startsWith("pulumi:"),
  );
  if (!resources.length) return { bytes: 0, resources: 0 };
  const total = resources.reduce((s, r) => s + Buffer.byteLength(JSON.stringify(r)), 0);
  return { bytes: Math.round(total / resources.length), resources: resources.length };
}

async function benchVariant(
  variant: "ours" | "baseline",
  n: number,
  o: BenchOptions,
  parallel: number,
): Promise<OpFigures[]> {
  const token = `bench-token-${process.pid}`;
  const store = await startLocalStore({
    quota: o.quota,
    windowMs: o.windowMs,
    latencyMs: o.latencyMs,
    accessToken: token,
  });
  const workDir = path.join(REPO_ROOT, ".tmp", "ws", "bench");
  fs.mkdirSync(workDir, { recursive: true });
  const base: Omit<DriverRequest, "op"> = {
    workDir,
    projectName: "bench",
    stackName: `${variant}-${n}-${process.pid}`,
    program: path.join(REPO_ROOT, "dist", "tools", variant === "ours" ? "programs/mixed.js" : "bench/baseline.js"),
    programArgs: { n, prefix: "bench" },
    config: { "bigcommerce:apiUrl": store.url, "bigcommerce:storeHash": "bench" },
    secretConfig: { "bigcommerce:accessToken": token },
    env: { BENCH_API_URL: store.url, BENCH_STORE_HASH: "bench", BENCH_TOKEN: token },
  };
  const figures: OpFigures[] = [];
  try {
    for (const op of ["up", "preview", "refresh", "destroy"] as const) {
      const q = quotaNow(store);
      await fetch(`${store.url}/__admin/stats`, { method: "DELETE" });
      const started = Date.now();
      const r = await runDriverProcess({
        ...base,
        op,
        expectNoChanges: op === "preview" ? true : undefined,
        parallel: PARALLEL,
      });
      const wallMs = Date.now() - started;
      const stats = store.stats;
      const counted = stats.total - stats.rateLimited;
      // the driver refreshes with REFRESH_PARALLEL resources at once, the rest with the engine's default
      const opParallel = op === "refresh" ? (PARALLEL ?? REFRESH_PARALLEL) : parallel;
      const floors = floorMs(counted, {
        ...q,
        quota: o.quota,
        windowMs: o.windowMs,
        latencyMs: o.latencyMs,
        parallel: opParallel,
      });
      const state = statePerResource(r.deployment);
      const f: OpFigures = {
        variant,
        n,
        op,
        ok: r.ok,
        error: r.ok ? undefined : (r.error ?? "").slice(0, 600),
        wallMs,
        requests: { ...stats.byMethod },
        counted,
        rateLimited: stats.rateLimited,
        ...floors,
        floorMs: Math.max(floors.quotaFloorMs, floors.latencyFloorMs),
        stateBytesPerResource: state.bytes,
        resources: state.resources,
      };
      figures.push(f);
      printRow(f);
      if (!r.ok) break;
    }
  } finally {
    // leave nothing behind: a stack that failed half-way is removed with the store it used
    await runDriverProcess({ ...base, op: "destroy" }).catch(() => undefined);
    removeStackFiles(base.stackName);
    await store.close();
  }
  return figures;
}

/** Removes a bench stack's checkpoint files (`<stack>.json`, `.bak`, `.attrs`) from the local backend. */
function removeStackFiles(stackName: string): void {
  const dir = path.join(REPO_ROOT, ".tmp", "pulumi-backend", ".pulumi", "stacks", "bench");
  if (!fs.existsSync(dir)) return;
  for (const f of fs.readdirSync(dir))
    if (f.startsWith(`${stackName}.json`)) fs.rmSync(path.join(dir, f), { force: true });
}

const s = (ms: number) => (ms / 1000).toFixed(1);

let engine = 0;

/** The fixed cost of one operation: `preview` of the mixed program with no object, against a quiet store. */
async function engineStartMs(o: BenchOptions): Promise<number> {
  const store = await startLocalStore({ latencyMs: o.latencyMs });
  const workDir = path.join(REPO_ROOT, ".tmp", "ws", "bench");
  fs.mkdirSync(workDir, { recursive: true });
  try {
    const req: DriverRequest = {
      op: "preview",
      workDir,
      projectName: "bench",
      stackName: `engine-${process.pid}`,
      program: path.join(REPO_ROOT, "dist", "tools", "programs", "mixed.js"),
      programArgs: { n: 0 },
      config: { "bigcommerce:apiUrl": store.url, "bigcommerce:storeHash": "bench" },
    };
    await runDriverProcess(req); // the first run warms caches (plugins, the stack file)
    const started = Date.now();
    await runDriverProcess(req);
    engine = Date.now() - started;
    removeStackFiles(req.stackName);
    return engine;
  } finally {
    await store.close();
  }
}

function printHeader(): void {
  console.log(
    ["variant", "N", "op", "wall s", "requests", "429s", "floor s (quota/latency)", "ratio", "net", "state B/res"].join(
      " | ",
    ),
  );
  console.log("---|---|---|---|---|---|---|---|---|---");
}

function printRow(f: OpFigures): void {
  const req =
    Object.entries(f.requests)
      .map(([m, c]) => `${m} ${c}`)
      .join(", ") || "none";
  const ratio = f.floorMs > 0 ? (f.wallMs / f.floorMs).toFixed(2) : "-";
  const net = f.floorMs > 0 ? (Math.max(0, f.wallMs - engine) / f.floorMs).toFixed(2) : "-";
  console.log(
    [
      f.variant,
      f.n,
      f.op + (f.ok ? "" : " FAILED"),
      s(f.wallMs),
      req,
      f.rateLimited,
      `${s(f.floorMs)} (${s(f.quotaFloorMs)}/${s(f.latencyFloorMs)})`,
      ratio,
      net,
      f.resources ? `${f.stateBytesPerResource} (${f.resources} res.)` : "-",
    ].join(" | "),
  );
  if (!f.ok) console.log(`    error: ${f.error}`);
}

/** The benchmark on a command line; resolves with the exit code. */
export function main(argv: string[]): Promise<number> {
  return runCommand(BENCH_COMMAND, argv, (parsed) => bench(benchOptions(parsed)));
}

async function bench(o: BenchOptions): Promise<number> {
  pulumiBin(); // find or build the CLI first, outside the timings
  const parallel = PARALLEL ?? 4 * (await import("node:os")).cpus().length;
  console.log(
    `bench: N = ${o.ns.join(", ")}; local store with ${o.latencyMs} ms latency and ${o.quota} requests / ${o.windowMs / 1000} s; ` +
      `parallelism ${parallel} (Pulumi's default); floor = max(quota floor, ceil(requests / parallelism) x latency); machine: ${(await import("node:os")).cpus()[0]?.model ?? "?"} x ${(await import("node:os")).cpus().length}`,
  );
  const engineMs = await engineStartMs(o);
  console.log(
    `engine start (a preview of an empty program, no request): ${s(engineMs)} s; "ratio" is wall / floor, "net" is (wall - engine start) / floor`,
  );
  printHeader();
  const all: OpFigures[] = [];
  for (const n of o.ns) {
    const runs: OpFigures[][] = [];
    for (let i = 0; i < o.repeat; i++) {
      runs.push(await benchVariant("ours", n, o, parallel));
      if (o.baseline) runs.push(await benchVariant("baseline", n, o, parallel));
    }
    if (o.repeat === 1) {
      all.push(...runs.flat());
      continue;
    }
    console.log(`median of ${o.repeat} runs, N = ${n}:`);
    for (const variant of ["ours", "baseline"] as const) {
      for (const op of ["up", "preview", "refresh", "destroy"]) {
        const same = runs.flat().filter((f) => f.variant === variant && f.op === op);
        if (!same.length) continue;
        const walls = same.map((f) => f.wallMs).sort((a, b) => a - b);
        const median: OpFigures = {
          ...same[0],
          wallMs: walls[Math.floor(walls.length / 2)],
          ok: same.every((f) => f.ok),
        };
        all.push(median);
        printRow(median);
      }
    }
  }
  console.log("\nours / baseline wall time:");
  for (const n of o.ns) {
    for (const op of ["up", "preview", "refresh", "destroy"]) {
      const a = all.find((f) => f.variant === "ours" && f.n === n && f.op === op);
      const b = all.find((f) => f.variant === "baseline" && f.n === n && f.op === op);
      if (a && b)
        console.log(
          `  N=${n} ${op}: ${(a.wallMs / b.wallMs).toFixed(2)} (requests ${a.counted} vs ${b.counted}, 429s ${a.rateLimited} vs ${b.rateLimited})`,
        );
    }
  }
  const out = path.join(REPO_ROOT, ".tmp", `bench-results-${o.ns.join("-")}.json`);
  fs.writeFileSync(out, JSON.stringify({ options: o, parallel, engineMs, figures: all }, null, 2));
  console.log(`\nfigures written to ${path.relative(REPO_ROOT, out)}`);
  return all.some((f) => !f.ok) ? 1 : 0;
}

if (require.main === module) exitWith(main(process.argv.slice(2)), { prefix: "", code: 1 });
