import { configuredStore } from "../local-store";
import { checkInputs, diffInputs, Failure } from "../../../provider/common/kind";
import { UNKNOWN } from "../../../provider/common/values";
import { giftCertificateKind } from "../../../provider/gift-certificate/provider";
import { GIFT_CERTIFICATE_TEMPLATES } from "../../../provider/gift-certificate/schema";
import { handler } from "../../../provider/runtime";

type Props = Record<string, unknown>;

const minimal: Props = {
  toName: "Alyss",
  toEmail: "alyss@example.com",
  fromName: "Noland",
  fromEmail: "noland@example.com",
  amount: 50,
};

function check(news: Props) {
  return checkInputs(giftCertificateKind, news);
}

/** Inputs that pass check; fails the test otherwise. */
function checked(news: Props): Props {
  const { inputs, failures } = check(news);
  expect(failures).toEqual([]);
  return inputs;
}

/**
 * What state holds after a create against a store that filled in what the program left out:
 * the checked inputs, the store's values and the declarations.
 */
function stateOf(news: Props, store: Props = {}): Props {
  const inputs = checked(news);
  const setByStore = ["code", "purchaseDate", "currencyCode"].filter((k) => inputs[k] === undefined);
  return {
    ...inputs,
    code: "0A1B2C3D4E5F60718293",
    purchaseDate: "Mon, 05 Jan 2026 00:00:00 +0000",
    currencyCode: "USD",
    ...(inputs.code ? { code: inputs.code } : {}),
    ...(inputs.purchaseDate ? { purchaseDate: inputs.purchaseDate } : {}),
    ...(inputs.currencyCode ? { currencyCode: inputs.currencyCode } : {}),
    balance: inputs.balance ?? inputs.amount,
    giftCertificateId: 12,
    orderId: 0,
    declaredBalance: inputs.balance,
    declaredStatus: inputs.status,
    setByStore,
    ...store,
  };
}

function diff(olds: Props, rawNews: Props) {
  return diffInputs(giftCertificateKind, olds, checked(rawNews));
}

/** The properties diff reports as changed: the diff of a kind reduced to each property in turn. */
function changedKeys(olds: Props, rawNews: Props): string[] {
  const news = checked(rawNews);
  const fields = giftCertificateKind.fields as Record<string, unknown>;
  return Object.keys(fields).filter((k) => {
    const one = { ...giftCertificateKind, fields: { [k]: fields[k] } } as unknown as typeof giftCertificateKind;
    return diffInputs(one, olds, news).changes;
  });
}

