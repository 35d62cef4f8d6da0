/**
 * An `up` that dies as CI jobs die, with requests in flight: SIGINT twice, SIGKILL of the pulumi
 * CLI, SIGKILL of the dynamic-provider process, and the store killed and back on its port with its
 * data ~6 s later. Each fault is set off by what the store has received (its k-th POST), not by a
 * timer; the store answers 80 ms late, so other requests are on their way at that moment. Then
 * the recovery of docs/recovery.md and `up`: the store holds exactly the declared objects (none
 * twice, none missing, none outside the state) and `preview --refresh` finds no change.
 *
 * The program (`tools/programs/crash.ts`) has every kind: keyed (coupons, gift certificates with
 * a code, coupon codes) and keyless (banners, two of them identical on purpose, promotions, gift
 * certificates without a code), and a batch of generated codes.
 */
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { StoreData } from "../../store/state";
import { crashPlan } from "../../tools/programs/crash";
import { pulumiEnv } from "../../tools/pulumi-env";
import { CommandResult, freePort, REPO, runPulumi, startPulumi, workDir } from "./engine";

const TOKEN = "crash-e2e-Token-1d9f37";
const N = 2;
const LATENCY_MS = 80;
const DIR = workDir("crash");
const PROJECT = "crash-e2e";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The local store in a process of its own, so that it can be killed and started again on its port with its data. */
class StoreProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  constructor(
    readonly port: number,
    readonly dataFile: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const args = ["--port", String(this.port), "--data", this.dataFile, "--latency-ms", String(LATENCY_MS)];
    const child = spawn(
      process.execPath,
      [path.join(REPO, "dist", "store", "cli.js"), ...args, "--token", TOKEN, "--quota", "100000"],
      { stdio: "ignore" },
    );
    this.child = child;
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    for (let i = 0; ; i++) {
      if (
        await this.admin("health").then(
          () => true,
          () => false,
        )
      )
        return;
      if (i > 200) throw new Error("the store did not start");
      await sleep(50);
    }
  }

  /** Kills the store outright: requests in flight get no answer, nothing is saved but what was. */
  async kill(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    this.child?.kill(signal);
    await this.exited;
  }

  private async admin<T>(what: string): Promise<T> {
    const r = await fetch(`${this.url}/__admin/${what}`);
    if (!r.ok) throw new Error(`/__admin/${what}: ${r.status}`);
    return (await r.json()) as T;
  }

  posts(): Promise<number> {
    return this.admin<{ byMethod: Record<string, number> }>("stats").then((s) => s.byMethod.POST ?? 0);
  }

  data(): Promise<StoreData> {
    return this.admin<StoreData>("data");
  }
}

/** Process ids below `pid` (its children, theirs, ...), from /proc. */
function descendantsOf(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      /* gone meanwhile */
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
  } catch {
    return "";
  }
}

function killQuietly(pid: number, signal: NodeJS.Signals = "SIGKILL"): void {
  try {
    process.kill(pid, signal);
  } catch {
    /* already gone */
  }
}

