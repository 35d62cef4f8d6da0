#!/usr/bin/env node
/**
 * `npm run store -- [--port 4567] [--data .store/data.json] [--quota 150] [--window-ms 30000]
 *  [--latency-ms 0] [--token T] [--fault-* ...]`: runs the local store until interrupted.
 *
 * Fault flags (see store/faults.ts; `PUT /__admin/faults` changes them while it runs):
 *   --fault-seed N               seed of every random fault (default 1)
 *   --fault-error-rate F         fraction of requests answered 500/502/503, not carried out
 *   --fault-drop-rate F          fraction of connections destroyed before any answer
 *   --fault-lost-response-rate F fraction of writes carried out whose answer is then lost
 *   --fault-slow-rate F          fraction of answers delayed by --fault-slow-ms (default 2000)
 *   --fault-others-share F       share of every quota window spent by other apps
 *   --fault-storm-ms N           every request answered 429 for N ms ...
 *   --fault-storm-after N        ... starting after N requests (default 0)
 */
import { FaultOptions, validateFaults } from "./faults";
import { startLocalStore } from "./server";

const FAULT_FLAGS: Record<string, keyof FaultOptions> = {
  "fault-seed": "seed",
  "fault-error-rate": "errorRate",
  "fault-drop-rate": "dropRate",
  "fault-lost-response-rate": "lostResponseRate",
  "fault-slow-rate": "slowRate",
  "fault-slow-ms": "slowMs",
  "fault-others-share": "othersShare",
  "fault-storm-ms": "stormMs",
  "fault-storm-after": "stormAfterRequests",
};
const OTHER_FLAGS = ["port", "data", "quota", "window-ms", "latency-ms", "token"];

/** Parses the command line; throws naming an unknown flag or a bad value. */
export function parseArgs(argv: string[]): { values: Record<string, string>; faults: FaultOptions } {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    if (!flag.startsWith("--")) throw new Error(`unexpected argument ${JSON.stringify(flag)}`);
    const name = flag.slice(2);
    if (!OTHER_FLAGS.includes(name) && !(name in FAULT_FLAGS)) {
      throw new Error(
        `unknown flag ${flag} (known: ${[...OTHER_FLAGS, ...Object.keys(FAULT_FLAGS)].map((f) => `--${f}`).join(", ")})`,
      );
    }
    if (argv[i + 1] === undefined) throw new Error(`${flag} needs a value`);
    values[name] = argv[i + 1];
  }
  const raw: Record<string, number> = {};
  for (const [flag, key] of Object.entries(FAULT_FLAGS)) {
    if (values[flag] === undefined) continue;
    const n = Number(values[flag]);
    if (values[flag].trim() === "" || !Number.isFinite(n))
      throw new Error(`--${flag}: must be a number (got ${JSON.stringify(values[flag])})`);
    raw[key] = n;
  }
  try {
    return { values, faults: validateFaults(raw) };
  } catch (e) {
    // name the flag rather than the option
    const msg = (e as Error).message;
    const key = msg.split(":")[0];
    const flag = Object.entries(FAULT_FLAGS).find(([, k]) => k === key)?.[0];
    throw new Error(flag ? `--${flag}${msg.slice(key.length)}` : msg);
  }
}

async function main(): Promise<void> {
  const { values, faults } = parseArgs(process.argv.slice(2));
  const num = (name: string) => (values[name] !== undefined ? Number(values[name]) : undefined);
  const store = await startLocalStore({
    port: num("port") ?? 4567,
    dataFile: values.data,
    quota: num("quota"),
    windowMs: num("window-ms"),
    latencyMs: num("latency-ms"),
    accessToken: values.token,
    faults,
  });
  console.log(`local BigCommerce store listening on ${store.url} (API under ${store.url}/stores/<hash>/v2 and /v3)`);
  if (Object.keys(faults).length) console.log(`injecting faults: ${JSON.stringify(faults)}`);
  const stop = () => store.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
