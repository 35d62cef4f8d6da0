/**
 * The Banner API calls against the local store: create/read/update/delete, a banner gone from
 * the store, and a POST whose answer was lost.
 */
import { bannerKind } from "../../../provider/banner/provider";
import { createOrAdopt } from "../../../provider/common/adopt";
import { claim } from "../../../provider/common/claims";
import type { BannerInputs } from "../../../provider/banner/schema";
import { BigCommerceApiError } from "../../../provider/client/errors";
import { BigCommerceClient } from "../../../provider/client/http";
import { RateLimiter } from "../../../provider/client/ratelimit";
import { LocalStore } from "../../../store/server";
import { storeAndClient, TOKEN } from "../local-store";

const winter: BannerInputs = {
  name: "Winter sale",
  content: "<p>Winter sale</p>",
  page: "brand_page",
  location: "bottom",
  dateType: "custom",
  dateFrom: "2026-12-01T00:00:00Z",
  dateTo: "2026-12-31T23:59:59Z",
  visible: false,
  itemId: 7,
};

/** A client whose POSTs reach the store but whose answers are lost (a reset connection). */
class LosingClient extends BigCommerceClient {
  override async post<T>(path: string, body: unknown): Promise<T | undefined> {
    await super.post<T>(path, body);
    throw new BigCommerceApiError({ status: 0, method: "POST", path, ambiguous: true, detail: "connection reset" });
  }
}

describe("Banner provider against the local store", () => {
  let store: LocalStore;
  let client: BigCommerceClient;

  beforeEach(async () => {
    ({ store, client } = await storeAndClient({ limiter: new RateLimiter() }));
  });

  afterEach(async () => {
    await store.close();
  });

  it("create stores the API's strings and returns the canonical inputs with bannerId and dateCreated", async () => {
    const { id, outs } = await bannerKind.create(client, winter);
    const stored = store.state.data.banners[0];
    expect(String(stored.id)).toBe(id);
    expect(stored).toMatchObject({
      item_id: "7",
      visible: "0",
      date_from: "1796083200",
      date_to: "1798761599",
      date_type: "custom",
    });
    expect(outs).toMatchObject({ ...winter, bannerId: stored.id });
    expect(outs.dateCreated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it("read returns what the store holds as inputs, so store-side edits come back canonical", async () => {
    const { id } = await bannerKind.create(client, winter);
    store.state.data.banners[0].visible = "1";
    store.state.data.banners[0].date_type = "always";
    store.state.data.banners[0].date_from = "0";
    const found = await bannerKind.read(client, id, {});
    expect(found?.inputs).toEqual({ ...winter, visible: true, dateType: "always", dateFrom: "" });
    expect(found?.outs.bannerId).toBe(Number(id));
  });

  it("read of a banner deleted in the store reports it gone", async () => {
    const { id } = await bannerKind.create(client, winter);
    store.state.data.banners = [];
    expect(await bannerKind.read(client, id, {})).toBeUndefined();
  });

  it("update writes every field, clearing dates and item when the banner becomes an always home-page banner", async () => {
    const { id } = await bannerKind.create(client, winter);
    const home: BannerInputs = {
      ...winter,
      page: "home_page",
      itemId: 0,
      dateType: "always",
      dateFrom: "",
      dateTo: "",
      visible: true,
    };
    const outs = await bannerKind.update(client, id, {}, home);
    expect(outs).toMatchObject(home);
    expect(store.state.data.banners[0]).toMatchObject({
      page: "home_page",
      item_id: "0",
      date_type: "always",
      date_from: "0",
      date_to: "0",
      visible: "1",
    });
  });

  it("delete removes the banner, and deleting a missing banner succeeds", async () => {
    const { id } = await bannerKind.create(client, winter);
    await bannerKind.delete(client, id, {});
    expect(store.state.data.banners).toHaveLength(0);
    await expect(bannerKind.delete(client, id, {})).resolves.toBeUndefined();
  });

  it("other API errors are not taken for a missing banner", async () => {
    const { id } = await bannerKind.create(client, winter);
    const stranger = new BigCommerceClient({
      storeHash: "unit",
      accessToken: "wrong",
      apiUrl: store.url,
      limiter: new RateLimiter(),
      maxRetries: 0,
    });
    await expect(bannerKind.read(stranger, id, {})).rejects.toThrow(/401/);
    await expect(bannerKind.delete(stranger, id, {})).rejects.toThrow(/401/);
    expect(store.state.data.banners).toHaveLength(1);
  });

  describe("a POST whose answer was lost", () => {
    const losing = () =>
      new LosingClient({ storeHash: "unit", accessToken: TOKEN, apiUrl: store.url, limiter: new RateLimiter() });

    it("adopts the one banner it created, instead of creating a second", async () => {
      const { id, outs } = await createOrAdopt(bannerKind, losing(), winter, {});
      expect(store.state.data.banners).toHaveLength(1);
      expect(id).toBe(String(store.state.data.banners[0].id));
      expect(outs).toMatchObject(winter);
    });

    it("does not adopt an identical banner created long before that another resource of the run holds", async () => {
      await bannerKind.create(client, winter);
      store.state.data.banners[0].date_created = "1522169082";
      const oldId = store.state.data.banners[0].id;
      const run = losing();
      claim(run, "Banner", oldId); // in the state: the engine showed it to diff
      const { id } = await createOrAdopt(bannerKind, run, winter, {});
      expect(id).not.toBe(String(oldId));
      expect(store.state.data.banners).toHaveLength(2);
    });

    it("sends the POST again while the look-up shows it did not land, and gives up after three", async () => {
      const refusing = new (class extends BigCommerceClient {
        override async post<T>(path: string): Promise<T | undefined> {
          throw new BigCommerceApiError({
            status: 0,
            method: "POST",
            path,
            ambiguous: true,
            detail: "connection reset",
          });
        }
      })({ storeHash: "unit", accessToken: TOKEN, apiUrl: store.url, limiter: new RateLimiter() });
      await expect(createOrAdopt(bannerKind, refusing, winter, {})).rejects.toThrow(
        /lost on each of 3 attempts to create the Banner with name "Winter sale".*none was created/,
      );
      expect(store.state.data.banners).toHaveLength(0);
    });

    it("reports the failure when two identical new banners leave it ambiguous", async () => {
      // someone else makes an identical banner while this POST is on its way
      const racing = new (class extends LosingClient {
        override async post<T>(path: string, body: unknown): Promise<T | undefined> {
          await bannerKind.create(client, winter);
          return super.post<T>(path, body);
        }
      })({ storeHash: "unit", accessToken: TOKEN, apiUrl: store.url, limiter: new RateLimiter() });
      await expect(createOrAdopt(bannerKind, racing, winter, {})).rejects.toThrow(
        /connection reset.*2 objects of kind Banner .*none was adopted/,
      );
    });
  });
});
