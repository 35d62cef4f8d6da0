#!/usr/bin/env node
/**
 * `npm run bench [-- --n 50 [--n 200] | --quick] [--repeat 3] [--no-baseline] [--latency-ms 80] [--quota 150] [--window-ms 30000] [--scenarios] [--no-mix]`
 *
 * Against a local store with a realistic latency (80 ms) and the standard quota (150 requests
 * per 30 s), runs `up`, a no-change `preview`, `refresh` and `destroy` of N mixed objects
 * (`tools/programs/mixed.ts`; N = 50, 200 and 500 unless `--n` or `--quick` say otherwise), then
 * the same with the baseline (`tools/bench/baseline.ts`, a minimal dynamic provider that only
 * calls the API), and prints for each operation: wall time, requests by method, 429s, the floor
 * that the quota and the latency set, the ratio to it, and the state size per resource.
 *
 * Beside the floor of the requests sent, each row has the floor of the work itself: the requests a
 * minimal correct provider must send (one POST per create, one DELETE per delete, list pages of 250
 * for reads; a batch of codes deleted 50 a request, the safe reading of the limits) and the ratios
 * to it. `--scenarios` adds 10 coupons in a store of 10,000 others, and a promotion with 1,000
 * CouponCode resources and a 2,000-code batch (each refreshed twice, then destroyed).
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
import { mixedPlan } from "../programs/mixed";
import { CODE_DELETE_BATCH } from "../../provider/common/promotion-codes";

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
  /** Also run the scenarios (a store of 10,000 other coupons; a promotion with many codes). */
  scenarios: boolean;
  /** Leave out the mix (with `scenarios`: the scenarios only). */
  mix: boolean;
}

