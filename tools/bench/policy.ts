#!/usr/bin/env node
/**
 * `node dist/tools/bench/policy.js [--n 100] [--repeat 3]` (after `npm run build`)
 *
 * The time the policy pack (policy/) adds to a preview: N mixed objects (`tools/programs/mixed.ts`)
 * previewed without and with `--policy-pack policy`, alternating, K times each, first as a plan of
 * N creates (an empty stack), then as a no-change preview after `up`. Prints the median wall time
 * of each and the difference. The local store answers at once and without a quota: the figures are
 * the engine's and the pack's, not the store's.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startLocalStore } from "../../store/server";
import { command, exitWith, runCommand } from "../cli";
import type { DriverRequest } from "../driver";
import { runDriverProcess } from "../driver-process";
import { REPO_ROOT } from "../pulumi-env";

export const POLICY_BENCH_COMMAND = command({
  name: "bench-policy",
  usage: ["node dist/tools/bench/policy.js [--n 100] [--repeat 3]"],
  description:
    "Measures the time the policy pack adds to a preview of N mixed objects: a plan of N creates, then a no-change preview after up, each without and with the pack, alternating; prints the medians and the difference.",
  options: {
    n: { type: "number", integer: true, min: 1, default: 100, description: "how many objects" },
    repeat: { type: "number", integer: true, min: 1, default: 3, description: "previews of each variant" },
  },
  exitCodes: [
    [0, "every preview succeeded"],
    [1, "a preview failed"],
    [2, "bad arguments"],
  ],
  examples: ["node dist/tools/bench/policy.js --n 100 --repeat 5"],
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function main(argv: string[]): Promise<number> {
  return runCommand(POLICY_BENCH_COMMAND, argv, async ({ values }) => {
    const { n, repeat } = values;
    const token = `bench-policy-${process.pid}`;
    const store = await startLocalStore({ accessToken: token, quota: 1_000_000 });
    const workDir = path.join(REPO_ROOT, ".tmp", "ws", "bench-policy");
    fs.mkdirSync(workDir, { recursive: true });
    const base: Omit<DriverRequest, "op"> = {
      workDir,
      projectName: "bench-policy",
      stackName: `bench-policy-${process.pid}`,
      program: path.join(REPO_ROOT, "dist", "tools", "programs", "mixed.js"),
      programArgs: { n, prefix: "pol" },
      config: { "bigcommerce:apiUrl": store.url, "bigcommerce:storeHash": "bench" },
      secretConfig: { "bigcommerce:accessToken": token },
    };
    const pack = path.join(REPO_ROOT, "policy");
    /** Median wall time of `repeat` previews without and with the pack, alternating. */
    const measure = async (expectNoChanges: boolean) => {
      const times: Record<"without" | "with", number[]> = { without: [], with: [] };
      for (let i = 0; i < repeat; i++) {
        for (const variant of ["without", "with"] as const) {
          const started = Date.now();
          const r = await runDriverProcess({
            ...base,
            op: "preview",
            expectNoChanges,
            policyPacks: variant === "with" ? [pack] : undefined,
          });
          if (!r.ok) throw new Error(`preview ${variant} the pack failed: ${r.error ?? ""}`);
          times[variant].push(Date.now() - started);
        }
      }
      return { without: median(times.without), with: median(times.with), times };
    };
    try {
      console.log(
        `preview of ${n} objects | without the pack (ms) | with it (ms) | added (ms) | each run without / with`,
      );
      console.log("---|---|---|---|---");
      const row = (what: string, t: Awaited<ReturnType<typeof measure>>) =>
        console.log(
          `${what} | ${t.without} | ${t.with} | ${t.with - t.without} | ${t.times.without.join(" ")} / ${t.times.with.join(" ")}`,
        );
      row(`${n} creates`, await measure(false));
      const up = await runDriverProcess({ ...base, op: "up" });
      if (!up.ok) throw new Error(`up failed: ${up.error ?? ""}`);
      row("no change", await measure(true));
      console.log(`(median of ${repeat} each, alternating; node ${process.version})`);
      return 0;
    } finally {
      await runDriverProcess({ ...base, op: "destroy" }).catch(() => undefined);
      await store.close();
    }
  });
}

if (require.main === module) exitWith(main(process.argv.slice(2)), { prefix: "bench-policy: ", code: 1 });
