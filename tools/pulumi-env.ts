import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * The repository root: the nearest folder above this file with `scripts/pulumi-cli.sh` (the
 * compiled file sits in dist/tools/, the source in tools/ when ts-jest loads it).
 */
export const REPO_ROOT = findRoot(__dirname);

function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "scripts", "pulumi-cli.sh"))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(start, "..", "..");
  }
}
export const TMP_DIR = path.join(REPO_ROOT, ".tmp");

/**
 * Folder holding `pulumi` and `pulumi-resource-pulumi-nodejs`: from PULUMI_CLI_BIN, or what
 * `scripts/pulumi-cli.sh` finds on PATH or builds (once, cached).
 */
export function pulumiBin(): string {
  if (process.env.PULUMI_CLI_BIN && fs.existsSync(path.join(process.env.PULUMI_CLI_BIN, "pulumi"))) {
    return process.env.PULUMI_CLI_BIN;
  }
  const out = execFileSync("bash", [path.join(REPO_ROOT, "scripts", "pulumi-cli.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const bin = out.trim().split("\n").pop() as string;
  process.env.PULUMI_CLI_BIN = bin;
  return bin;
}

/**
 * Environment for running Pulumi fully offline: a local `file://` backend and Pulumi home
 * under `.tmp/` (or PULUMI_BACKEND_URL / PULUMI_HOME when set), no update check, no plugin
 * downloads, an empty passphrase for the backend's secrets unless one is set.
 */
export function pulumiEnv(): Record<string, string> {
  const bin = pulumiBin();
  const home = process.env.PULUMI_HOME ?? path.join(TMP_DIR, "pulumi-home");
  const backendDir = path.join(TMP_DIR, "pulumi-backend");
  fs.mkdirSync(home, { recursive: true });
  fs.mkdirSync(backendDir, { recursive: true });
  return {
    PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}`,
    PULUMI_CLI_BIN: bin,
    PULUMI_HOME: home,
    PULUMI_BACKEND_URL: process.env.PULUMI_BACKEND_URL ?? `file://${backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
  };
}
