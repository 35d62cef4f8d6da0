import * as net from "node:net";
import { BigCommerceApiError } from "../../../provider/client/errors";
import { BigCommerceClient } from "../../../provider/client/http";
import {
  didYouMean,
  isLoopback,
  resolveStoreConfig,
  setStackConfig,
  unknownConfigKeys,
} from "../../../provider/config";
import { claim } from "../../../provider/common/claims";
import { v2Lookups } from "../../../provider/common/key-lookup";
import { pastDates, storeConflicts, storeProblem } from "../../../provider/common/preflight";
import { couponKind } from "../../../provider/coupon/provider";
import { startLocalStore } from "../../../store/server";
import { checked, storeAndClient, TOKEN } from "../local-store";

const source = (values: Record<string, string>) => ({ get: (k: string) => values[k], keys: () => Object.keys(values) });

describe("configuration checked before any request", () => {
  test("an unknown bigcommerce: key is named with the key it most likely meant; other namespaces are not ours", () => {
    const problems = unknownConfigKeys(
      source({
        "bigcommerce:storehash": "x",
        "bigcommerce:access_token": "t",
        "bigcommerce:zzz": "1",
        "aws:region": "eu",
      }),
    );
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(
      /^bigcommerce:storehash is not a setting of the provider: did you mean bigcommerce:storeHash\?/,
    );
    expect(problems[1]).toContain("did you mean bigcommerce:accessToken?");
    expect(problems[2]).not.toContain("did you mean");
    expect(problems[1]).not.toContain('"t"');
    expect(didYouMean("apiurl", ["storeHash", "apiUrl"])).toBe("apiUrl");
    expect(didYouMean("apiUr", ["storeHash", "apiUrl"])).toBe("apiUrl");
  });

  test("the local store's credentials only go to a loopback URL", () => {
    expect(isLoopback("http://127.0.0.1:4567")).toBe(true);
    expect(isLoopback("http://localhost:1")).toBe(true);
    expect(isLoopback("http://[::1]:1")).toBe(true);
    expect(isLoopback("https://api.bigcommerce.com")).toBe(false);
    expect(() => resolveStoreConfig({}, source({ "bigcommerce:apiUrl": "https://api.example.com" }))).toThrow(
      /neither bigcommerce:storeHash nor bigcommerce:accessToken is set.*only used on a loopback URL/,
    );
  });
});

describe("the first read of a run", () => {
  afterEach(() => setStackConfig(undefined));

  test("nothing listening fails at once, with no retry, naming the URL and bigcommerce:apiUrl", async () => {
    // a port that was free a moment ago: nothing listens there
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const url = `http://127.0.0.1:${port}`;
    const client = new BigCommerceClient({ storeHash: "h", accessToken: TOKEN, apiUrl: url });
    const err = (await client.get("/v2/coupons/count").catch((e: unknown) => e)) as BigCommerceApiError;
    expect(err.refused).toBe(true);
    expect(err.attempts).toBe(1);
    expect(client.stats.retries).toBe(0);
    expect(err.message).toContain(`nothing answers at ${url} (ECONNREFUSED): check bigcommerce:apiUrl`);
  });

  test("a 401 names bigcommerce:accessToken and the modify scope; the token is never in the message", async () => {
    const store = await startLocalStore({ accessToken: TOKEN });
    try {
      const wrong = "wrong-Token-value-123";
      setStackConfig(
        source({ "bigcommerce:storeHash": "h", "bigcommerce:accessToken": wrong, "bigcommerce:apiUrl": store.url }),
      );
      const { problem } = await storeProblem();
      expect(problem).toMatch(/refused the first read \(401\).*check bigcommerce:accessToken.*store_v2_marketing/);
      expect(problem).not.toContain(wrong);
    } finally {
      await store.close();
    }
  });

  test("a read-only token passes the read; its write gets 403 naming store_v2_marketing", async () => {
    const store = await startLocalStore({ accessToken: TOKEN, readOnlyToken: "read-Only-token-456" });
    try {
      const client = new BigCommerceClient({ storeHash: "h", accessToken: "read-Only-token-456", apiUrl: store.url });
      await expect(client.get("/v2/coupons/count")).resolves.toEqual({ count: 0 });
      const err = (await client.post("/v2/coupons", {}).catch((e: unknown) => e)) as Error;
      expect(err.message).toMatch(/403.*Marketing modify scope \(`store_v2_marketing`\)/);
      expect(store.state.data.coupons).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

describe("new objects against the store", () => {
  test("a held code fails naming the id and both fixes; identical values warn; case does not matter", async () => {
    const { store, client } = await storeAndClient();
    try {
      const held = checked(couponKind, { name: "Held", code: "HELD", type: "per_total_discount", amount: 3 });
      const { id } = await couponKind.create(client, held);
      const same = await storeConflicts(couponKind, client, { ...held });
      expect(same.failures).toEqual([]);
      expect(same.warnings).toEqual([expect.stringContaining(`exactly the declared values (id ${id})`)]);
      const other = checked(couponKind, { name: "Other", code: "held", type: "per_total_discount", amount: 3 });
      const { failures } = await storeConflicts(couponKind, client, other);
      expect(failures.map((f) => f.property)).toEqual(["code"]);
      expect(failures[0].reason).toContain(`take it over with \`adopt: true\` (or \`adoptId: ${id}\`)`);
      expect((await storeConflicts(couponKind, client, { ...other, adopt: true })).failures).toEqual([]);
    } finally {
      await store.close();
    }
  });

  test("an object a resource of this run holds (a replacement keeping its code) is no conflict", async () => {
    const { store, client } = await storeAndClient();
    try {
      const held = checked(couponKind, { name: "Held", code: "KEPT", type: "per_total_discount", amount: 3 });
      const { id } = await couponKind.create(client, held);
      const replacement = { ...held, name: "Held again" };
      expect((await storeConflicts(couponKind, client, replacement)).failures).toHaveLength(1);
      claim(client, couponKind.name, id); // what the engine's diff of the replaced resource does
      expect(await storeConflicts(couponKind, client, replacement)).toEqual({ failures: [], warnings: [] });
    } finally {
      await store.close();
    }
  });

  test("look-ups of a run: the first is one filtered request, then one listing answers all others", async () => {
    const { store, client } = await storeAndClient();
    try {
      for (let i = 0; i < 3; i++)
        await couponKind.create(
          client,
          checked(couponKind, { name: `C${i}`, code: `C${i}`, type: "per_total_discount", amount: 1 }),
        );
      const lookUp = v2Lookups<{ id: number; code: string }>("/v2/coupons")("code");
      const before = client.stats.requests.GET ?? 0;
      const found = [];
      for (const code of ["c0", "C1", "NONE", "c2", "X", "Y"]) found.push((await lookUp(client, code)).length);
      expect(found).toEqual([1, 1, 0, 1, 0, 0]);
      expect((client.stats.requests.GET ?? 0) - before).toBe(2);
    } finally {
      await store.close();
    }
  });

  test("a past date of a new object is a warning naming it", () => {
    const inputs = { name: "Late", expires: "Fri, 31 Jan 2020 00:00:00 +0000" };
    expect(pastDates(couponKind, ["expires"], inputs, Date.parse("2021-01-01"))).toEqual([
      'Coupon "Late": expires Fri, 31 Jan 2020 00:00:00 +0000 is already past',
    ]);
    expect(pastDates(couponKind, ["expires"], inputs, Date.parse("2019-01-01"))).toEqual([]);
  });
});