describe("GiftCertificate check", () => {
  it("canonicalises valid inputs and fills the defaults, leaving code, balance, purchase date and currency to the store", () => {
    const { inputs, failures } = check(minimal);
    expect(failures).toEqual([]);
    expect(inputs).toEqual({
      toName: "Alyss",
      toEmail: "alyss@example.com",
      fromName: "Noland",
      fromEmail: "noland@example.com",
      amount: "50.0000",
      template: "general.html",
      message: "",
      status: "active",
      expiryDate: "",
      customerId: 0,
      allowDeleteWhenSpent: false,
      allowExpired: false,
    });
  });

  it("canonicalises every given property to the form the store returns", () => {
    const inputs = checked({
      ...minimal,
      toName: "  Alyss ",
      amount: "100.5",
      balance: 80,
      code: "GIFT-2026-ALYSS",
      template: "birthday.html",
      message: "Happy birthday!",
      status: "pending",
      expiryDate: "2026-12-31T23:59:00.750Z",
      purchaseDate: "Mon, 05 Jan 2026 10:00:00 +0200",
      customerId: 7,
      currencyCode: "eur",
      allowDeleteWhenSpent: true,
    });
    expect(inputs).toEqual({
      toName: "Alyss",
      toEmail: "alyss@example.com",
      fromName: "Noland",
      fromEmail: "noland@example.com",
      amount: "100.5000",
      balance: "80.0000",
      code: "GIFT-2026-ALYSS",
      template: "birthday.html",
      message: "Happy birthday!",
      status: "pending",
      expiryDate: "Thu, 31 Dec 2026 23:59:00 +0000",
      purchaseDate: "Mon, 05 Jan 2026 08:00:00 +0000",
      customerId: 7,
      currencyCode: "EUR",
      allowDeleteWhenSpent: true,
      allowExpired: false,
    });
  });

  it("accepts dates in ISO 8601 and RFC 2822 as one value", () => {
    const iso = checked({ ...minimal, expiryDate: "2026-12-31" }).expiryDate;
    const rfc = checked({ ...minimal, expiryDate: "Thu, 31 Dec 2026 00:00:00 GMT" }).expiryDate;
    expect(iso).toBe("Thu, 31 Dec 2026 00:00:00 +0000");
    expect(rfc).toBe(iso);
  });

  it("accepts the limits themselves: a code of 20 characters, a message of 250, a balance equal to the amount", () => {
    const inputs = checked({ ...minimal, code: "C".repeat(20), message: "m".repeat(250), balance: "50.00" });
    expect(inputs.code).toHaveLength(20);
    expect(inputs.message).toHaveLength(250);
    expect(inputs.balance).toBe("50.0000");
  });

  it("accepts every template of the API", () => {
    for (const template of GIFT_CERTIFICATE_TEMPLATES)
      expect(checked({ ...minimal, template }).template).toBe(template);
  });

  it("reads null as omitted, so the default applies", () => {
    const inputs = checked({ ...minimal, template: null, status: null, code: null });
    expect(inputs.template).toBe("general.html");
    expect(inputs.status).toBe("active");
    expect(inputs).not.toHaveProperty("code");
  });

  it("accepts the provider and output keys the engine passes, without copying them into the inputs", () => {
    const inputs = checked({
      ...minimal,
      __provider: "exports.handler = ...",
      giftCertificateId: undefined,
      declaredBalance: undefined,
    });
    expect(inputs).not.toHaveProperty("__provider");
    expect(inputs).not.toHaveProperty("giftCertificateId");
  });

  describe("failures name their property in both property and reason", () => {
    it.each<[string, Props, string, RegExp]>([
      [
        "a code longer than 20 characters (the store would cut it)",
        { code: "GIFT-0123456789-ABCDEF" },
        "code",
        /at most 20 characters/,
      ],
      ["an empty code", { code: "" }, "code", /must not be empty/],
      ["a code with white space around it", { code: " GIFT " }, "code", /white space/],
      ["a message longer than 250 characters", { message: "m".repeat(251) }, "message", /at most 250/],
      ["an unknown template", { template: "halloween.html" }, "template", /"halloween.html"/],
      ["an unknown status", { status: "spent" }, "status", /"spent"/],
      ["a recipient email that is not one", { toEmail: "alyss" }, "toEmail", /email/],
      ["a sender email that is not one", { fromEmail: "noland@" }, "fromEmail", /email/],
      ["an empty recipient name", { toName: "  " }, "toName", /must not be empty/],
      ["an amount of 0", { amount: 0 }, "amount", /greater than 0/],
      ["a negative amount", { amount: "-5" }, "amount", /non-negative/],
      ["an amount with five decimals", { amount: "5.12345" }, "amount", /4 decimal places/],
      ["a balance above the amount", { balance: "50.01" }, "balance", /must not exceed the amount \(50\.0000\)/],
      ["a non-numeric balance", { balance: "lots" }, "balance", /non-negative decimal/],
      ["an unparsable expiry date", { expiryDate: "next year" }, "expiryDate", /ISO 8601/],
      ["an impossible purchase date", { purchaseDate: "2026-02-30" }, "purchaseDate", /ISO 8601/],
      [
        "an expiry before the purchase date",
        { purchaseDate: "2026-06-01", expiryDate: "2026-05-31" },
        "expiryDate",
        /after the purchase date/,
      ],
      ["a currency code that is not one", { currencyCode: "DOLLARS" }, "currencyCode", /ISO 4217/],
      ["a fractional customer id", { customerId: 1.5 }, "customerId", /integer|whole/],
      ["a non-boolean allowDeleteWhenSpent", { allowDeleteWhenSpent: "yes" }, "allowDeleteWhenSpent", /boolean/],
      ["an unknown extra property", { colour: "gold" }, "colour", /is not a property of GiftCertificate/],
    ])("%s", (_what, patch, property, reason) => {
      const { failures } = check({ ...minimal, ...patch });
      expect(failures).toHaveLength(1);
      expect(failures[0].property).toBe(property);
      expect(failures[0].reason.startsWith(`${property}: `)).toBe(true);
      expect(failures[0].reason).toMatch(reason);
    });

    it("a refused code is never quoted in the failure (it is a secret)", () => {
      const code = "SECRET-GIFT-CODE-12345678";
      const { failures } = check({ ...minimal, code });
      expect(failures).toHaveLength(1);
      expect(JSON.stringify(failures)).not.toContain(code);
      expect(JSON.stringify(failures)).not.toContain(code.slice(0, 20));
    });

    it.each(["toName", "toEmail", "fromName", "fromEmail", "amount"])("a missing required %s", (key) => {
      const news = { ...minimal };
      delete news[key];
      expect(check(news).failures).toEqual([{ property: key, path: [key], reason: `${key}: is required` }]);
    });
  });

  it("reports all failures at once", () => {
    const { failures } = check({ toName: "", toEmail: "x", code: "C".repeat(21), template: "bogus", colour: "red" });
    const properties = failures.map((f: Failure) => f.property).sort();
    expect(properties).toEqual(["amount", "code", "colour", "fromEmail", "fromName", "template", "toEmail", "toName"]);
    for (const f of failures) expect(f.reason.startsWith(`${f.property}: `)).toBe(true);
  });

  describe("preview unknowns", () => {
    it.each(Object.keys(giftCertificateKind.fields))("passes an unknown %s through untouched", (key) => {
      const { inputs, failures } = check({ ...minimal, [key]: UNKNOWN });
      expect(failures).toEqual([]);
      expect(inputs[key]).toBe(UNKNOWN);
    });

    it("skips the balance rule when the amount is unknown", () => {
      expect(check({ ...minimal, amount: UNKNOWN, balance: "500" }).failures).toEqual([]);
    });
  });
});

