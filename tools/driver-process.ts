/**
 * Runs one driver operation (tools/driver.ts) in a process of its own, as the tests and the
 * benchmark do: `node dist/tools/driver.js <request JSON>`, the result read back from the line
 * after RESULT_MARKER.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { RESULT_MARKER, type DriverRequest, type DriverResult } from "./driver";
import { REPO_ROOT } from "./pulumi-env";

const DRIVER = path.join(REPO_ROOT, "dist", "tools", "driver.js");

/** The operation's result; the driver process's own stderr is added to the result's. */
export function runDriverProcess(req: DriverRequest): Promise<DriverResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DRIVER, JSON.stringify(req)], { cwd: REPO_ROOT, env: process.env });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", () => {
      const i = out.lastIndexOf(RESULT_MARKER);
      if (i < 0) return reject(new Error(`driver printed no result\n${out.slice(-4000)}\n${err.slice(-4000)}`));
      const result = JSON.parse(out.slice(i + RESULT_MARKER.length)) as DriverResult;
      result.stderr += err;
      resolve(result);
    });
  });
}
