/**
 * The GiftCertificate kind's API calls against the local store: what create, read, update and
 * delete send and keep, with customers spending and the store expiring in between.
 */
import { BigCommerceApiError } from "../../../provider/client/errors";
import { BigCommerceClient } from "../../../provider/client/http";
import { diffInputs } from "../../../provider/common/kind";
import { compact } from "../../../provider/common/values";
import { giftCertificateKind } from "../../../provider/gift-certificate/provider";
import { LocalStore } from "../../../store/server";
import { checked as checkedInputs, storeAndClient } from "../local-store";

type Props = Record<string, unknown>;

const minimal: Props = {
  toName: "Alyss",
  toEmail: "alyss@example.com",
  fromName: "Noland",
  fromEmail: "noland@example.com",
  amount: 50,
};

const checked = (news: Props) => checkedInputs(giftCertificateKind, news);

describe("GiftCertificate against the local store", () => {
  let store: LocalStore;
  let client: BigCommerceClient;

  beforeEach(async () => {
    ({ store, client } = await storeAndClient({ maxRetries: 0 }));
  });

  afterEach(async () => {
    await store.close();
  });

  const stored = (id: string) => store.state.data.gift_certificates.find((g) => String(g.id) === id) as Props;
  const spend = (id: string, balance: string) => Object.assign(stored(id), { balance });

  /** Runs create as the runtime does and returns the id and the state's outputs. */
  async function create(news: Props): Promise<{ id: string; state: Props }> {
    const inputs = checked(news);
    const { id, outs } = await giftCertificateKind.create(client, inputs);
    return { id, state: compact({ ...inputs, ...outs }) };
  }

  async function refresh(id: string, state: Props): Promise<{ inputs: Props; state: Props }> {
    const found = await giftCertificateKind.read(client, id, state);
    if (!found) throw new Error("gone");
    return { inputs: compact(found.inputs), state: compact({ ...found.inputs, ...found.outs }) };
  }

  async function update(id: string, olds: Props, news: Props): Promise<Props> {
    const inputs = checked(news);
    return compact({ ...inputs, ...(await giftCertificateKind.update(client, id, olds, inputs)) });
  }

  it("create sends RFC 2822 dates and records the store's values, the generated code and what the store filled in", async () => {
    const { id, state } = await create({ ...minimal, expiryDate: "2030-12-31" });
    const g = stored(id);
    expect(g.expiry_date).toBe(String(Date.parse("2030-12-31T00:00:00Z") / 1000));
    expect(state).toMatchObject({
      giftCertificateId: Number(id),
      orderId: 0,
      amount: "50.0000",
      balance: "50.0000",
      status: "active",
      declaredStatus: "active",
      code: g.code,
      expiryDate: "Tue, 31 Dec 2030 00:00:00 +0000",
      currencyCode: "USD",
      setByStore: ["code", "purchaseDate", "currencyCode"],
    });
    expect(state).not.toHaveProperty("declaredBalance");
    expect(state.code).toMatch(/^[0-9A-F]{20}$/);
  });

  it("read returns inputs equal to the checked program, so a refresh of an untouched certificate changes nothing", async () => {
    const news = { ...minimal, balance: 40, message: "Enjoy" };
    const { id, state } = await create(news);
    const { inputs, state: refreshed } = await refresh(id, state);
    expect(inputs).toEqual(checked(news));
    expect(diffInputs(giftCertificateKind, refreshed, checked(news)).changes).toBe(false);
  });

  it("customers spending and the store expiring are read as outputs but never as changes", async () => {
    const news = { ...minimal, balance: 50 };
    const { id, state } = await create(news);
    spend(id, "30.0000");
    stored(id).status = "expired";
    const { inputs, state: refreshed } = await refresh(id, state);
    expect(refreshed).toMatchObject({
      balance: "30.0000",
      status: "expired",
      declaredBalance: "50.0000",
      declaredStatus: "active",
    });
    expect(inputs).toMatchObject({ balance: "50.0000", status: "active" });
    expect(diffInputs(giftCertificateKind, refreshed, checked(news)).changes).toBe(false);
  });

  it("an update of another property leaves the spent balance and the expired status as the store has them", async () => {
    const news = { ...minimal, balance: 50 };
    const { id, state } = await create(news);
    spend(id, "30.0000");
    stored(id).status = "expired";
    const { state: refreshed } = await refresh(id, state);
    const after = await update(id, refreshed, { ...news, message: "Still yours" });
    expect(stored(id)).toMatchObject({ message: "Still yours", balance: "30.0000", status: "expired" });
    expect(after).toMatchObject({
      balance: "30.0000",
      declaredBalance: "50.0000",
      status: "expired",
      declaredStatus: "active",
    });
  });

  it("a changed declared balance is applied, and then recorded as the new declaration", async () => {
    const { id, state } = await create({ ...minimal, balance: 50 });
    spend(id, "10.0000");
    const { state: refreshed } = await refresh(id, state);
    const after = await update(id, refreshed, { ...minimal, balance: 45 });
    expect(stored(id).balance).toBe("45.0000");
    expect(after).toMatchObject({ balance: "45.0000", declaredBalance: "45.0000" });
  });

  it("a status set in the store other than expired is drift, and update puts the declared one back", async () => {
    const { id, state } = await create(minimal);
    stored(id).status = "disabled";
    const { inputs, state: refreshed } = await refresh(id, state);
    expect(inputs.status).toBe("disabled");
    expect(diffInputs(giftCertificateKind, refreshed, checked(minimal)).changes).toBe(true);
    await update(id, refreshed, minimal);
    expect(stored(id).status).toBe("active");
  });

  it("a generated code stays out of the inputs read back, and update never sends one", async () => {
    const { id, state } = await create(minimal);
    const code = stored(id).code;
    const { inputs, state: refreshed } = await refresh(id, state);
    expect(inputs).not.toHaveProperty("code");
    expect(refreshed.code).toBe(code);
    await update(id, refreshed, { ...minimal, message: "new" });
    expect(stored(id).code).toBe(code);
  });

  it("an expiry removed from the program is cleared in the store", async () => {
    const { id, state } = await create({ ...minimal, expiryDate: "2030-01-01" });
    const after = await update(id, state, minimal);
    expect(stored(id).expiry_date).toBe("0");
    expect(after.expiryDate).toBe("");
  });

  it("delete refuses a partly spent certificate with a clear error, and leaves it in the store", async () => {
    const { id, state } = await create(minimal);
    spend(id, "30.0000");
    await expect(giftCertificateKind.delete(client, id, state)).rejects.toThrow(
      /refusing to delete gift certificate \d+: customers have spent from it \(balance 30\.0000 of 50\.0000 USD\).*allowDeleteWhenSpent: true/,
    );
    expect(stored(id)).toBeDefined();
  });

  it("delete judges the store's balance now, not the one in state", async () => {
    const { id, state } = await create(minimal);
    spend(id, "49.9900");
    await expect(giftCertificateKind.delete(client, id, { ...state, balance: "50.0000" })).rejects.toThrow(/spent/);
  });

  it("delete removes a spent certificate when allowDeleteWhenSpent is set, and an unspent one anyway", async () => {
    const spent = await create({ ...minimal, allowDeleteWhenSpent: true });
    spend(spent.id, "0.0000");
    await giftCertificateKind.delete(client, spent.id, spent.state);
    expect(stored(spent.id)).toBeUndefined();
    const fresh = await create(minimal);
    await giftCertificateKind.delete(client, fresh.id, fresh.state);
    expect(stored(fresh.id)).toBeUndefined();
  });

  it("read and delete of a certificate already gone are quiet", async () => {
    const { id, state } = await create(minimal);
    store.state.data.gift_certificates = [];
    await expect(giftCertificateKind.read(client, id, state)).resolves.toBeUndefined();
    await expect(giftCertificateKind.delete(client, id, state)).resolves.toBeUndefined();
  });

  it("an API error never quotes the declared code, even when the API's message does", async () => {
    const code = "GIFT-DUPLICATE-01";
    const echoing = {
      post: async () => {
        throw new BigCommerceApiError({
          status: 409,
          method: "POST",
          path: "/v2/gift_certificates",
          apiMessages: [`The code ${code} is taken.`],
        });
      },
    } as unknown as BigCommerceClient;
    const err = await giftCertificateKind.create(echoing, checked({ ...minimal, code })).catch((e: Error) => e);
    expect(err).toBeInstanceOf(BigCommerceApiError);
    expect((err as Error).message).toMatch(/409: The code \[redacted\] is taken/);
    expect((err as Error).message).not.toContain(code);
  });
});
