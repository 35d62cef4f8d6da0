import {
  ApiGiftCertificate,
  dateFromApi,
  fromApi,
  isSpent,
  outputsFromApi,
  toApi,
} from "../../../provider/gift-certificate/mapping";
import { inputsFromStore } from "../../../provider/gift-certificate/provider";
import type { GiftCertificateInputs } from "../../../provider/gift-certificate/schema";

const full: GiftCertificateInputs = {
  toName: "Alyss",
  toEmail: "alyss@example.com",
  fromName: "Noland",
  fromEmail: "noland@example.com",
  amount: "100.0000",
  balance: "80.0000",
  code: "GIFT-ALYSS-2026",
  template: "birthday.html",
  message: "Happy birthday!",
  status: "active",
  expiryDate: "Thu, 31 Dec 2026 23:59:00 +0000",
  purchaseDate: "Mon, 05 Jan 2026 08:00:00 +0000",
  customerId: 7,
  currencyCode: "EUR",
  allowDeleteWhenSpent: false,
  allowExpired: false,
};

const unix = (iso: string) => String(Date.parse(iso) / 1000);

/** The certificate the API would answer after storing a request body (dates as unix timestamps). */
function stored(body: Record<string, unknown>, extra: Partial<ApiGiftCertificate> = {}): ApiGiftCertificate {
  const b = { ...body };
  for (const k of ["purchase_date", "expiry_date"]) {
    if (typeof b[k] === "string") b[k] = b[k] ? String(Date.parse(b[k]) / 1000) : "0";
  }
  return {
    id: 12,
    order_id: 0,
    customer_id: 0,
    code: "0A1B2C3D4E5F60718293",
    balance: b.amount,
    status: "active",
    template: "general.html",
    message: "",
    purchase_date: unix("2026-01-05T00:00:00Z"),
    expiry_date: "0",
    currency_code: "USD",
    ...b,
    ...extra,
  } as ApiGiftCertificate;
}

describe("gift certificate mapping", () => {
  it("writes every field in the API's names, dates in RFC 2822", () => {
    expect(toApi(full)).toEqual({
      to_name: "Alyss",
      to_email: "alyss@example.com",
      from_name: "Noland",
      from_email: "noland@example.com",
      amount: "100.0000",
      balance: "80.0000",
      code: "GIFT-ALYSS-2026",
      template: "birthday.html",
      message: "Happy birthday!",
      status: "active",
      expiry_date: "Thu, 31 Dec 2026 23:59:00 +0000",
      purchase_date: "Mon, 05 Jan 2026 08:00:00 +0000",
      customer_id: 7,
      currency_code: "EUR",
    });
  });

  it("never sends allowDeleteWhenSpent, which is the provider's own rule", () => {
    expect(Object.keys(toApi({ ...full, allowDeleteWhenSpent: true }))).not.toContain("allow_delete_when_spent");
    expect(JSON.stringify(toApi({ ...full, allowDeleteWhenSpent: true, allowExpired: true }))).not.toMatch(/allow/i);
  });

  it("leaves out what the program left to the store: code, purchase date, currency, balance, expiry", () => {
    const { code: _c, purchaseDate: _p, currencyCode: _cc, balance: _b, ...rest } = full;
    const body = toApi({ ...rest, expiryDate: "" });
    for (const key of ["code", "purchase_date", "currency_code", "balance", "expiry_date"])
      expect(body).not.toHaveProperty(key);
  });

  it("sends balance and status only when asked to (the store moves both on its own)", () => {
    const body = toApi(full, {});
    expect(body).not.toHaveProperty("balance");
    expect(body).not.toHaveProperty("status");
    expect(toApi(full, { balance: true })).toHaveProperty("balance", "80.0000");
    expect(toApi(full, { status: true })).toHaveProperty("status", "active");
  });

  it('clears an expiry with "" only when asked to', () => {
    expect(toApi({ ...full, expiryDate: "" }, { clearExpiry: true })).toHaveProperty("expiry_date", "");
    expect(toApi({ ...full, expiryDate: "" }, {})).not.toHaveProperty("expiry_date");
  });

  it("round-trips: what toApi writes, fromApi reads back as the same values", () => {
    const { allowDeleteWhenSpent: _, allowExpired: _e, ...values } = full;
    expect(fromApi(stored(toApi(full)))).toEqual(values);
  });

  it('reads the store\'s unix timestamps as RFC 2822 GMT, and "0" as no date', () => {
    const g = fromApi(stored(toApi(full), { expiry_date: "0", purchase_date: "1767139200" }));
    expect(g.expiryDate).toBe("");
    expect(g.purchaseDate).toBe("Wed, 31 Dec 2025 00:00:00 +0000");
    expect(dateFromApi("")).toBe("");
    expect(dateFromApi(null)).toBe("");
    expect(dateFromApi("Tue, 20 Jan 1970 08:45:38 CST")).toBe("Tue, 20 Jan 1970 14:45:38 +0000");
  });

  it("normalises the API's amounts to four decimals", () => {
    const g = fromApi(stored(toApi(full), { amount: "10", balance: "0" }));
    expect(g.amount).toBe("10.0000");
    expect(g.balance).toBe("0.0000");
  });

  it("reads the output-only values", () => {
    expect(outputsFromApi(stored(toApi(full), { order_id: 116 }))).toEqual({ giftCertificateId: 12, orderId: 116 });
  });

  it("a certificate is spent when its balance is below its amount, in any spelling", () => {
    expect(isSpent({ amount: "50.0000", balance: "30.0000" })).toBe(true);
    expect(isSpent({ amount: "50", balance: "0" })).toBe(true);
    expect(isSpent({ amount: "50.0000", balance: "50" })).toBe(false);
    expect(isSpent({ amount: "10", balance: "10.0000" })).toBe(false);
  });
});

describe("gift certificate inputs read back from the store", () => {
  const store = fromApi(stored(toApi(full)));
  const olds = { ...full, declaredBalance: "80.0000", declaredStatus: "active", setByStore: [] };

  it("are the store's values when nothing moved", () => {
    expect(inputsFromStore(store, olds)).toEqual(full);
  });

  it("keep the declared balance, not the balance customers left", () => {
    expect(inputsFromStore({ ...store, balance: "12.0000" }, olds).balance).toBe("80.0000");
  });

  it("have no balance when none was declared", () => {
    expect(
      inputsFromStore({ ...store, balance: "12.0000" }, { ...olds, declaredBalance: undefined }),
    ).not.toHaveProperty("balance");
  });

  it("keep the declared status when the store expired the certificate, and show any other status as it is", () => {
    expect(inputsFromStore({ ...store, status: "expired" }, olds).status).toBe("active");
    expect(inputsFromStore({ ...store, status: "disabled" }, olds).status).toBe("disabled");
  });

  it("leave out what the store filled in (a generated code is never copied into the inputs)", () => {
    const inputs = inputsFromStore(store, { ...olds, setByStore: ["code", "purchaseDate", "currencyCode"] });
    expect(inputs).not.toHaveProperty("code");
    expect(inputs).not.toHaveProperty("purchaseDate");
    expect(inputs).not.toHaveProperty("currencyCode");
  });

  it("show a message edited in the store as it is (drift)", () => {
    expect(inputsFromStore({ ...store, message: "Edited" }, olds).message).toBe("Edited");
  });

  it("keep allowDeleteWhenSpent from state", () => {
    expect(inputsFromStore(store, { ...olds, allowDeleteWhenSpent: true }).allowDeleteWhenSpent).toBe(true);
  });
});
