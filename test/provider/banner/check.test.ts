import { configuredStore } from "../local-store";
import { bannerKind } from "../../../provider/banner/provider";
import { BANNER_PAGES } from "../../../provider/banner/schema";
import { checkInputs, diffInputs, Failure } from "../../../provider/common/kind";
import { UNKNOWN } from "../../../provider/common/values";
import { handler } from "../../../provider/runtime";

type Props = Record<string, unknown>;

const minimal: Props = { name: "Winter sale", content: "<p>Winter sale!</p>", page: "home_page", location: "top" };
const custom: Props = { ...minimal, dateType: "custom", dateFrom: "2026-12-01", dateTo: "2026-12-31T23:59:59Z" };

function check(news: Props) {
  return checkInputs(bannerKind, news);
}

/** Inputs that pass check; fails the test otherwise. */
function checked(news: Props): Props {
  const { inputs, failures } = check(news);
  expect(failures).toEqual([]);
  return inputs;
}

/** What state holds after a create: the checked inputs plus the outputs. */
function stateOf(news: Props, outputs: Props = { bannerId: 12, dateCreated: "2026-11-20T10:00:00Z" }): Props {
  return { ...checked(news), ...outputs };
}

function diff(olds: Props, rawNews: Props) {
  return diffInputs(bannerKind, olds, checked(rawNews));
}

/** The single failure of a check, which must name `property` in both fields. */
function onlyFailure(news: Props, property: string): Failure {
  const { failures } = check(news);
  expect(failures).toHaveLength(1);
  expect(failures[0].property).toBe(property);
  expect(failures[0].reason.startsWith(`${property}: `)).toBe(true);
  return failures[0];
}

