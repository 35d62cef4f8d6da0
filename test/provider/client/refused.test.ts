/**
 * Refused connections (nothing listens at the store's address). Before the store has answered
 * once in this process, a refusal fails at once: the address is wrong or the store is down.
 * After that, the store is restarting: a refused request was never carried out, so it is sent
 * again, a POST too, for a bounded time.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BigCommerceApiError } from "../../../provider/client/errors";
import { BigCommerceClient } from "../../../provider/client/http";
import { RateLimiter } from "../../../provider/client/ratelimit";
import { startLocalStore } from "../../../store/server";

const TOKEN = "refused-test-token";

/** A port nothing listens on (a store started and closed again). */
async function freePort(): Promise<number> {
  const s = await startLocalStore({ accessToken: TOKEN });
  await s.close();
  return s.port;
}

/** A moment for closed connections to reach the client. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

const clientOf = (port: number, more: Partial<ConstructorParameters<typeof BigCommerceClient>[0]> = {}) =>
  new BigCommerceClient({
    storeHash: "refused",
    accessToken: TOKEN,
    apiUrl: `http://127.0.0.1:${port}`,
    limiter: new RateLimiter(),
    backoffMs: 50,
    ...more,
  });

test("a store that never answered: the first refusal fails at once, naming the address and bigcommerce:apiUrl", async () => {
  const port = await freePort();
  const e = (await clientOf(port)
    .get("/v2/coupons")
    .catch((x: unknown) => x)) as BigCommerceApiError;
  expect(e).toBeInstanceOf(BigCommerceApiError);
  expect(e.attempts).toBe(1);
  expect(e.ambiguous).toBe(false);
  expect(e.message).toMatch(
    new RegExp(
      `nothing answers at http://127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\): check bigcommerce:apiUrl.*nothing was changed`,
    ),
  );
});

test("a store that answered and restarts: a POST refused meanwhile is sent again and lands once", async () => {
  const dataFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "refused-")), "data.json");
  let store = await startLocalStore({ accessToken: TOKEN, dataFile });
  const client = clientOf(store.port);
  await client.get("/v2/coupons"); // it has answered once
  await store.close();
  await settle(); // the client sees its kept-alive connection closed
  const port = store.port;
  const restarted = new Promise<void>((resolve) =>
    setTimeout(() => {
      void startLocalStore({ accessToken: TOKEN, dataFile, port }).then((s) => {
        store = s;
        resolve();
      });
    }, 400),
  );
  const created = await client.post<{ id: number }>("/v2/coupons", {
    name: "Back",
    code: "BACK",
    type: "per_total_discount",
    amount: "5",
    applies_to: { entity: "categories", ids: [0] },
  });
  await restarted;
  expect(created?.id).toBe(1);
  expect(store.state.data.coupons).toHaveLength(1);
  expect(client.stats.requests.POST).toBeGreaterThan(1);
  await store.close();
});

test("the restart is waited for a bounded time only: then the error says nothing was changed", async () => {
  const store = await startLocalStore({ accessToken: TOKEN });
  const client = clientOf(store.port, { refusedRetryMs: 200 });
  await client.get("/v2/coupons");
  await store.close();
  await settle();
  await expect(client.post("/v2/coupons", { name: "x" })).rejects.toThrow(
    /POST \/v2\/coupons: gave up after \d+ attempts .*ECONNREFUSED.*nothing was changed/,
  );
});
