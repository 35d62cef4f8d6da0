import { configuredStore } from "../local-store";
import { checkInputs, diffInputs, Failure } from "../../../provider/common/kind";
import { UNKNOWN } from "../../../provider/common/values";
import { couponKind } from "../../../provider/coupon/provider";
import { COUPON_TYPES } from "../../../provider/coupon/schema";
import { handler } from "../../../provider/runtime";

type Props = Record<string, unknown>;

const minimal: Props = { name: "Spring 15", code: "SPRING15", type: "per_total_discount", amount: 15 };

function check(news: Props) {
  return checkInputs(couponKind, news);
}

/** Inputs that pass check; fails the test otherwise. */
function checked(news: Props): Props {
  const { inputs, failures } = check(news);
  expect(failures).toEqual([]);
  return inputs;
}

/** What state holds after a create: the checked inputs plus the outputs. */
function stateOf(
  news: Props,
  outputs: Props = { couponId: 12, numUses: 0, dateCreated: "Mon, 05 Jan 2026 07:08:09 +0000" },
): Props {
  return { ...checked(news), ...outputs };
}

function diff(olds: Props, rawNews: Props) {
  return diffInputs(couponKind, olds, checked(rawNews));
}

describe("Coupon check", () => {
  it("canonicalises valid inputs and fills the defaults", () => {
    const { inputs, failures } = check(minimal);
    expect(failures).toEqual([]);
    expect(inputs).toEqual({
      name: "Spring 15",
      code: "SPRING15",
      type: "per_total_discount",
      amount: "15.0000",
      minPurchase: "0.0000",
      expires: "",
      enabled: true,
      appliesTo: { entity: "categories", ids: [0] },
      maxUses: 0,
      maxUsesPerCustomer: 0,
      restrictedTo: {},
      shippingMethods: [],
    });
  });

  it("canonicalises every given property to the form the store returns", () => {
    const inputs = checked({
      ...minimal,
      type: "percentage_discount",
      amount: "12.5",
      minPurchase: 25,
      expires: "2026-12-31",
      enabled: false,
      appliesTo: { entity: "products", ids: [30, 4, 30, 10] },
      maxUses: 100,
      maxUsesPerCustomer: 1,
      restrictedTo: { countries: "AU" },
      shippingMethods: ["shipping_flatrate"],
    });
    expect(inputs).toEqual({
      name: "Spring 15",
      code: "SPRING15",
      type: "percentage_discount",
      amount: "12.5000",
      minPurchase: "25.0000",
      expires: "Thu, 31 Dec 2026 00:00:00 +0000",
      enabled: false,
      appliesTo: { entity: "products", ids: [4, 10, 30] },
      maxUses: 100,
      maxUsesPerCustomer: 1,
      restrictedTo: { countries: "AU" },
      shippingMethods: ["shipping_flatrate"],
    });
  });

  it("accepts a percentage_discount of exactly 100", () => {
    expect(checked({ ...minimal, type: "percentage_discount", amount: "100" }).amount).toBe("100.0000");
  });

  it("reads null as omitted, so the default applies", () => {
    expect(checked({ ...minimal, appliesTo: null, expires: null }).appliesTo).toEqual({
      entity: "categories",
      ids: [0],
    });
  });

  it("accepts the provider and output keys the engine passes, without copying them into the inputs", () => {
    const inputs = checked({
      ...minimal,
      __provider: "exports.handler = ...",
      couponId: undefined,
      numUses: undefined,
    });
    expect(inputs).not.toHaveProperty("__provider");
    expect(inputs).not.toHaveProperty("couponId");
  });

  describe("failures name their property in both property and reason", () => {
    it.each<[string, Props, string, RegExp]>([
      ["a code with %", { code: "10%OFF" }, "code", /letters, digits/],
      ["a code longer than 50 characters", { code: "C".repeat(51) }, "code", /at most 50/],
      ["a name longer than 100 characters", { name: "n".repeat(101) }, "name", /at most 100/],
      ["an empty name", { name: "" }, "name", /must not be empty/],
      [
        "a percentage_discount of 150",
        { type: "percentage_discount", amount: 150 },
        "amount",
        /percentage_discount must be at most 100/,
      ],
      ["a negative amount", { amount: -5 }, "amount", /non-negative/],
      ["a negative amount string", { amount: "-5" }, "amount", /non-negative/],
      ["an amount with five decimals", { amount: "5.12345" }, "amount", /4 decimal places/],
      ["an amount of the wrong type", { amount: true }, "amount", /string or number \(got boolean\)/],
      ["an unparsable expires", { expires: "tomorrow" }, "expires", /ISO 8601/],
      ["an impossible expires date", { expires: "2026-02-30" }, "expires", /ISO 8601/],
      ["a non-integer maxUses", { maxUses: 1.5 }, "maxUses", /integer|whole/],
      ["a negative maxUsesPerCustomer", { maxUsesPerCustomer: -1 }, "maxUsesPerCustomer", /negative/],
      ["an unknown appliesTo entity", { appliesTo: { entity: "brands", ids: [1] } }, "appliesTo.entity", /"brands"/],
      ["an empty appliesTo id list", { appliesTo: { entity: "products", ids: [] } }, "appliesTo.ids", /at least one/],
      ["a fractional appliesTo id", { appliesTo: { entity: "products", ids: [1, 2.5] } }, "appliesTo.ids[1]", /./],
      ["an empty shipping method", { shippingMethods: ["ok", ""] }, "shippingMethods[1]", /must not be empty/],
      ["an unknown extra property", { colour: "red" }, "colour", /is not a property of Coupon/],
    ])("%s", (_what, patch, property, reason) => {
      const { failures } = check({ ...minimal, ...patch });
      expect(failures).toHaveLength(1);
      expect(failures[0].property).toBe(property);
      expect(failures[0].reason.startsWith(`${property}: `)).toBe(true);
      expect(failures[0].reason).toMatch(reason);
    });

    it("an unknown type, listing the allowed values", () => {
      const { failures } = check({ ...minimal, type: "bogus_discount" });
      expect(failures).toHaveLength(1);
      expect(failures[0].property).toBe("type");
      expect(failures[0].reason).toMatch(/^type: /);
      expect(failures[0].reason).toContain('"bogus_discount"');
      for (const t of COUPON_TYPES) expect(failures[0].reason).toContain(`"${t}"`);
    });

    it("a nested enum failure shows the offending value, not the whole object", () => {
      const { failures } = check({ ...minimal, appliesTo: { entity: "brands", ids: [1, 2] } });
      expect(failures[0].reason).toContain('(got "brands")');
      expect(failures[0].reason).not.toContain("ids");
    });

    it.each(["name", "code", "type", "amount"])("a missing required %s", (key) => {
      const news = { ...minimal };
      delete news[key];
      const { failures } = check(news);
      expect(failures).toEqual([{ property: key, path: [key], reason: `${key}: is required` }]);
    });
  });

  it("reports all failures at once", () => {
    const { failures } = check({
      name: "n".repeat(101),
      code: "50%",
      type: "bogus",
      maxUses: 1.5,
      expires: "someday",
      colour: "red",
    });
    const properties = failures.map((f: Failure) => f.property).sort();
    expect(properties).toEqual(["amount", "code", "colour", "expires", "maxUses", "name", "type"]);
    for (const f of failures) expect(f.reason.startsWith(`${f.property}: `)).toBe(true);
  });

  it("reports the percentage rule together with the failures of other properties", () => {
    const { failures } = check({ ...minimal, name: "", type: "percentage_discount", amount: 150 });
    expect(failures.map((f) => f.property).sort()).toEqual(["amount", "name"]);
  });

  describe("preview unknowns", () => {
    it.each(Object.keys(couponKind.fields))("passes an unknown %s through untouched", (key) => {
      const { inputs, failures } = check({ ...minimal, [key]: UNKNOWN });
      expect(failures).toEqual([]);
      expect(inputs[key]).toBe(UNKNOWN);
    });

    it("passes a value holding an unknown inside it through untouched", () => {
      const appliesTo = { entity: "products", ids: [1, UNKNOWN] };
      const shippingMethods = [UNKNOWN];
      const { inputs, failures } = check({ ...minimal, appliesTo, shippingMethods });
      expect(failures).toEqual([]);
      expect(inputs.appliesTo).toEqual(appliesTo);
      expect(inputs.shippingMethods).toEqual(shippingMethods);
    });

    it("still checks the known properties next to unknown ones", () => {
      const { inputs, failures } = check({ ...minimal, name: UNKNOWN, amount: "abc" });
      expect(inputs.name).toBe(UNKNOWN);
      expect(failures.map((f) => f.property)).toEqual(["amount"]);
    });

    it("skips the percentage rule when the type is unknown", () => {
      expect(check({ ...minimal, type: UNKNOWN, amount: 150 }).failures).toEqual([]);
    });

    it("skips the percentage rule when the amount is unknown", () => {
      expect(check({ ...minimal, type: "percentage_discount", amount: UNKNOWN }).failures).toEqual([]);
    });
  });
});

