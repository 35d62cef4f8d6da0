/**
 * Writes the state fixtures: runs the real engine with the program of every kind
 * (tools/programs/every-kind.ts) against a fresh local store, then writes `pulumi stack export`
 * of the stack and the store's content to `test/e2e/fixtures/state/<package version>/`. The
 * fixture test (test/e2e/state-fixtures.e2e.test.ts) imports each such folder into a new stack
 * with the current code. Run it once per release whose state shape changes; keep the folders of
 * earlier versions.
 *
 *   npm run state-fixtures [-- --out DIR]   (--help: the options)
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { randomBytes } from "node:crypto";
import { startLocalStore } from "../store/server";
import { command, exitWith, runCommand } from "./cli";
import { runDriverProcess } from "./driver-process";
import { REPO_ROOT, TMP_DIR } from "./pulumi-env";

/** Project and stack of every fixture: URNs hold them, so the test imports into the same names. */
export const FIXTURE_PROJECT = "state-fixtures";
export const FIXTURE_STACK = "fixture";
/** The store hash of the fixtures' stack config. */
export const FIXTURE_STORE_HASH = "fixturestore";
/** The folder of the fixtures, one subfolder per package version. */
export const FIXTURES_DIR = path.join(REPO_ROOT, "test", "e2e", "fixtures", "state");

const version = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string })
  .version;

export const STATE_FIXTURES_COMMAND = command({
  name: "state-fixtures",
  usage: ["npm run state-fixtures -- [--out DIR]"],
  description:
    "Runs the program of every kind (tools/programs/every-kind.ts) with the real Pulumi engine against a fresh local store and writes `pulumi stack export` of its stack (stack.json) and the store's content (store.json) to DIR. No credentials are written: the store's token and address reach the provider through the environment, never the stack's config (which state records).",
  options: {
    out: {
      type: "string",
      value: "DIR",
      defaultText: `test/e2e/fixtures/state/${version}`,
      description: "where to write stack.json and store.json",
    },
  },
  examples: ["npm run state-fixtures"],
});

export async function main(argv: string[]): Promise<number> {
  return runCommand(STATE_FIXTURES_COMMAND, argv, async ({ values }) => {
    const out = path.resolve(values.out ?? path.join(FIXTURES_DIR, version));
    const token = `fixture-${randomBytes(12).toString("hex")}`;
    const store = await startLocalStore({ accessToken: token });
    const workDir = path.join(TMP_DIR, "ws", "state-fixtures");
    const backend = path.join(TMP_DIR, "state-fixtures-backend");
    fs.rmSync(workDir, { recursive: true, force: true });
    fs.rmSync(backend, { recursive: true, force: true });
    fs.mkdirSync(workDir, { recursive: true });
    fs.mkdirSync(backend, { recursive: true });
    try {
      const r = await runDriverProcess({
        op: "up",
        workDir,
        projectName: FIXTURE_PROJECT,
        stackName: FIXTURE_STACK,
        program: path.join(REPO_ROOT, "dist", "tools", "programs", "every-kind.js"),
        programArgs: {},
        // The token and the store's address from the environment, not the stack's config: the
        // default provider keeps its config in state, and a fixture holds neither.
        config: { "bigcommerce:storeHash": FIXTURE_STORE_HASH },
        env: {
          PULUMI_BACKEND_URL: `file://${backend}`,
          BIGCOMMERCE_ACCESS_TOKEN: token,
          BIGCOMMERCE_API_URL: store.url,
        },
      });
      if (!r.ok) throw new Error(`pulumi up failed: ${r.error}\n${r.stdout}\n${r.stderr}`);
      const stackJson = `${JSON.stringify({ version: 3, deployment: r.deployment }, null, 2)}\n`;
      const storeJson = `${JSON.stringify(store.state.data, null, 2)}\n`;
      for (const text of [stackJson, storeJson])
        if (text.includes(token)) throw new Error("the token reached the fixture: nothing written");
      fs.mkdirSync(out, { recursive: true });
      fs.writeFileSync(path.join(out, "stack.json"), stackJson);
      fs.writeFileSync(path.join(out, "store.json"), storeJson);
      process.stdout.write(`wrote ${path.relative(process.cwd(), out) || "."}/stack.json and store.json\n`);
      return 0;
    } finally {
      await store.close();
    }
  });
}

if (require.main === module) exitWith(main(process.argv.slice(2)), { prefix: "state-fixtures: ", code: 1 });
