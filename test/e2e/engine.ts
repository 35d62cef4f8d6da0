/**
 * Test side of the real-engine harness: starts a local store and runs Pulumi operations
 * through `dist/tools/driver.js` (a process of its own, see there).
 */
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { BigCommerceClient } from "../../provider/client/http";
import { LocalStore, startLocalStore } from "../../store/server";
import type { DriverRequest, DriverResult } from "../../tools/driver";
import { runDriverProcess } from "../../tools/driver-process";
import { pulumiEnv } from "../../tools/pulumi-env";

export const REPO = path.resolve(__dirname, "..", "..");

/** A free port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export function workDir(name: string): string {
  const dir = path.join(REPO, ".tmp", "ws", name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** One driver operation in a process of its own (tools/driver-process.ts). */
export const runDriver = runDriverProcess;

/** The steps of one resource type, without the stack itself. */
export function stepsOf(r: DriverResult, type = "Coupon") {
  return r.steps.filter((s) => s.type.endsWith(`:${type}`));
}

/** How many objects of each kind the local store holds. */
export function storeCounts(store: LocalStore) {
  const d = store.state.data;
  return {
    coupons: d.coupons.length,
    banners: d.banners.length,
    gift_certificates: d.gift_certificates.length,
    promotions: d.promotions.length,
    promotion_codes: d.promotion_codes.length,
  };
}
/** `storeCounts` of an empty store. */
export const EMPTY_STORE = { coupons: 0, banners: 0, gift_certificates: 0, promotions: 0, promotion_codes: 0 };

/** A stack bound to one program, config and local store. */
export class TestStack {
  readonly log: string[] = [];
  constructor(private readonly base: Omit<DriverRequest, "op">) {}

  async run(op: DriverRequest["op"], extra: Partial<DriverRequest> = {}): Promise<DriverResult> {
    const r = await runDriver({ ...this.base, ...extra, op });
    this.log.push(r.stdout, r.stderr, r.error ?? "");
    return r;
  }

  /** Runs and fails the test with the engine's output when the operation failed. */
  async ok(op: DriverRequest["op"], extra: Partial<DriverRequest> = {}): Promise<DriverResult> {
    const r = await this.run(op, extra);
    if (!r.ok) throw new Error(`pulumi ${op} failed: ${r.error}\n${r.stdout}\n${r.stderr}`);
    return r;
  }

  setProgramArgs(args: unknown): void {
    this.base.programArgs = args;
  }
}

/**
 * A local store that requires `token`, a stack of `tools/programs/<program>.js` configured for
 * it (the token as a secret), and an API client of the store's own for edits "in the control
 * panel". Workspace `.tmp/ws/<name>`, project `<name>-e2e`, stack `<name>-<pid>`.
 */
export async function storeAndStack(opts: {
  name: string;
  program: string;
  programArgs: unknown;
  token: string;
}): Promise<{ store: LocalStore; stack: TestStack; api: BigCommerceClient }> {
  const store = await startLocalStore({ accessToken: opts.token });
  const api = new BigCommerceClient({ storeHash: "e2estore", accessToken: opts.token, apiUrl: store.url });
  const stack = new TestStack({
    workDir: workDir(opts.name),
    projectName: `${opts.name}-e2e`,
    stackName: `${opts.name}-${process.pid}`,
    program: path.join(REPO, "dist", "tools", "programs", `${opts.program}.js`),
    programArgs: opts.programArgs,
    config: { "bigcommerce:apiUrl": store.url, "bigcommerce:storeHash": "e2estore" },
    secretConfig: { "bigcommerce:accessToken": opts.token },
  });
  return { store, stack, api };
}

export interface CommandResult {
  code: number | null;
  /** The signal that ended the process, when one did. */
  signal?: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A started command: its process, and its exit code and output once it has ended. */
export interface StartedCommand {
  child: ChildProcess;
  done: Promise<CommandResult>;
}

/** Starts `file args` in `cwd` with `input` on stdin. */
function startCommand(
  file: string,
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number },
): StartedCommand {
  const child = spawn(file, args, { cwd: opts.cwd, env: opts.env ?? process.env });
  const done = new Promise<CommandResult>((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    const timer = opts.timeoutMs ? setTimeout(() => child.kill("SIGTERM"), opts.timeoutMs) : undefined;
    child.stdout?.on("data", (d) => (stdout += d));
    child.stderr?.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin?.end(opts.input ?? "");
  });
  return { child, done };
}

/** Runs `file args` in `cwd` with `input` on stdin; resolves with its exit code and output. */
export function runCommand(
  file: string,
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number },
): Promise<CommandResult> {
  return startCommand(file, args, opts).done;
}

/**
 * Runs one of the compiled commands, `node dist/tools/<name>.js <args>`, with `input` on stdin;
 * resolves with its exit code and output.
 */
export function runCli(
  name: string,
  args: string[],
  input?: string,
  opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CommandResult> {
  return runCommand(process.execPath, [path.join(REPO, "dist", "tools", `${name}.js`), ...args], {
    cwd: REPO,
    ...opts,
    input,
  });
}

/**
 * Runs the `pulumi` CLI itself (not the Automation API) in a project folder, offline: the CLI
 * and its plugins from PULUMI_CLI_BIN, a `file://` backend and Pulumi home under `.tmp/`
 * (tools/pulumi-env.ts; `env` overrides them), `--non-interactive`.
 */
export function runPulumi(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CommandResult> {
  return startPulumi(args, cwd, env).done;
}

/** `runPulumi`, started: the test may signal or kill the CLI while it runs. */
export function startPulumi(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): StartedCommand {
  const pulumi = pulumiEnv();
  return startCommand(path.join(pulumi.PULUMI_CLI_BIN, "pulumi"), [...args, "--non-interactive"], {
    cwd,
    env: { ...process.env, ...pulumi, ...env },
  });
}