describe("Banner check", () => {
  it("fills the defaults: always shown, visible, no dates, no item", () => {
    expect(checked(minimal)).toEqual({
      name: "Winter sale",
      content: "<p>Winter sale!</p>",
      page: "home_page",
      location: "top",
      dateType: "always",
      dateFrom: "",
      dateTo: "",
      visible: true,
      itemId: 0,
    });
  });

  it("canonicalises custom dates to ISO 8601 UTC with whole seconds", () => {
    expect(checked(custom)).toMatchObject({
      dateType: "custom",
      dateFrom: "2026-12-01T00:00:00Z",
      dateTo: "2026-12-31T23:59:59Z",
    });
  });

  it.each<[string, unknown]>([
    ["a date only", "2026-12-01"],
    ["an ISO date-time in UTC", "2026-12-01T00:00:00Z"],
    ["an ISO date-time with milliseconds", "2026-12-01T00:00:00.000Z"],
    ["an ISO date-time in another zone", "2026-12-01T02:00:00+02:00"],
    ["an ISO date-time without a zone (UTC)", "2026-12-01T00:00"],
    ["RFC 2822", "Tue, 01 Dec 2026 00:00:00 +0000"],
    ["RFC 2822 in another zone", "Mon, 30 Nov 2026 19:00:00 -0500"],
    ["a unix timestamp number", 1796083200],
    ["a unix timestamp string, as the API writes it", "1796083200"],
  ])("reads %s as the same dateFrom", (_what, value) => {
    expect(checked({ ...custom, dateFrom: value }).dateFrom).toBe("2026-12-01T00:00:00Z");
  });

  it("keeps content exactly as written (HTML is not touched)", () => {
    const content = '  <div class="x">Sale &amp; more<br/></div>\n';
    expect(checked({ ...minimal, content }).content).toBe(content);
  });

  it("takes itemId on category and brand pages", () => {
    expect(checked({ ...minimal, page: "category_page", itemId: 23 }).itemId).toBe(23);
    expect(checked({ ...minimal, page: "brand_page", itemId: 4 }).itemId).toBe(4);
  });

  it("reads null and empty dates as omitted", () => {
    expect(checked({ ...minimal, dateFrom: null, dateTo: "" })).toMatchObject({ dateFrom: "", dateTo: "" });
  });

  it("accepts the provider and output keys the engine passes, without copying them into the inputs", () => {
    const inputs = checked({
      ...minimal,
      __provider: "exports.handler = ...",
      bannerId: undefined,
      dateCreated: undefined,
    });
    expect(inputs).not.toHaveProperty("__provider");
    expect(inputs).not.toHaveProperty("bannerId");
  });

  describe("failures name their property and the rule", () => {
    it.each<[string, Props, string, RegExp]>([
      ["an empty name", { name: "" }, "name", /must not be empty/],
      ["a blank content", { content: "  \n" }, "content", /must not be empty/],
      ["a content that is not a string", { content: 5 }, "content", /must be string \(got number\)/],
      ["a visible that is not a boolean", { visible: "1" }, "visible", /must be boolean \(got string\)/],
      [
        "an unparsable dateFrom",
        { ...custom, dateFrom: "next monday" },
        "dateFrom",
        /ISO 8601.*RFC 2822.*unix timestamp/,
      ],
      ["an impossible dateTo", { ...custom, dateTo: "2026-02-30" }, "dateTo", /ISO 8601/],
      ["a dateFrom in milliseconds", { ...custom, dateFrom: 1796083200000 }, "dateFrom", /unix timestamp in seconds/],
      ["a fractional unix dateFrom", { ...custom, dateFrom: 1796083200.5 }, "dateFrom", /unix timestamp/],
      ["a dateFrom of 0", { ...custom, dateFrom: 0 }, "dateFrom", /after 1970/],
      ["a boolean dateTo", { ...custom, dateTo: true }, "dateTo", /must be string or number \(got boolean\)/],
      ["a fractional itemId", { page: "category_page", itemId: 2.5 }, "itemId", /integer|whole/],
      ["a negative itemId", { page: "category_page", itemId: -1 }, "itemId", /negative/],
      ["an itemId as a string", { page: "category_page", itemId: "23" }, "itemId", /must be number \(got string\)/],
      ["an unknown extra property", { colour: "red" }, "colour", /is not a property of Banner/],
    ])("%s", (_what, patch, property, reason) => {
      expect(onlyFailure({ ...minimal, ...patch }, property).reason).toMatch(reason);
    });

    it.each<[string, string[]]>([
      ["page", [...BANNER_PAGES]],
      ["location", ["top", "bottom"]],
      ["dateType", ["always", "custom"]],
    ])("an unknown %s, listing the allowed values", (key, allowed) => {
      const f = onlyFailure({ ...minimal, [key]: "elsewhere" }, key);
      expect(f.reason).toContain('(got "elsewhere")');
      for (const v of allowed) expect(f.reason).toContain(`"${v}"`);
    });

    it.each(["name", "content", "page", "location"])("a missing required %s", (key) => {
      const news = { ...minimal };
      delete news[key];
      expect(check(news).failures).toEqual([{ property: key, path: [key], reason: `${key}: is required` }]);
    });
  });

  describe("dates go with dateType", () => {
    it.each(["dateFrom", "dateTo"])("custom without %s: it is required", (key) => {
      const news = { ...custom };
      delete news[key];
      expect(onlyFailure(news, key).reason).toMatch(/is required when dateType is "custom"/);
    });

    it("custom without any date: both are required", () => {
      const { failures } = check({ ...minimal, dateType: "custom" });
      expect(failures.map((f) => f.property)).toEqual(["dateFrom", "dateTo"]);
    });

    it("custom with dateTo before dateFrom: dateTo must be after dateFrom, both dates shown", () => {
      const f = onlyFailure({ ...custom, dateFrom: "2026-12-31", dateTo: "2026-12-01" }, "dateTo");
      expect(f.reason).toMatch(/must be after dateFrom/);
      expect(f.reason).toContain("2026-12-31T00:00:00Z");
      expect(f.reason).toContain("2026-12-01T00:00:00Z");
    });

    it("custom with equal dates (written differently): dateTo must be after dateFrom", () => {
      onlyFailure({ ...custom, dateFrom: "2026-12-01", dateTo: "Tue, 01 Dec 2026 00:00:00 +0000" }, "dateTo");
    });

    it("custom with dateTo one second after dateFrom passes", () => {
      expect(check({ ...custom, dateFrom: 1796083200, dateTo: 1796083201 }).failures).toEqual([]);
    });

    it.each(["dateFrom", "dateTo"])("always (explicit) with %s: it must be absent", (key) => {
      const f = onlyFailure({ ...minimal, dateType: "always", [key]: "2026-12-01" }, key);
      expect(f.reason).toMatch(/must be absent when dateType is "always"/);
    });

    it("always by default with both dates: both must be absent, pointing at custom", () => {
      const { failures } = check({ ...minimal, dateFrom: "2026-12-01", dateTo: "2026-12-31" });
      expect(failures.map((f) => f.property)).toEqual(["dateFrom", "dateTo"]);
      expect(failures[0].reason).toMatch(/set dateType to "custom"/);
    });

    it("a malformed date under custom is reported once, for its format, not also as missing", () => {
      expect(onlyFailure({ ...custom, dateFrom: "soon" }, "dateFrom").reason).toMatch(/ISO 8601/);
    });

    it("an invalid dateType skips the date rules", () => {
      expect(check({ ...custom, dateType: "sometimes" }).failures.map((f) => f.property)).toEqual(["dateType"]);
    });
  });

  describe("itemId goes with page", () => {
    it.each(["category_page", "brand_page"])("%s without itemId: it is required", (page) => {
      const f = onlyFailure({ ...minimal, page }, "itemId");
      expect(f.reason).toContain(`is required when page is "${page}"`);
      expect(f.reason).toContain(page === "category_page" ? "category" : "brand");
    });

    it("category_page with itemId 0 (the API's none): it is required", () => {
      onlyFailure({ ...minimal, page: "category_page", itemId: 0 }, "itemId");
    });

    it.each(["home_page", "search_page"])("%s with an itemId: it must be absent", (page) => {
      const f = onlyFailure({ ...minimal, page, itemId: 23 }, "itemId");
      expect(f.reason).toContain(`must be absent when page is "${page}"`);
    });
  });

  it("reports all failures at once", () => {
    const { failures } = check({
      name: "",
      page: "category_page",
      location: "middle",
      dateType: "always",
      dateTo: "2026-12-01",
      visible: "yes",
      colour: "red",
    });
    const properties = failures.map((f) => f.property).sort();
    expect(properties).toEqual(["colour", "content", "dateTo", "itemId", "location", "name", "visible"]);
    for (const f of failures) expect(f.reason.startsWith(`${f.property}: `)).toBe(true);
  });

  describe("preview unknowns", () => {
    it.each(Object.keys(bannerKind.fields))("passes an unknown %s through untouched", (key) => {
      const { inputs, failures } = check({ ...custom, [key]: UNKNOWN });
      expect(failures).toEqual([]);
      expect(inputs[key]).toBe(UNKNOWN);
    });

    it("skips the date rules when dateType is unknown", () => {
      expect(check({ ...minimal, dateType: UNKNOWN }).failures).toEqual([]);
      expect(check({ ...custom, dateType: UNKNOWN }).failures).toEqual([]);
    });

    it("skips the order rule when a date is unknown", () => {
      expect(check({ ...custom, dateFrom: UNKNOWN, dateTo: "2020-01-01" }).failures).toEqual([]);
    });

    it("skips the item rule when page or itemId is unknown", () => {
      expect(check({ ...minimal, page: UNKNOWN }).failures).toEqual([]);
      expect(check({ ...minimal, page: UNKNOWN, itemId: 5 }).failures).toEqual([]);
      expect(check({ ...minimal, page: "category_page", itemId: UNKNOWN }).failures).toEqual([]);
    });

    it("still checks the known properties next to unknown ones", () => {
      const { inputs, failures } = check({ ...custom, name: UNKNOWN, dateTo: "whenever" });
      expect(inputs.name).toBe(UNKNOWN);
      expect(failures.map((f) => f.property)).toEqual(["dateTo"]);
    });
  });
});