export const BENCH_COMMAND = command({
  name: "bench",
  usage: [
    "npm run bench [-- --n 50 [--n 200] | --quick] [--repeat 3] [--no-baseline] [--latency-ms 80] [--quota 150] [--window-ms 30000] [--scenarios] [--no-mix]",
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
    scenarios: {
      type: "boolean",
      description:
        "also run the scenarios: 10 coupons in a store of 10,000 others, and a promotion with 1,000 CouponCode resources and a 2,000-code batch",
    },
    "no-mix": { type: "boolean", description: "leave out the mix (with --scenarios: the scenarios only)" },
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
    scenarios: Boolean(v.scenarios),
    mix: !v["no-mix"],
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
  /** The state's bytes per resource of each kind. */
  stateBytesByKind: Record<string, number>;
  resources: number;
  /**
   * The floor of the work itself: the requests a minimal correct provider must send (one POST per
   * create, one DELETE per delete, the list pages of the reads), and the least time they take.
   */
  workRequests: number;
  workFloorMs: number;
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

/** What a stack declares, for the floor of its work: objects per kind, and the codes of each promotion. */
export interface Declared {
  /** Objects of the v2 kinds and promotions, by kind (each listed 250 a page). */
  listed: Record<string, number>;
  /** Codes per promotion that has any (each promotion's codes listed 250 a page). */
  codesPerPromotion: number[];
  /** Objects a create makes with one request each (a batch of generated codes: one per 250). */
  creates: number;
  /** Requests a destroy must send: one DELETE per object (a batch of codes: one per 50 codes). */
  deletes: number;
}

const pages = (n: number) => Math.ceil(n / 250);

/** The requests a minimal correct provider sends for `op` (see `OpFigures.workRequests`). */
export function workRequests(op: string, d: Declared): number {
  if (op === "up") return d.creates;
  if (op === "destroy") return d.deletes;
  if (op === "refresh")
    return (
      Object.values(d.listed).reduce((s, n) => s + pages(n), 0) + d.codesPerPromotion.reduce((s, n) => s + pages(n), 0)
    );
  return 0;
}

/** What the mix of `n` declares (tools/programs/mixed.ts). */
export function declaredMix(n: number): Declared {
  const listed: Record<string, number> = {};
  let codes = 0;
  for (const o of mixedPlan(n)) {
    if (o.kind === "couponCode") codes++;
    else listed[o.kind] = (listed[o.kind] ?? 0) + 1;
  }
  return { listed, codesPerPromotion: Array.from({ length: codes }, () => 1), creates: n, deletes: n };
}

/**
 * Waits out the quota window the operation before used, so that each operation starts a window
 * of its own: its floor then depends on its own requests only, not on what the one before left
 * (a few reads more or less would otherwise cost a whole window or none, by chance).
 */
async function freshWindow(store: LocalStore): Promise<void> {
  const h = store.quota.headers();
  if (Number(h["X-Rate-Limit-Requests-Left"]) >= store.quota.quota) return;
  await new Promise((resolve) => setTimeout(resolve, Number(h["X-Rate-Limit-Time-Reset-Ms"]) + 20));
}

function quotaNow(store: LocalStore): { left0: number; resetIn0: number } {
  const h = store.quota.headers();
  return { left0: Number(h["X-Rate-Limit-Requests-Left"]), resetIn0: Number(h["X-Rate-Limit-Time-Reset-Ms"]) };
}

function statePerResource(deployment: unknown): { bytes: number; resources: number; byKind: Record<string, number> } {
  const resources = ((deployment as { resources?: Array<{ type: string }> } | undefined)?.resources ?? []).filter(
    (r) => !r.type.startsWith("pulumi:"),
  );
  if (!resources.length) return { bytes: 0, resources: 0, byKind: {} };
  const kinds = new Map<string, { bytes: number; count: number }>();
  for (const r of resources) {
    const k = kinds.get(r.type.replace(/^.*:/, "")) ?? { bytes: 0, count: 0 };
    k.bytes += Buffer.byteLength(JSON.stringify(r));
    k.count++;
    kinds.set(r.type.replace(/^.*:/, ""), k);
  }
  const total = [...kinds.values()].reduce((s, k) => s + k.bytes, 0);
  const byKind = Object.fromEntries([...kinds].map(([kind, k]) => [kind, Math.round(k.bytes / k.count)]));
  return { bytes: Math.round(total / resources.length), resources: resources.length, byKind };
}

/** Runs one operation in its own driver process and measures it against the store's counts. */
async function measure(
  store: LocalStore,
  base: Omit<DriverRequest, "op">,
  op: "up" | "preview" | "refresh" | "destroy",
  o: BenchOptions,
  parallel: number,
  what: { variant: "ours" | "baseline"; n: number; declared: Declared; label?: string },
): Promise<OpFigures> {
  await freshWindow(store);
  const q = quotaNow(store);
  const quota = store.quota.quota;
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
  const at = { ...q, quota, windowMs: o.windowMs, latencyMs: o.latencyMs, parallel: opParallel };
  const floors = floorMs(counted, at);
  const work = workRequests(op, what.declared);
  const workFloors = floorMs(work, at);
  const state = statePerResource(r.deployment);
  return {
    variant: what.variant,
    n: what.n,
    op: what.label ? `${what.label} ${op}` : op,
    ok: r.ok,
    error: r.ok ? undefined : (r.error ?? "").slice(0, 600),
    wallMs,
    requests: { ...stats.byMethod },
    counted,
    rateLimited: stats.rateLimited,
    ...floors,
    floorMs: Math.max(floors.quotaFloorMs, floors.latencyFloorMs),
    stateBytesPerResource: state.bytes,
    stateBytesByKind: state.byKind,
    resources: state.resources,
    workRequests: work,
    workFloorMs: Math.max(workFloors.quotaFloorMs, workFloors.latencyFloorMs),
  };
}

/** A scenario: a stack applied with a generous quota, then refreshed (twice) and destroyed as measured. */
interface Scenario {
  label: string;
  program: string;
  programArgs: unknown;
  declared: Declared;
  /** Fills the store before the stack is applied (objects the stack does not manage). */
  seed?(store: LocalStore): void;
  /** The quota of the set-up and of the destroy (default: the benchmark's). */
  setupQuota?: number;
}

/** Coupons as another app of the store made them (not managed by the stack). */
function seedCoupons(store: LocalStore, count: number): void {
  for (let i = 1; i <= count; i++) store.state.data.coupons.push(storedCoupon(i, `other ${i}`, `OTHER${i}`));
}

/** A coupon as the local store keeps it (ids given by the caller). */
export function storedCoupon(id: number, name = `C${id}`, code = `C${id}`) {
  return {
    id,
    name,
    code,
    type: "per_total_discount",
    amount: "1.0000",
    min_purchase: "0.0000",
    expires: "",
    enabled: true,
    applies_to: { entity: "categories", ids: [0] },
    num_uses: 0,
    max_uses: 0,
    max_uses_per_customer: 0,
    restricted_to: {},
    shipping_methods: [],
    date_created: "Sun, 22 Nov 2026 00:00:00 +0000",
  };
}

const SCENARIOS: Scenario[] = [
  {
    label: "10 coupons in a store of 10,000:",
    program: "programs/coupons.js",
    programArgs: {
      coupons: Object.fromEntries(
        Array.from({ length: 10 }, (_, i) => [
          `ten-${i}`,
          { name: `ten ${i}`, code: `TEN${i}`, type: "per_total_discount", amount: 5 },
        ]),
      ),
    },
    declared: { listed: { coupon: 10 }, codesPerPromotion: [], creates: 10, deletes: 10 },
    seed: (store) => seedCoupons(store, 10_000),
  },
  {
    label: "1 promotion, 1,000 CouponCode, 2,000-code batch:",
    program: "programs/many-codes.js",
    programArgs: { codes: 1000, batch: 2000 },
    declared: {
      listed: { promotion: 1 },
      codesPerPromotion: [3000],
      creates: 1 + 1000 + 2000 / 250,
      deletes: 1 + 1000 + Math.ceil(2000 / CODE_DELETE_BATCH),
    },
    // 1,009 creates and 1,041 deletes take 7 windows of the standard quota each: set-up and
    // destroy run at 100 times it (the requests are counted all the same), the refreshes at the standard one
    setupQuota: 15_000,
  },
];

/** A local store at the benchmark's settings, its token, and the workspace folder of the bench stacks. */
async function benchStore(o: BenchOptions): Promise<{ token: string; store: LocalStore; workDir: string }> {
  const token = `bench-token-${process.pid}`;
  const store = await startLocalStore({
    quota: o.quota,
    windowMs: o.windowMs,
    latencyMs: o.latencyMs,
    accessToken: token,
  });
  const workDir = path.join(REPO_ROOT, ".tmp", "ws", "bench");
  fs.mkdirSync(workDir, { recursive: true });
  return { token, store, workDir };
}

async function benchScenario(sc: Scenario, o: BenchOptions, parallel: number): Promise<OpFigures[]> {
  const { token, store, workDir } = await benchStore(o);
  sc.seed?.(store);
  const base: Omit<DriverRequest, "op"> = {
    workDir,
    projectName: "bench",
    stackName: `scenario-${SCENARIOS.indexOf(sc)}-${process.pid}`,
    program: path.join(REPO_ROOT, "dist", "tools", sc.program),
    programArgs: sc.programArgs,
    config: { "bigcommerce:apiUrl": store.url, "bigcommerce:storeHash": "bench" },
    secretConfig: { "bigcommerce:accessToken": token },
  };
  const resources = sc.declared.creates;
  const what = { variant: "ours" as const, n: resources, declared: sc.declared, label: sc.label };
  const figures: OpFigures[] = [];
  const run = async (op: "up" | "refresh" | "destroy", quota: number) => {
    store.quota.quota = quota;
    const f = await measure(store, base, op, o, parallel, what);
    figures.push(f);
    printRow(f);
    return f.ok;
  };
  try {
    const setup = sc.setupQuota ?? o.quota;
    if ((await run("up", setup)) && (await run("refresh", o.quota)) && (await run("refresh", o.quota)))
      await run("destroy", setup);
  } finally {
    store.quota.quota = sc.setupQuota ?? o.quota;
    await runDriverProcess({ ...base, op: "destroy" }).catch(() => undefined);
    removeStackFiles(base.stackName);
    await store.close();
  }
  return figures;
}

async function benchVariant(
  variant: "ours" | "baseline",
  n: number,
  o: BenchOptions,
  parallel: number,
): Promise<OpFigures[]> {
  const { token, store, workDir } = await benchStore(o);
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
      const f = await measure(store, base, op, o, parallel, { variant, n, declared: declaredMix(n) });
      figures.push(f);
      printRow(f);
      if (!f.ok) break;
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

const COLUMNS = [
  "variant",
  "N",
  "op",
  "wall s",
  "requests",
  "429s",
  "floor s (quota/latency)",
  "ratio",
  "net",
  "work floor (requests, s)",
  "requests / work",
  "wall / work floor",
  "net / work floor",
  "state B/res",
];

function printHeader(): void {
  console.log(COLUMNS.join(" | "));
  console.log(COLUMNS.map(() => "---").join("|"));
}

function printRow(f: OpFigures): void {
  const req =
    Object.entries(f.requests)
      .map(([m, c]) => `${m} ${c}`)
      .join(", ") || "none";
  const ratio = f.floorMs > 0 ? (f.wallMs / f.floorMs).toFixed(2) : "-";
  const net = f.floorMs > 0 ? (Math.max(0, f.wallMs - engine) / f.floorMs).toFixed(2) : "-";
  const perWork = f.workRequests > 0 ? (f.counted / f.workRequests).toFixed(2) : "-";
  const wallPerWork = f.workFloorMs > 0 ? (f.wallMs / f.workFloorMs).toFixed(2) : "-";
  const netPerWork = f.workFloorMs > 0 ? (Math.max(0, f.wallMs - engine) / f.workFloorMs).toFixed(2) : "-";
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
      `${f.workRequests}, ${s(f.workFloorMs)}`,
      perWork,
      wallPerWork,
      netPerWork,
      f.resources ? `${f.stateBytesPerResource} (${f.resources} res.)` : "-",
    ].join(" | "),
  );
  if (f.op.endsWith("up") && f.resources)
    console.log(
      `    state B/resource by kind: ${Object.entries(f.stateBytesByKind)
        .map(([k, b]) => `${k} ${b}`)
        .join(", ")}`,
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
      `parallelism ${parallel} (Pulumi's default); floor = max(quota floor, ceil(requests / parallelism) x latency) of the requests sent; work floor = the same of the requests a minimal correct provider sends (a POST per create, a DELETE per delete, list pages of 250 for reads); machine: ${(await import("node:os")).cpus()[0]?.model ?? "?"} x ${(await import("node:os")).cpus().length}`,
  );
  const engineMs = await engineStartMs(o);
  console.log(
    `engine start (a preview of an empty program, no request): ${s(engineMs)} s; "ratio" is wall / floor, "net" is (wall - engine start) / floor, the same for the work floor`,
  );
  printHeader();
  const all: OpFigures[] = [];
  for (const n of o.mix ? o.ns : []) {
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
  if (o.scenarios) for (const sc of SCENARIOS) all.push(...(await benchScenario(sc, o, parallel)));
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
  const out = path.join(
    REPO_ROOT,
    ".tmp",
    `bench-results-${[...(o.mix ? o.ns : []), ...(o.scenarios ? ["scenarios"] : [])].join("-")}.json`,
  );
  fs.writeFileSync(out, JSON.stringify({ options: o, parallel, engineMs, figures: all }, null, 2));
  console.log(`\nfigures written to ${path.relative(REPO_ROOT, out)}`);
  return all.some((f) => !f.ok) ? 1 : 0;
}

if (require.main === module) exitWith(main(process.argv.slice(2)), { prefix: "", code: 1 });
