/**
 * `npm run demo`: applies the spring campaign (examples/spring-campaign) to the local store
 * with the real Pulumi engine, shows that a second preview finds nothing to do, and prints
 * what the store now holds.
 *
 * The local store runs on 127.0.0.1:4567 for the length of the demo and keeps its data in
 * `.store/data.json`; `npm run store` serves that data again afterwards. If a local store
 * already listens on that port, the demo uses it and leaves it running.
 */
import * as path from "node:path";
import { LOCAL_STORE } from "../provider/config";
import { startLocalStore, LocalStore } from "../store/server";
import { runOperation, DriverRequest } from "./driver";
import { REPO_ROOT, pulumiBin } from "./pulumi-env";

const PORT = Number(new URL(LOCAL_STORE.apiUrl).port);

function step(text: string): void {
  console.log(`\n==> ${text}`);
}

async function storeAlreadyRunning(): Promise<boolean> {
  try {
    const r = await fetch(`${LOCAL_STORE.apiUrl}/__admin/health`);
    return r.ok;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  step("Pulumi CLI");
  const bin = pulumiBin();
  console.log(`using ${path.join(bin, "pulumi")}`);

  step(`Local store on ${LOCAL_STORE.apiUrl}`);
  let store: LocalStore | undefined;
  if (await storeAlreadyRunning()) {
    console.log("a local store is already running there: using it");
  } else {
    store = await startLocalStore({ port: PORT, dataFile: path.join(REPO_ROOT, ".store", "data.json") });
    console.log("started (data in .store/data.json)");
  }

  const workDir = path.join(REPO_ROOT, "examples", "spring-campaign");
  const base: Omit<DriverRequest, "op"> = {
    workDir,
    projectName: "spring-campaign",
    stackName: "demo",
    program: path.join(REPO_ROOT, "dist", "examples", "spring-campaign", "index.js"),
    // The local store, whatever BIGCOMMERCE_* the calling shell may hold for a real store.
    env: {
      BIGCOMMERCE_API_URL: LOCAL_STORE.apiUrl,
      BIGCOMMERCE_STORE_HASH: LOCAL_STORE.storeHash,
      BIGCOMMERCE_ACCESS_TOKEN: LOCAL_STORE.accessToken,
    },
  };
  const echo = (s: string) => process.stdout.write(s);
  try {
    step("pulumi up --refresh (stack `demo` of examples/spring-campaign)");
    const up = await runOperation({ ...base, op: "up", refresh: true }, echo);
    if (!up.ok) throw new Error(up.error);

    step("pulumi preview again: nothing should change");
    const again = await runOperation({ ...base, op: "preview", expectNoChanges: true }, echo);
    if (!again.ok) throw new Error(again.error);

    step("What the local store holds");
    const res = await fetch(`${LOCAL_STORE.apiUrl}/stores/${LOCAL_STORE.storeHash}/v2/coupons`, {
      headers: { "X-Auth-Token": LOCAL_STORE.accessToken, Accept: "application/json" },
    });
    const coupons = res.status === 204 ? [] : ((await res.json()) as Array<Record<string, unknown>>);
    for (const c of coupons) {
      console.log(`  #${c.id} ${c.code}: ${c.type} ${c.amount}, min purchase ${c.min_purchase}, expires ${c.expires || "never"}`);
    }
    console.log("\nDone. `npm run store` serves this data again; `pulumi destroy` (stack demo) removes the coupons.");
  } finally {
    await store?.close();
  }
}

main().catch((e) => {
  console.error(`\ndemo failed: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