describe("Banner diff", () => {
  it("sees no change between the store's values and the same values written by the user", () => {
    const olds = stateOf({ ...custom, page: "category_page", itemId: 23, visible: false });
    expect(diff(olds, { ...custom, page: "category_page", itemId: 23, visible: false }).changes).toBe(false);
  });

  it("sees no change when one date is written in three forms", () => {
    const olds = stateOf(custom);
    expect(diff(olds, { ...custom, dateFrom: 1796083200 }).changes).toBe(false);
    expect(diff(olds, { ...custom, dateFrom: "Tue, 01 Dec 2026 00:00:00 +0000" }).changes).toBe(false);
    expect(diff(olds, { ...custom, dateFrom: "2026-12-01T01:00:00+01:00" }).changes).toBe(false);
  });

  it("canonicalises old state written in another form (unix-timestamp strings)", () => {
    const olds = { ...stateOf(custom), dateFrom: "1796083200", dateTo: 1798761599 };
    expect(diff(olds, custom).changes).toBe(false);
  });

  it("fills defaults into old state that lacks a property", () => {
    const olds = stateOf(minimal);
    delete olds.visible;
    delete olds.itemId;
    delete olds.dateFrom;
    expect(diff(olds, minimal).changes).toBe(false);
  });

  it("ignores the output-only bannerId and dateCreated", () => {
    expect(diff(stateOf(minimal, { bannerId: 99, dateCreated: "2000-01-01T00:00:00Z" }), minimal).changes).toBe(false);
  });

  it.each<[string, Props]>([
    ["visible", { visible: false }],
    ["content", { content: "<p>Other</p>" }],
    ["location", { location: "bottom" }],
    ["name", { name: "Summer sale" }],
  ])("reports a change of %s as an update, not a replacement", (_key, patch) => {
    const result = diff(stateOf(minimal), { ...minimal, ...patch });
    expect(result.changes).toBe(true);
    expect(result.replaces).toEqual([]);
    expect(result.deleteBeforeReplace).toBe(false);
  });

  it("reports a change of a date by one second", () => {
    expect(diff(stateOf(custom), { ...custom, dateTo: "2026-12-31T23:59:58Z" }).changes).toBe(true);
  });

  it("reports a store-side edit that set dates on an always banner", () => {
    const olds = { ...stateOf(minimal), dateFrom: "2026-12-01T00:00:00Z" };
    expect(diff(olds, minimal).changes).toBe(true);
  });

  it("counts an unknown new value as a change", () => {
    const news = checked({ ...minimal, content: UNKNOWN });
    expect(diffInputs(bannerKind, stateOf(minimal), news).changes).toBe(true);
  });
});

describe("Banner runtime handler", () => {
  configuredStore();
  const h = handler("Banner");

  it("checks without the __provider key", async () => {
    const result = await h.check({}, { ...custom, __provider: "serialised" });
    expect(result.failures).toEqual([]);
    expect(result.inputs).toEqual(checked(custom));
  });

  it("returns check failures to the engine", async () => {
    const result = await h.check({}, { ...minimal, page: "brand_page" });
    expect(result.failures?.map((f) => f.property)).toEqual(["itemId"]);
  });

  it("diffs without the __provider key", async () => {
    const olds = { ...stateOf(custom), __provider: "old" };
    const news = { ...checked(custom), __provider: "new" };
    expect((await h.diff("3", olds, news)).changes).toBe(false);
  });
});
