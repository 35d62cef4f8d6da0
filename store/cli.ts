#!/usr/bin/env node
/**
 * `npm run store -- [--port 4567] [--data .store/data.json] [--quota 150] [--window-ms 30000]
 *  [--latency-ms 0] [--token T]`: runs the local store until interrupted.
 */
import { startLocalStore } from "./server";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const num = (name: string) => (arg(name) !== undefined ? Number(arg(name)) : undefined);
  const store = await startLocalStore({
    port: num("port") ?? 4567,
    dataFile: arg("data"),
    quota: num("quota"),
    windowMs: num("window-ms"),
    latencyMs: num("latency-ms"),
    accessToken: arg("token"),
  });
  console.log(`local BigCommerce store listening on ${store.url} (API under ${store.url}/stores/<hash>/v2 and /v3)`);
  const stop = () => store.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
