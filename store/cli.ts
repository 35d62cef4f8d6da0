#!/usr/bin/env node
/**
 * `bigcommerce-store [--port 4567] [--data .store/data.json] [--quota 150] [--window-ms 30000]
 *  [--latency-ms 0] [--token T] [--read-only-token T] [--fault-* ...]`: runs the local store until interrupted.
 * `--help` lists every flag; the fault flags are store/faults.ts's options
 * (`PUT /__admin/faults` changes them while it runs).
 */
import { command, exitWith, parseCommandLine, runCommand, UsageError } from "../tools/cli";
import { FaultOptions, validateFaults } from "./faults";
import { LocalStoreOptions, startLocalStore } from "./server";

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

export const STORE_COMMAND = command({
  name: "store",
  usage: [
    "bigcommerce-store [--port N] [--data FILE] [--quota N] [--window-ms N] [--latency-ms N] [--token T] [--read-only-token T] [--fault-* ...]",
  ],
  description:
    "Runs the local BigCommerce store (the v2 coupons, banners and gift certificates APIs and the v3 promotions API, with the store's rate limits) on 127.0.0.1 until interrupted. The --fault-* flags make it fail the way a real API does, reproducibly.",
  options: {
    port: {
      type: "number",
      integer: true,
      min: 0,
      value: "N",
      default: 4567,
      description: "port on 127.0.0.1; 0 for any free port",
    },
    data: { type: "string", value: "FILE", description: "keep the data in this JSON file (default: in memory only)" },
    quota: {
      type: "number",
      integer: true,
      min: 1,
      value: "N",
      defaultText: "150",
      description: "API requests per quota window",
    },
    "window-ms": {
      type: "number",
      integer: true,
      min: 1,
      value: "N",
      defaultText: "30000",
      description: "length of the quota window, in ms",
    },
    "latency-ms": {
      type: "number",
      integer: true,
      min: 0,
      value: "N",
      defaultText: "0",
      description: "delay of every API answer, in ms",
    },
    token: { type: "string", value: "T", defaultText: "any token", description: "the only access token accepted" },
    "read-only-token": {
      type: "string",
      value: "T",
      defaultText: "none",
      description: "a token whose reads are answered and whose writes get 403 (read-only scope)",
    },
    "fault-seed": { type: "number", value: "N", defaultText: "1", description: "seed of every random fault" },
    "fault-error-rate": {
      type: "number",
      value: "F",
      description: "fraction (0..1) of requests answered 500/502/503, not carried out",
    },
    "fault-drop-rate": {
      type: "number",
      value: "F",
      description: "fraction of connections destroyed before any answer",
    },
    "fault-lost-response-rate": {
      type: "number",
      value: "F",
      description: "fraction of writes carried out whose answer is then lost",
    },
    "fault-slow-rate": { type: "number", value: "F", description: "fraction of answers delayed by --fault-slow-ms" },
    "fault-slow-ms": {
      type: "number",
      value: "N",
      defaultText: "2000",
      description: "the delay of a slow answer, in ms",
    },
    "fault-others-share": {
      type: "number",
      value: "F",
      description: "share of every quota window spent by other apps",
    },
    "fault-storm-ms": { type: "number", value: "N", description: "every request answered 429 for N ms ..." },
    "fault-storm-after": { type: "number", value: "N", defaultText: "0", description: "... starting after N requests" },
  },
  exitCodes: [
    [0, "stopped by SIGINT or SIGTERM"],
    [1, "the store could not start (the port is taken, the data file is unreadable)"],
    [2, "bad arguments"],
  ],
  examples: [
    "bigcommerce-store --port 4567 --data .store/data.json",
    "bigcommerce-store --fault-error-rate 0.05 --fault-drop-rate 0.02 --fault-seed 7",
  ],
  unknownOption: (token) => `unknown flag ${token}`,
});

type Parsed = ReturnType<typeof parseCommandLine<typeof STORE_COMMAND.options>>;

/** The store's options of a parsed command line; throws a `UsageError` naming a bad fault flag. */
function storeOptions({ values: v }: Parsed): LocalStoreOptions & { faults: FaultOptions } {
  const raw: Record<string, number> = {};
  for (const [flag, key] of Object.entries(FAULT_FLAGS)) {
    const n = v[flag as keyof typeof v];
    if (typeof n === "number") raw[key] = n;
  }
  let faults: FaultOptions;
  try {
    faults = validateFaults(raw);
  } catch (e) {
    // name the flag rather than the option
    const msg = (e as Error).message;
    const key = msg.split(":")[0];
    const flag = Object.entries(FAULT_FLAGS).find(([, k]) => k === key)?.[0];
    throw new UsageError(flag ? `--${flag}${msg.slice(key.length)}` : msg);
  }
  return {
    port: v.port,
    dataFile: v.data,
    quota: v.quota,
    windowMs: v["window-ms"],
    latencyMs: v["latency-ms"],
    accessToken: v.token,
    readOnlyToken: v["read-only-token"],
    faults,
  };
}

/**
 * Parses the command line: the flags as given (`values`, by flag name), the fault options and
 * the store's options; throws naming an unknown flag or a bad value.
 */
export function parseArgs(argv: string[]): {
  values: Record<string, string>;
  faults: FaultOptions;
  options: LocalStoreOptions;
} {
  const parsed = parseCommandLine(STORE_COMMAND, argv);
  const options = storeOptions(parsed);
  return { values: parsed.given as Record<string, string>, faults: options.faults, options };
}

/** Starts the store; resolves with an exit code only when it does not start (help, bad arguments). */
export function main(argv: string[]): Promise<number | void> {
  return runCommand(STORE_COMMAND, argv, async (parsed) => {
    const options = storeOptions(parsed);
    const store = await startLocalStore(options);
    console.log(`local BigCommerce store listening on ${store.url} (API under ${store.url}/stores/<hash>/v2 and /v3)`);
    if (Object.keys(options.faults).length) console.log(`injecting faults: ${JSON.stringify(options.faults)}`);
    const stop = () => void store.close().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

if (require.main === module) exitWith(main(process.argv.slice(2)), { prefix: "", code: 1 });
