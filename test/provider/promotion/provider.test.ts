/**
 * The Promotion kind's API calls against the local store's v3 promotions emulator: create,
 * read (refresh), update and delete, including a delete of a promotion that still has codes.
 */
import * as pulumi from "@pulumi/pulumi";
import { BigCommerceApiError } from "../../../provider/client/errors";
import { BigCommerceClient } from "../../../provider/client/http";
import { diffInputs } from "../../../provider/common/kind";
import { compact } from "../../../provider/common/values";
import { listCodes } from "../../../provider/common/promotion-codes";
import { promotionKind } from "../../../provider/promotion/provider";
import { LocalStore } from "../../../store/server";
import { checked as checkedInputs, storeAndClient } from "../local-store";

type Props = Record<string, unknown>;

const rule = {
  action: { cartValue: { discount: { percentageAmount: 10 } } },
  condition: { cart: { minimumSpend: "25.00" } },
};
const automatic: Props = { redemptionType: "AUTOMATIC", name: "Ten off", rules: [rule] };
const coupon: Props = { redemptionType: "COUPON", name: "Coupon ten", rules: [rule] };

const checked = (news: Props) => checkedInputs(promotionKind, news);

describe("Promotion against the local store", () => {
  let store: LocalStore;
  let client: BigCommerceClient;

  beforeEach(async () => {
    ({ store, client } = await storeAndClient({ maxRetries: 0 }));
  });

  afterEach(async () => {
    await store.close();
  });

  async function create(news: Props): Promise<{ id: string; state: Props }> {
    const inputs = checked(news);
    const { id, outs } = await promotionKind.create(client, inputs);
    return { id, state: compact({ ...inputs, ...outs }) };
  }

  async function refresh(id: string, state: Props): Promise<{ inputs: Props; state: Props } | undefined> {
    const found = await promotionKind.read(client, id, state);
    if (!found) return undefined;
    return { inputs: compact(found.inputs), state: compact({ ...found.inputs, ...found.outs }) };
  }

  it("creates an automatic promotion; the store's defaults are no change and a refresh reads the same", async () => {
    const { id, state } = await create(automatic);
    expect(state.promotionId).toBe(Number(id));
    expect(state.currentUses).toBe(0);
    expect(state.status).toBe("ENABLED");
    expect(typeof state.startDate).toBe("string");
    expect(diffInputs(promotionKind, state, checked(automatic)).changes).toBe(false);
    const read = await refresh(id, state);
    expect(read?.state).toEqual(state);
    expect(diffInputs(promotionKind, read!.state, checked(automatic)).changes).toBe(false);
  });

  it("creates a coupon promotion with nested matchers and reads it back unchanged", async () => {
    const declared = {
      ...coupon,
      canBeUsedWithOtherPromotions: false,
      couponOverridesOtherPromotions: true,
      rules: [
        {
          action: {
            cartItems: {
              discount: { fixedAmount: 5 },
              items: { or: [{ brands: [2, 1] }, { and: [{ categories: [3] }, { not: { products: [9] } }] }] },
            },
          },
          condition: { cart: { items: { categories: [3] }, minimumQuantity: 2 } },
        },
      ],
      endDate: "2030-01-01",
    };
    const { id, state } = await create(declared);
    expect(state.couponType).toBe("SINGLE");
    const read = await refresh(id, state);
    expect(diffInputs(promotionKind, read!.state, checked(declared)).changes).toBe(false);
    expect(read!.inputs.rules).toEqual(checked(declared).rules);
  });

  it("records the properties left to the store as setByStore", async () => {
    const { state } = await create(automatic);
    expect(state.setByStore).toEqual(
      expect.arrayContaining(["displayName", "startDate", "currencyCode", "couponType", "maxUses"]),
    );
    expect(state).not.toHaveProperty("leftToStore");
  });

  it("reads and diffs state written under the old name leftToStore as before, and writes only setByStore", async () => {
    const { id, state } = await create(automatic);
    const { setByStore, ...rest } = state;
    const old = { ...rest, leftToStore: setByStore };
    const read = await refresh(id, old);
    // the store's choices stay out of the inputs, as with the new name
    for (const key of setByStore as string[]) expect(read?.inputs).not.toHaveProperty(key);
    expect(read?.state.setByStore).toEqual(setByStore);
    expect(read?.state).not.toHaveProperty("leftToStore");
    expect(read?.state).toEqual(state);
    expect(diffInputs(promotionKind, old, checked(automatic)).changes).toBe(false);
    expect(diffInputs(promotionKind, read!.state, checked(automatic)).changes).toBe(false);
  });

  it("refresh of a deleted promotion says it is gone", async () => {
    const { id, state } = await create(automatic);
    await client.delete(`/v3/promotions/${id}`);
    expect(await refresh(id, state)).toBeUndefined();
  });

  it("updates with PUT, clears a removed end date, and a refresh shows the new values", async () => {
    const { id, state } = await create({ ...automatic, endDate: "2030-01-01" });
    const news = checked({
      ...automatic,
      name: "Eleven off",
      status: "DISABLED",
      rules: [{ ...rule, applyOnce: false }],
    });
    expect(diffInputs(promotionKind, state, news).replaces).toEqual([]);
    const outs = compact({ ...news, ...(await promotionKind.update(client, id, state, news)) });
    expect(outs.name).toBe("Eleven off");
    expect(outs.status).toBe("DISABLED");
    expect(outs.endDate).toBeUndefined();
    const read = await refresh(id, outs);
    expect(diffInputs(promotionKind, read!.state, news).changes).toBe(false);
  });

  it("deletes a promotion and is content when it is already gone", async () => {
    const { id, state } = await create(automatic);
    await promotionKind.delete(client, id, state);
    expect(await refresh(id, state)).toBeUndefined();
    await expect(promotionKind.delete(client, id, state)).resolves.toBeUndefined();
  });

  it("deletes the codes of a coupon promotion the store refuses to delete, across pages and in batches of at most 50, then the promotion", async () => {
    const { id, state } = await create({ ...coupon, couponType: "BULK" });
    for (const size of [250, 250, 10]) {
      await client.post(`/v3/promotions/${id}/codegen`, { batch_size: size });
    }
    expect((await listCodes(client, id)).length).toBe(510);
    // the API refuses to delete a promotion that still has codes
    await expect(client.delete(`/v3/promotions/${id}`)).rejects.toThrow();
    const deletesBefore = client.stats.requests.DELETE ?? 0;
    const logged = jest.spyOn(pulumi.log, "info").mockImplementation(() => Promise.resolve());
    try {
      await promotionKind.delete(client, id, state);
      expect(logged).toHaveBeenCalledWith(expect.stringMatching(/deleted 510 coupon codes of promotion/));
    } finally {
      logged.mockRestore();
    }
    // the promotion (refused), 11 batches of codes (10 x 50 + 10), then the promotion
    expect((client.stats.requests.DELETE ?? 0) - deletesBefore).toBe(13);
    expect(await refresh(id, state)).toBeUndefined();
  });

  it("deletes the codes of a single-code coupon promotion", async () => {
    const { id, state } = await create(coupon);
    await client.post(`/v3/promotions/${id}/codes`, { code: "TEN-OFF" });
    const logged = jest.spyOn(pulumi.log, "info").mockImplementation(() => Promise.resolve());
    try {
      await promotionKind.delete(client, id, state);
      expect(logged).toHaveBeenCalledWith(expect.stringMatching(/deleted 1 coupon code of promotion/));
    } finally {
      logged.mockRestore();
    }
    expect(await refresh(id, state)).toBeUndefined();
  });

  it("a coupon promotion whose codes are gone already (deleted as their own resources) costs its read and one DELETE, no listing of codes", async () => {
    const { id, state } = await create(coupon);
    const before = { ...client.stats.requests };
    await promotionKind.delete(client, id, state);
    expect((client.stats.requests.DELETE ?? 0) - (before.DELETE ?? 0)).toBe(1);
    expect((client.stats.requests.GET ?? 0) - (before.GET ?? 0)).toBe(1);
    expect(store.state.data.promotions).toHaveLength(0);
  });

  it("a store refusal (422) reaches the user with the failing field's path", async () => {
    // check refuses this; bypass it to see the store's own answer come through the client
    const inputs = { ...checked(automatic), customer: { groupIds: [1], excludedGroupIds: [2], minimumOrderCount: 0 } };
    const err = await promotionKind.create(client, inputs).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BigCommerceApiError);
    expect((err as BigCommerceApiError).status).toBe(422);
    expect(Object.keys((err as BigCommerceApiError).fieldErrors)).toContain("customer.excluded_group_ids");
  });

  it("an update that removes optional values clears them in the store, and the diff settles", async () => {
    const full = {
      ...coupon,
      canBeUsedWithOtherPromotions: false,
      couponOverridesOtherPromotions: true,
      maxUses: 5,
      customer: { groupIds: [1], segments: { id: ["seg-1"] } },
      schedule: { weekFrequency: 1, weekDays: ["Monday"], dailyStartTime: "08:00:00", dailyEndTime: "20:00:00" },
      shippingAddress: { countries: [{ iso2CountryCode: "US" }] },
      endDate: "2030-01-01",
    };
    const { id, state } = await create(full);
    const news = checked(coupon);
    const d = diffInputs(promotionKind, state, news);
    expect(d.changes).toBe(true);
    expect(d.replaces).toEqual([]);
    const outs = compact({ ...news, ...(await promotionKind.update(client, id, state, news)) });
    const read = await refresh(id, outs);
    for (const k of ["maxUses", "schedule", "shippingAddress", "endDate"]) expect(read!.state[k]).toBeUndefined();
    expect(read!.state.couponOverridesOtherPromotions).toBe(false);
    expect(read!.state.customer).toEqual({ groupIds: [], excludedGroupIds: [], minimumOrderCount: 0 });
    expect(diffInputs(promotionKind, read!.state, news).changes).toBe(false);
  });
});
