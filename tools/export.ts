/**
 * `npm run export -- [--out campaigns/store.yaml] [--name "Main store"] [--force]`
 *
 * Reads a store's marketing objects (coupons, banners, gift certificates, promotions and their
 * coupon codes) and writes a campaign file that reproduces them, each marked for adoption
 * (`adoptId`), so that `pulumi up` of the file takes the objects over and changes nothing.
 *
 * The store is the one the provider would use: with `--stack NAME`, the `bigcommerce:*` config of
 * that stack of the Pulumi project in the current folder (read with the `pulumi` CLI in this
 * environment, as `pulumi up` would; secrets decrypted in memory only);
 * else, and for what the stack does not set, `BIGCOMMERCE_STORE_HASH` and
 * `BIGCOMMERCE_ACCESS_TOKEN` (and `BIGCOMMERCE_API_URL`); with none of them, the local store on
 * 127.0.0.1:4567. `--api-url` and `--store-hash` override both. The token is never taken from the
 * command line, so that it never shows in a process list or a shell history.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { BigCommerceClient } from "../provider/client/http";
import { ConfigSource, resolveStoreConfig } from "../provider/config";
import { exportStore, managedIds, ManagedIds } from "./export/index";

const USAGE = `usage: npm run export -- [--out FILE|-] [--name NAME] [--force] [--stack STACK] [--api-url URL] [--store-hash HASH]

  --out FILE        where to write the campaign file (default campaigns/store.yaml; - for standard output)
  --name NAME       the campaign's name (default "Store <store hash>")
  --force           overwrite FILE when it exists
  --stack STACK     read the store settings (bigcommerce:storeHash, bigcommerce:accessToken,
                    bigcommerce:apiUrl) from this stack of the Pulumi project in the current folder
  --skip-managed    leave out the objects STACK already manages (read from its state), to bring
                    the rest of a store under code next to existing programs; needs --stack
  --api-url URL     API origin (default: the stack's, else BIGCOMMERCE_API_URL, else the real API)
  --store-hash HASH store hash (default: the stack's, else BIGCOMMERCE_STORE_HASH)

The access token comes from the stack's config or BIGCOMMERCE_ACCESS_TOKEN. With neither a store
hash nor a token, the local store (npm run store) is read.`;

export interface CliOptions {
  out: string;
  name?: string;
  force: boolean;
  stack?: string;
  skipManaged?: boolean;
  apiUrl?: string;
  storeHash?: string;
}

/** Parses the command line; throws a message naming the bad argument. */
export function parseArgs(argv: string[]): CliOptions | "help" {
  const opts: CliOptions = { out: path.join("campaigns", "store.yaml"), force: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] =
      arg.startsWith("--") && arg.includes("=")
        ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
        : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === "") throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--out":
        opts.out = value();
        break;
      case "--name":
        opts.name = value();
        break;
      case "--force":
        opts.force = true;
        break;
      case "--stack":
        opts.stack = value();
        break;
      case "--skip-managed":
        opts.skipManaged = true;
        break;
      case "--api-url":
        opts.apiUrl = value();
        break;
      case "--store-hash":
        opts.storeHash = value();
        break;
      case "--help":
      case "-h":
        return "help";
      default:
        throw new Error(`unknown argument ${JSON.stringify(arg)}`);
    }
  }
  if (opts.skipManaged && !opts.stack)
    throw new Error("--skip-managed needs --stack (the stack whose state lists the managed objects)");
  return opts;
}

/**
 * The `bigcommerce:*` config of a stack of the Pulumi project in `cwd` (`pulumi config --json
 * --show-secrets`): the token is decrypted into memory only, never printed.
 */
export function stackConfig(stack: string, cwd = process.cwd()): ConfigSource {
  const values = pulumiJson(["config", "--json", "--show-secrets", "--stack", stack], stack, cwd) as Record<
    string,
    { value?: unknown }
  >;
  return { get: (key) => (typeof values[key]?.value === "string" ? (values[key].value as string) : undefined) };
}

/** The store objects a stack's state manages (`pulumi stack export`, secrets left encrypted). */
export function stackManagedIds(stack: string, cwd = process.cwd()): ManagedIds {
  const out = pulumiJson(["stack", "export", "--stack", stack], stack, cwd) as {
    deployment?: Parameters<typeof managedIds>[0];
  };
  return managedIds(out.deployment ?? {});
}

/**
 * Runs the Pulumi CLI (`pulumi` on PATH) in `cwd` and parses its JSON output. It runs in the
 * caller's environment, as `pulumi up` does: the same backend login, passphrase and stack.
 */
function pulumiJson(args: string[], stack: string, cwd: string): unknown {
  let out: string;
  try {
    out = execFileSync("pulumi", args, {
      cwd,
      env: process.env,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 1 << 30,
    });
  } catch (e) {
    if ((e as { code?: string }).code === "ENOENT")
      throw new Error("--stack needs the Pulumi CLI: `pulumi` is not on PATH");
    const detail = String((e as { stderr?: string }).stderr ?? "")
      .trim()
      .split("\n")[0];
    throw new Error(`cannot read stack ${JSON.stringify(stack)} in ${cwd}${detail ? `: ${detail}` : ""}`);
  }
  return JSON.parse(out);
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let opts: CliOptions | "help";
  try {
    opts = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`export: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (opts === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const stack = opts.stack ? stackConfig(opts.stack) : undefined;
  const flags: Record<string, string | undefined> = {
    "bigcommerce:apiUrl": opts.apiUrl,
    "bigcommerce:storeHash": opts.storeHash,
  };
  const cfg = resolveStoreConfig(env, { get: (key) => flags[key] ?? stack?.get(key) });
  const toStdout = opts.out === "-";
  if (!toStdout && fs.existsSync(opts.out) && !opts.force) {
    process.stderr.write(`export: ${opts.out} exists; pass --force to overwrite it\n`);
    return 1;
  }
  const source = cfg.local ? `the local store at ${cfg.apiUrl}` : `store ${cfg.storeHash}`;
  const client = new BigCommerceClient(cfg);
  const skip = opts.skipManaged && opts.stack ? stackManagedIds(opts.stack) : undefined;
  const { text, exported } = await exportStore(client, {
    skip,
    name: opts.name,
    storeHash: cfg.storeHash,
    source,
    outFile: toStdout ? undefined : opts.out,
  });
  if (toStdout) process.stdout.write(text);
  else {
    fs.mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
    fs.writeFileSync(opts.out, text);
  }
  const counts = new Map<string, number>();
  for (const e of exported.entries) counts.set(e.section, (counts.get(e.section) ?? 0) + 1);
  const summary = [...counts].map(([s, n]) => `${n} ${s}`).join(", ") || "no marketing objects";
  process.stderr.write(
    `export: read ${source} (${Object.values(client.stats.requests).reduce((a, b) => a + b, 0)} requests); wrote ${toStdout ? "standard output" : opts.out}: ${summary}\n`,
  );
  for (const notes of Object.values(exported.notes))
    for (const n of notes ?? []) process.stderr.write(`export: note: ${n}\n`);
  for (const w of exported.warnings) process.stderr.write(`export: warning: ${w}\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      // the client's errors never carry the token (it scrubs them)
      process.stderr.write(`export: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