/** Waits until `ok()` holds, checking every 10 ms; fails after `ms`. */
async function until(what: string, ok: () => Promise<boolean>, ms = 120_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

const text = (r: CommandResult) => `${r.stdout}\n${r.stderr}`;

/** One stack of the crash project in DIR, for one fault. */
class CrashStack {
  constructor(readonly name: string) {}

  run(...args: string[]): Promise<CommandResult> {
    return runPulumi([...args, "--stack", this.name], DIR);
  }

  async ok(...args: string[]): Promise<CommandResult> {
    const r = await this.run(...args);
    if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${r.code}\n${text(r)}`);
    return r;
  }

  async init(store: StoreProcess): Promise<void> {
    await runPulumi(["stack", "init", this.name], DIR);
    await this.ok(
      "config",
      "set-all",
      "--plaintext",
      `bigcommerce:apiUrl=${store.url}`,
      "--plaintext",
      "bigcommerce:storeHash=crash",
      "--secret",
      `bigcommerce:accessToken=${TOKEN}`,
    );
  }

  /** The stack's state file in the `file://` backend (read directly: a CLI call costs seconds). */
  private get stateFile(): string {
    const backend = pulumiEnv().PULUMI_BACKEND_URL.replace(/^file:\/\//, "");
    return path.join(backend, ".pulumi", "stacks", PROJECT, `${this.name}.json`);
  }

  /** The ids the state holds, per store collection (a batch: its codes). */
  stateIds(): Record<string, number[]> {
    const state = JSON.parse(fs.readFileSync(this.stateFile, "utf8")) as {
      checkpoint: { latest?: { resources?: Array<{ type: string; id?: string; outputs?: Record<string, unknown> }> } };
    };
    const exported = { deployment: state.checkpoint.latest ?? {} };
    const ids: Record<string, number[]> = {
      coupons: [],
      banners: [],
      gift_certificates: [],
      promotions: [],
      promotion_codes: [],
    };
    const collection: Record<string, string> = {
      Coupon: "coupons",
      Banner: "banners",
      GiftCertificate: "gift_certificates",
      Promotion: "promotions",
      CouponCode: "promotion_codes",
    };
    for (const r of exported.deployment.resources ?? []) {
      const kind = r.type.split(":").pop() as string;
      if (kind === "BulkCouponCodes") ids.promotion_codes.push(...((r.outputs?.codeIds as number[]) ?? []));
      else if (collection[kind] && r.id) ids[collection[kind]].push(Number(r.id));
    }
    for (const k of Object.keys(ids)) ids[k].sort((a, b) => a - b);
    return ids;
  }

  /** Drops the stack (its state and config files; the store goes with the test). */
  remove(): void {
    const dir = path.dirname(this.stateFile);
    if (fs.existsSync(dir))
      for (const f of fs.readdirSync(dir))
        if (f.startsWith(`${this.name}.json`)) fs.rmSync(path.join(dir, f), { force: true });
    fs.rmSync(path.join(DIR, `Pulumi.${this.name}.yaml`), { force: true });
  }
}

/** The store's objects by identifying value, sorted, next to what the program declares. */
function inventory(d: StoreData) {
  const bulk = d.promotions.find((p) => p.name === "crash bulk");
  return {
    coupons: d.coupons.map((c) => String(c.name)).sort(),
    banners: d.banners.map((b) => String(b.name)).sort(),
    giftCertificates: d.gift_certificates.map((g) => String(g.to_email)).sort(),
    promotions: d.promotions.map((p) => String(p.name)).sort(),
    codes: d.promotion_codes
      .filter((c) => c.promotion_id !== bulk?.id)
      .map((c) => String(c.code))
      .sort(),
    batchSize: d.promotion_codes.filter((c) => bulk && c.promotion_id === bulk.id).length,
  };
}

function declared() {
  const plan = crashPlan(N);
  return {
    coupons: [...plan.coupons].sort(),
    banners: [...plan.banners].sort(),
    giftCertificates: [...plan.giftCertificates].sort(),
    promotions: [...plan.promotions].sort(),
    codes: [...plan.codes].sort(),
    batchSize: plan.batchSize,
  };
}

function storeIds(d: StoreData): Record<string, number[]> {
  const ids = (xs: Array<{ id: number }>) => xs.map((x) => x.id).sort((a, b) => a - b);
  return {
    coupons: ids(d.coupons),
    banners: ids(d.banners),
    gift_certificates: ids(d.gift_certificates),
    promotions: ids(d.promotions),
    promotion_codes: ids(d.promotion_codes),
  };
}

/** What each fault left, for the log at the end: the user's view of it. */
const report: string[] = [];
const started = Date.now();

beforeAll(() => {
  fs.writeFileSync(
    path.join(DIR, "Pulumi.yaml"),
    `name: ${PROJECT}\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\n`,
  );
  const program = path.join(REPO, "dist", "tools", "programs", "crash.js");
  fs.writeFileSync(
    path.join(DIR, "index.js"),
    `module.exports = require(${JSON.stringify(program)}).default({ n: ${N} });\n`,
  );
});

afterAll(() => {
  console.log(`crash faults (N = ${N}):\n${report.join("\n")}\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s`);
});

type Fault = "sigint-twice" | "kill-cli" | "kill-provider" | "kill-store";

/** Lines of an output that say what happened to the objects, for the report. */
function telling(r: CommandResult): string[] {
  return text(r)
    .split("\n")
    .map((l) => l.trim())
    .filter((l) =>
      /interrupted run|may exist|pending|locked|pulumi cancel|import-pending-creates|error:|BigCommerce API/.test(l),
    )
    .slice(0, 8);
}

/**
 * One fault: `up` until the store has received its `afterPosts`-th POST, the fault, then the
 * documented recovery and `up`, and the checks.
 */
async function crashCase(fault: Fault, afterPosts: number): Promise<void> {
  const t = Date.now();
  const store = new StoreProcess(await freePort(), path.join(DIR, `store-${fault}-${process.pid}.json`));
  fs.rmSync(store.dataFile, { force: true });
  const stack = new CrashStack(`${fault}-${process.pid}`);
  const leftovers = new Set<number>();
  try {
    await store.start();
    await stack.init(store);
    const up = startPulumi(["up", "--yes", "--skip-preview", "--stack", stack.name], DIR);
    let ended = false;
    void up.done.then(() => (ended = true));
    await until(`POST number ${afterPosts}`, async () => ended || (await store.posts()) >= afterPosts);
    expect(ended).toBe(false); // the fault comes while the up runs
    const cli = up.child.pid as number;
    for (const p of descendantsOf(cli)) leftovers.add(p);
    switch (fault) {
      case "sigint-twice": {
        // the second ^C once the CLI has taken the first (signals sent together arrive as one)
        let said = "";
        const tookFirst = new Promise<void>((resolve) => {
          const listen = (d: Buffer) => {
            said += String(d);
            if (/\^C|cancel/i.test(said)) resolve();
          };
          up.child.stdout?.on("data", listen);
          up.child.stderr?.on("data", listen);
        });
        up.child.kill("SIGINT");
        await Promise.race([tookFirst, up.done]);
        up.child.kill("SIGINT");
        break;
      }
      case "kill-cli":
        up.child.kill("SIGKILL");
        break;
      case "kill-provider": {
        const provider = descendantsOf(cli).filter((p) => /dynamic-provider/.test(commandLine(p)));
        expect(provider.length).toBeGreaterThan(0);
        for (const p of provider) killQuietly(p);
        break;
      }
      case "kill-store":
        await store.kill();
        await sleep(6000); // the outage itself
        await store.start();
        break;
    }
    const first = await up.done;
    for (const p of descendantsOf(cli)) leftovers.add(p);
    // a process the CLI left behind (killed CLI) finishes its requests or dies with its pipes
    for (const p of leftovers) killQuietly(p);
    const firstText = text(first);
    // no false "nothing was changed" about a write
    expect(firstText).not.toMatch(/(POST|PUT|DELETE) \/v[23]\/[^\n]*nothing was changed/);
    expect(firstText).not.toContain(TOKEN);

    // objects in the store that the state does not hold: what the crashed run's creates left
    const before = await store.data();
    const held = new Set(Object.entries(stack.stateIds()).flatMap(([k, ids]) => ids.map((i) => `${k}:${i}`)));
    const orphans = Object.entries(storeIds(before)).flatMap(([k, ids]) =>
      ids.map((i) => `${k}:${i}`).filter((x) => !held.has(x)),
    );

    // the recovery of docs/recovery.md: `pulumi cancel` when the stack is left locked, then `up`
    let next = await stack.run("up", "--yes", "--skip-preview");
    let recovery = "up";
    if (next.code !== 0 && /locked/i.test(text(next))) {
      await stack.ok("cancel", "--yes");
      next = await stack.run("up", "--yes", "--skip-preview");
      recovery = "cancel, up";
    }
    if (next.code !== 0) throw new Error(`up after ${fault} failed:\n${text(next)}`);
    expect(text(next)).not.toContain(TOKEN);

    const after = await store.data();
    expect(inventory(after)).toEqual(declared());
    expect(stack.stateIds()).toEqual(storeIds(after));
    // the objects the crashed run left outside the state were taken over, and the up said so
    if (orphans.length > 0) expect(text(next)).toMatch(/from an interrupted run/);
    await stack.ok("preview", "--refresh", "--expect-no-changes");
    expect(storeIds(await store.data())).toEqual(storeIds(after));

    report.push(
      `  ${fault} (after POST ${afterPosts}): first up exited ${first.code ?? first.signal}; ${orphans.length} objects in the store outside the state; ` +
        `recovery "${recovery}"; ${((Date.now() - t) / 1000).toFixed(0)} s\n` +
        `    first up said: ${telling(first).join(" | ") || "(nothing about objects)"}\n` +
        `    recovery up said: ${telling(next).join(" | ") || "(nothing about objects)"}`,
    );
  } catch (e) {
    const d = await store.data().catch(() => undefined);
    report.push(`  ${fault}: FAILED; store ${d ? JSON.stringify(inventory(d)) : "not answering"}`);
    throw e;
  } finally {
    for (const p of leftovers) killQuietly(p);
    stack.remove();
    await store.kill("SIGTERM");
    fs.rmSync(store.dataFile, { force: true });
  }
}

describe("an up that dies with requests in flight, then the documented recovery and up", () => {
  test("SIGINT twice: the CLI ends at once; the next up takes over what landed and makes the rest", () =>
    crashCase("sigint-twice", 5));
  test("SIGKILL of the pulumi CLI: the next up ends with exactly the declared objects", () => crashCase("kill-cli", 5));
  test("SIGKILL of the dynamic-provider process: the next up ends with exactly the declared objects", () =>
    crashCase("kill-provider", 5));
  test("the store killed and back on its port with its data after 6 s: no duplicate, no false 'nothing was changed'", () =>
    crashCase("kill-store", 5));
});