describe("Coupon diff", () => {
  it("sees no change between outputs holding 5.0000 and an input of 5", () => {
    const olds = stateOf({ ...minimal, amount: "5.0000" });
    const result = diff(olds, { ...minimal, amount: "5" });
    expect(result.changes).toBe(false);
    expect(result.replaces).toEqual([]);
    expect(diff(olds, { ...minimal, amount: 5 }).changes).toBe(false);
  });

  it("sees no change when one date is written in two formats", () => {
    const olds = stateOf({ ...minimal, expires: "Thu, 31 Dec 2026 23:59:00 +0000" });
    expect(diff(olds, { ...minimal, expires: "2026-12-31T23:59:00Z" }).changes).toBe(false);
    expect(diff(olds, { ...minimal, expires: "2027-01-01T01:59:00+02:00" }).changes).toBe(false);
  });

  it("canonicalises old state written in another form (ISO date, unsorted ids, number amount)", () => {
    const olds: Props = {
      ...stateOf(minimal),
      amount: 15,
      expires: "2026-12-31T23:59:00Z",
      appliesTo: { entity: "products", ids: [3, 1] },
    };
    const news = {
      ...minimal,
      expires: "Thu, 31 Dec 2026 23:59:00 +0000",
      appliesTo: { entity: "products", ids: [1, 3] },
    };
    expect(diff(olds, news).changes).toBe(false);
  });

  it("fills defaults into old state that lacks a property", () => {
    const olds = stateOf(minimal);
    delete olds.shippingMethods;
    delete olds.restrictedTo;
    expect(diff(olds, minimal).changes).toBe(false);
  });

  it("ignores output-only values such as numUses and couponId", () => {
    const olds = stateOf(minimal, { couponId: 99, numUses: 41, dateCreated: "other" });
    expect(diff(olds, minimal).changes).toBe(false);
  });

  it("reports a real amount change", () => {
    const result = diff(stateOf(minimal), { ...minimal, amount: 20 });
    expect(result.changes).toBe(true);
    expect(result.replaces).toEqual([]);
    expect(result.deleteBeforeReplace).toBe(false);
  });

  it.each<[string, Props]>([
    ["enabled", { enabled: false }],
    ["expires", { expires: "2027-01-01" }],
    ["appliesTo", { appliesTo: { entity: "products", ids: [5] } }],
    ["restrictedTo", { restrictedTo: { countries: "NZ" } }],
    ["name", { name: "Spring 20" }],
  ])("reports a change of %s", (_key, patch) => {
    expect(diff(stateOf(minimal), { ...minimal, ...patch }).changes).toBe(true);
  });

  it("counts an unknown new value as a change", () => {
    const olds = stateOf(minimal);
    const news = checked({ ...minimal, amount: UNKNOWN });
    expect(diffInputs(couponKind, olds, news).changes).toBe(true);
    const nested = checked({ ...minimal, appliesTo: { entity: "categories", ids: [UNKNOWN] } });
    expect(diffInputs(couponKind, olds, nested).changes).toBe(true);
  });

  it("reports appliesTo cleared by the store (null in state) against the declared default", () => {
    const olds = { ...stateOf(minimal), appliesTo: null };
    expect(diff(olds, minimal).changes).toBe(true);
  });
});

describe("Coupon runtime handler", () => {
  configuredStore();
  const h = handler("Coupon");

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

  it("refuses an unknown resource kind", () => {
    expect(() => handler("Nope")).toThrow(/unknown BigCommerce resource kind Nope/);
  });
});