describe("GiftCertificate diff", () => {
  it("sees no change right after a create that left code, purchase date, currency and balance to the store", () => {
    expect(diff(stateOf(minimal), minimal).changes).toBe(false);
  });

  it("sees no change between outputs holding 50.0000 and an input of 50, or one date written in two formats", () => {
    const olds = stateOf({ ...minimal, expiryDate: "Thu, 31 Dec 2026 23:59:00 +0000" });
    expect(diff(olds, { ...minimal, amount: "50.00", expiryDate: "2026-12-31T23:59:00Z" }).changes).toBe(false);
  });

  it("a generated code is no change while the program gives none", () => {
    const olds = stateOf(minimal, { code: "FFFFEEEEDDDDCCCCBBBB" });
    expect(diff(olds, minimal).changes).toBe(false);
  });

  it("a declared code changed in the store is a change; the same declared code is none", () => {
    const news = { ...minimal, code: "GIFT-ALYSS" };
    expect(diff(stateOf(news), news).changes).toBe(false);
    expect(diff(stateOf(news, { code: "EDITED-IN-STORE" }), news).changes).toBe(true);
  });

  it("declaring a code where the store generated one is a change", () => {
    expect(diff(stateOf(minimal), { ...minimal, code: "GIFT-ALYSS" }).changes).toBe(true);
  });

  it("customers spending (the store's balance falling) is no change, with or without a declared balance", () => {
    expect(diff(stateOf(minimal, { balance: "12.5000" }), minimal).changes).toBe(false);
    const declared = { ...minimal, balance: "40" };
    expect(diff(stateOf(declared, { balance: "0.0000" }), declared).changes).toBe(false);
  });

  it("a change of the declared balance is a change, whatever the store's balance", () => {
    const olds = stateOf({ ...minimal, balance: "40" }, { balance: "25.0000" });
    expect(diff(olds, { ...minimal, balance: "45" }).changes).toBe(true);
    // declaring the balance the store happens to hold is still a new declaration
    expect(diff(olds, { ...minimal, balance: "25" }).changes).toBe(true);
    expect(diff(stateOf(minimal, { balance: "25.0000" }), { ...minimal, balance: "50" }).changes).toBe(true);
  });

  it("the store expiring the certificate is no change", () => {
    expect(diff(stateOf(minimal, { status: "expired" }), minimal).changes).toBe(false);
  });

  it("another status set in the store is a change (drift), and so is a new declared status", () => {
    expect(diff(stateOf(minimal, { status: "disabled" }), minimal).changes).toBe(true);
    expect(diff(stateOf(minimal), { ...minimal, status: "disabled" }).changes).toBe(true);
    expect(diff(stateOf(minimal, { status: "expired" }), { ...minimal, status: "expired" }).changes).toBe(true);
  });

  it("a purchase date or currency the store chose is no change; a declared one that differs is", () => {
    const olds = stateOf(minimal, { purchaseDate: "Tue, 06 Jan 2026 00:00:00 +0000", currencyCode: "USD" });
    expect(diff(olds, minimal).changes).toBe(false);
    expect(diff(olds, { ...minimal, currencyCode: "EUR" }).changes).toBe(true);
    expect(diff(olds, { ...minimal, purchaseDate: "2026-01-06" }).changes).toBe(true);
    const declared = { ...minimal, purchaseDate: "2026-01-06", currencyCode: "usd" };
    expect(diff(stateOf(declared), declared).changes).toBe(false);
  });

  it("ignores output-only values", () => {
    expect(diff(stateOf(minimal, { giftCertificateId: 99, orderId: 116 }), minimal).changes).toBe(false);
  });

  it.each<[string, Props]>([
    ["message", { message: "Enjoy!" }],
    ["amount", { amount: 60 }],
    ["toEmail", { toEmail: "other@example.com" }],
    ["template", { template: "christmas.html" }],
    ["expiryDate", { expiryDate: "2027-01-01" }],
    ["customerId", { customerId: 3 }],
    ["allowDeleteWhenSpent", { allowDeleteWhenSpent: true }],
  ])("reports a change of %s, and of that property only, as an update", (key, patch) => {
    const result = diff(stateOf(minimal), { ...minimal, ...patch });
    expect(result.changes).toBe(true);
    expect(result.replaces).toEqual([]);
    expect(changedKeys(stateOf(minimal), { ...minimal, ...patch })).toEqual([key]);
  });

  it("counts an unknown new value as a change", () => {
    const news = checked({ ...minimal, balance: UNKNOWN });
    expect(diffInputs(giftCertificateKind, stateOf(minimal), news).changes).toBe(true);
  });
});

describe("GiftCertificate runtime handler", () => {
  configuredStore();
  const h = handler("GiftCertificate");

  it("checks without the __provider key", async () => {
    const result = await h.check({}, { ...minimal, __provider: "serialised" });
    expect(result.failures).toEqual([]);
    expect(result.inputs).toEqual(checked(minimal));
  });

  it("diffs without the __provider key", async () => {
    const olds = { ...stateOf(minimal), __provider: "old" };
    const news = { ...checked(minimal), __provider: "new" };
    expect((await h.diff("12", olds, news)).changes).toBe(false);
  });

  it("declares the code as its secret output", () => {
    expect(giftCertificateKind.secretOutputs).toEqual(["code"]);
  });

  it("reports a failure of the code without naming the property to the engine, which would print its value", async () => {
    const result = await h.check({}, { ...minimal, code: "C".repeat(21), message: "m".repeat(251) });
    expect(result.failures).toEqual([
      { property: "", reason: expect.stringMatching(/^code: must be at most 20 characters/) },
      { property: "message", reason: expect.stringMatching(/^message: must be at most 250/) },
    ]);
  });
});
