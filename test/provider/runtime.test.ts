/** The dynamic provider's handlers, configured as the engine does, against the local store. */
import type * as pulumi from "@pulumi/pulumi";
import { configure, handler } from "../../provider/runtime";
import { setStackConfig } from "../../provider/config";
import { bannerKind } from "../../provider/banner/provider";
import type { BannerInputs } from "../../provider/banner/schema";
import { BigCommerceClient } from "../../provider/client/http";
import { LocalStore, startLocalStore } from "../../store/server";
import { configuredStore, TOKEN as RUN_TOKEN } from "./local-store";

const TOKEN = "runtime-test-token";
const coupon = { name: "Spring 15", code: "SPRING15", type: "per_total_discount", amount: 15 };

describe("runtime handlers", () => {
  let store: LocalStore;
  beforeAll(async () => {
    store = await startLocalStore({ quota: 100_000, accessToken: TOKEN });
  });
  afterAll(() => store.close());
  beforeEach(() => {
    store.state.reset();
    const config: Record<string, string> = {
      "bigcommerce:storeHash": "runtime",
      "bigcommerce:accessToken": TOKEN,
      "bigcommerce:apiUrl": store.url,
    };
    // what the engine's configure hands over: the stack's config, read key by key
    configure({ config: { get: (key: string) => config[key] } } as unknown as pulumi.dynamic.ConfigureRequest);
  });
  afterAll(() => setStackConfig(undefined));

  const h = handler("Coupon");
  const checked = async (news: Record<string, unknown>, olds: Record<string, unknown> = {}) => {
    const { inputs, failures } = await h.check(olds, news);
    expect(failures).toEqual([]);
    return inputs as Record<string, unknown>;
  };

  test("refuses a kind it does not know", () => {
    expect(() => handler("Voucher")).toThrow("unknown BigCommerce resource kind Voucher");
  });

  test("creates in the store the configure call named, and returns its id and outputs", async () => {
    const created = await h.create({ ...(await checked(coupon)), __provider: "serialised" });
    expect(store.state.data.coupons).toHaveLength(1);
    const stored = store.state.data.coupons[0];
    expect(created.id).toBe(String(stored.id));
    // the checked (canonical) inputs: amounts as the API writes them
    expect(created.outs).toMatchObject({ ...coupon, amount: "15.0000", couponId: stored.id });
    expect(created.outs).not.toHaveProperty("__provider");
  });

  test("sends an update of an API input to the store and returns the new state", async () => {
    const created = await h.create(await checked(coupon));
    const updated = await h.update(
      created.id,
      created.outs,
      await checked({ ...coupon, name: "Spring 20" }, created.outs),
    );
    expect(store.state.data.coupons[0].name).toBe("Spring 20");
    expect(updated.outs).toMatchObject({ name: "Spring 20", couponId: Number(created.id) });
  });

  test("reads the store's values back, so that drift shows", async () => {
    const created = await h.create(await checked(coupon));
    store.state.data.coupons[0].name = "Changed in the control panel";
    const read = await h.read(created.id, created.outs);
    expect(read.id).toBe(created.id);
    expect(read.inputs).toMatchObject({ name: "Changed in the control panel", code: "SPRING15" });
    expect(read.props).toMatchObject({ name: "Changed in the control panel", couponId: Number(created.id) });
  });

  test("reads an object the store no longer has as gone (no id)", async () => {
    const created = await h.create(await checked(coupon));
    await h.delete(created.id, created.outs);
    expect(store.state.data.coupons).toHaveLength(0);
    await expect(h.read(created.id, created.outs)).resolves.toEqual({});
  });

  test("a banner in the state (shown to diff) is never taken for a new identical banner's earlier create", async () => {
    const b = handler("Banner");
    const banner = { name: "Twins", content: "<p>Twins</p>", page: "home_page", location: "top" };
    const inputs = (await b.check({}, banner)).inputs as Record<string, unknown>;
    const stranger = new BigCommerceClient({ storeHash: "runtime", accessToken: TOKEN, apiUrl: store.url });
    const held = await bannerKind.create(stranger, inputs as BannerInputs);
    await b.diff(held.id, { ...inputs, ...held.outs }, inputs);
    const created = await b.create(inputs);
    expect(created.id).not.toBe(held.id);
    expect(store.state.data.banners).toHaveLength(2);
  });

  test("follows a new configuration: a store the config no longer names is not asked", async () => {
    const other = await startLocalStore({ quota: 100_000, accessToken: TOKEN });
    try {
      const config: Record<string, string> = {
        "bigcommerce:storeHash": "runtime",
        "bigcommerce:accessToken": TOKEN,
        "bigcommerce:apiUrl": other.url,
      };
      configure({ config: { get: (key: string) => config[key] } } as unknown as pulumi.dynamic.ConfigureRequest);
      await h.create(await checked(coupon));
      expect(other.state.data.coupons).toHaveLength(1);
      expect(store.state.data.coupons).toHaveLength(0);
    } finally {
      await other.close();
    }
  });
});

describe("a run of its own (a fresh client: nothing listed or read yet)", () => {
  const run = configuredStore();

  test("bad input fails without a request; the first resource that passes makes the read", async () => {
    const h = handler("Coupon");
    const bad = await h.check({}, { ...coupon, code: "no/slashes" });
    expect(bad.failures?.map((f) => f.reason).join("\n")).toMatch(/code: may contain only letters/);
    expect(run.store().stats.total).toBe(0);
    const good = await h.check({}, coupon);
    expect(good.failures).toEqual([]);
    expect(run.store().stats.total).toBeGreaterThan(0);
  });

  test("a banner of the state whose diff comes after a new identical banner's create started is not taken either", async () => {
    const b = handler("Banner");
    const banner = { name: "Late twins", content: "<p>Late</p>", page: "home_page", location: "top" };
    const inputs = (await b.check({}, banner)).inputs as Record<string, unknown>;
    const stranger = new BigCommerceClient({ storeHash: "unit", accessToken: RUN_TOKEN, apiUrl: run.store().url });
    const held = await bannerKind.create(stranger, inputs as BannerInputs);
    // the engine registers the state's banner while the new one's create is under way
    const creating = b.create(inputs);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await b.diff(held.id, { ...inputs, ...held.outs }, inputs);
    const created = await creating;
    expect(created.id).not.toBe(held.id);
    expect(run.store().state.data.banners).toHaveLength(2);
  });
});
