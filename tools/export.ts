#!/usr/bin/env node
/**
 * `bigcommerce-export [--out campaigns/store.yaml] [--name "Main store"] [--force]` (`--help`: every option)
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
import { command, exitWith, parseCommandLine, runCommand, UsageError } from "./cli";
import { exportStore, managedIds, ManagedIds } from "./export/index";

export const EXPORT_COMMAND = command({
  name: "export",
  usage: [
    "bigcommerce-export [--out FILE|-] [--name NAME] [--force] [--stack STACK [--skip-managed]] [--api-url URL] [--store-hash HASH]",
  ],
  description:
    "Reads a store's coupons, banners, gift certificates, promotions and coupon codes and writes a campaign file that declares each of them for adoption (adoptId), so that `pulumi up` of the file takes them over and changes nothing.",
  options: {
    out: {
      type: "string",
      value: "FILE",
      default: path.join("campaigns", "store.yaml"),
      description: "where to write the campaign file; - for standard output",
    },
    name: {
      type: "string",
      value: "NAME",
      defaultText: '"Store <store hash>"',
      description: "the campaign's name",
    },
    force: { type: "boolean", description: "overwrite FILE when it exists" },
    stack: {
      type: "string",
      value: "STACK",
      description:
        "read the store settings (bigcommerce:storeHash, bigcommerce:accessToken, bigcommerce:apiUrl) from this stack of the Pulumi project in the current folder",
    },
    "skip-managed": {
      type: "boolean",
      description:
        "leave out the objects STACK already manages (read from its state), to bring the rest of a store under code next to existing programs; needs --stack",
    },
    "api-url": {
      type: "string",
      value: "URL",
      defaultText: "the stack's, else BIGCOMMERCE_API_URL, else the real API",
      description: "API origin",
    },
    "store-hash": {
      type: "string",
      value: "HASH",
      defaultText: "the stack's, else BIGCOMMERCE_STORE_HASH",
      description: "store hash",
    },
  },
  exitCodes: [
    [0, "the file was written"],
    [1, "FILE exists (without --force), or the store could not be read"],
    [2, "bad arguments"],
  ],
  notes: [
    "The access token comes from the stack's config or BIGCOMMERCE_ACCESS_TOKEN, never from the command line. With neither a store hash nor a token, the local store (bigcommerce-store) is read.",
  ],
  examples: ['bigcommerce-export --stack production --out campaigns/store.yaml --name "Main store"'],
});

export interface CliOptions {
  out: string;
  name?: string;
  force: boolean;
  stack?: string;
  skipManaged?: boolean;
  apiUrl?: string;
  storeHash?: string;
}

/** Parses the command line; throws a `UsageError` naming the bad argument. */
export function parseArgs(argv: string[]): CliOptions | "help" {
  const { help, values: v } = parseCommandLine(EXPORT_COMMAND, argv);
  if (help) return "help";
  if (v["skip-managed"] && !v.stack)
    throw new UsageError("--skip-managed needs --stack (the stack whose state lists the managed objects)");
  const opts: CliOptions = { out: v.out, force: v.force ?? false };
  if (v.name !== undefined) opts.name = v.name;
  if (v.stack !== undefined) opts.stack = v.stack;
  if (v["skip-managed"]) opts.skipManaged = true;
  if (v["api-url"] !== undefined) opts.apiUrl = v["api-url"];
  if (v["store-hash"] !== undefined) opts.storeHash = v["store-hash"];
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
  return { get: (key) => (typeof values[key]?.value === "string" ? values[key].value : undefined) };
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
      throw new Error("--stack needs the Pulumi CLI: `pulumi` is not on PATH", { cause: e });
    const detail = String((e as { stderr?: string }).stderr ?? "")
      .trim()
      .split("\n")[0];
    throw new Error(`cannot read stack ${JSON.stringify(stack)} in ${cwd}${detail ? `: ${detail}` : ""}`, {
      cause: e,
    });
  }
  return JSON.parse(out);
}

export function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return runCommand(EXPORT_COMMAND, argv, () => {
    const opts = parseArgs(argv);
    return opts === "help" ? 0 : exportWith(opts, env);
  });
}

async function exportWith(opts: CliOptions, env: NodeJS.ProcessEnv): Promise<number> {
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
  // the client's errors never carry the token (it scrubs them)
  exitWith(main(process.argv.slice(2)), { prefix: "export: ", code: 1 });
}
