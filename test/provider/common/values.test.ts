import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import {
  compact,
  deepEqual,
  isMoney,
  isUnknown,
  money4,
  normalizeDate,
  parseDate,
  rfc2822,
  UNKNOWN,
} from "../../../provider/common/values";

describe("money4", () => {
  it.each<[unknown, string]>([
    ["5", "5.0000"],
    [5, "5.0000"],
    ["5.10", "5.1000"],
    ["5.00000", "5.0000"],
    ["5.123400", "5.1234"],
    [" 12.5 ", "12.5000"],
    ["0", "0.0000"],
    [0, "0.0000"],
    ["007", "7.0000"],
    [15.25, "15.2500"],
    ["123456789012345678901234.5", "123456789012345678901234.5000"],
  ])("reads %p as %p", (input, expected) => {
    expect(money4(input)).toBe(expected);
    expect(isMoney(input)).toBe(true);
  });

  it.each<[string, unknown]>([
    ["more than four significant decimals", "5.12345"],
    ["a number with more than four significant decimals", 5.12345],
    ["a number too large to write without an exponent", 1e21],
    ["a negative string", "-1"],
    ["a negative number", -1],
    ["letters", "abc"],
    ["an empty string", ""],
    ["a trailing dot", "5."],
    ["a leading dot", ".5"],
    ["an exponent", "1e3"],
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["a boolean", true],
    ["null", null],
    ["undefined", undefined],
  ])("refuses %s", (_what, input) => {
    expect(money4(input)).toBeUndefined();
    expect(isMoney(input)).toBe(false);
  });
});

describe("parseDate / normalizeDate", () => {
  const END = "Thu, 31 Dec 2026 23:59:00 +0000";

  it("reads an ISO date as midnight UTC", () => {
    expect(parseDate("2026-12-31")?.toISOString()).toBe("2026-12-31T00:00:00.000Z");
    expect(normalizeDate("2026-12-31")).toBe("Thu, 31 Dec 2026 00:00:00 +0000");
  });

  it.each([
    "2026-12-31T23:59:00Z",
    "2026-12-31T23:59Z",
    "2026-12-31T23:59:00.000Z",
    "2026-12-31 23:59:00Z",
    "2027-01-01T01:59:00+02:00",
    "2027-01-01T01:59:00+0200",
    "2026-12-31T18:59:00-05:00",
    "Thu, 31 Dec 2026 23:59:00 +0000",
    "31 Dec 2026 23:59:00 +0000",
    "Thu, 31 Dec 2026 23:59 +0000",
    "Fri, 01 Jan 2027 01:59:00 +0200",
    "Thu, 31 Dec 2026 18:59:00 -0500",
    "Thu, 31 Dec 2026 18:59:00 EST",
    "Thu, 31 Dec 2026 23:59:00 GMT",
    "  2026-12-31T23:59:00Z  ",
  ])("reads %p as the same GMT instant", (input) => {
    expect(normalizeDate(input)).toBe(END);
  });

  it("writes dates in the API's RFC 2822 GMT form", () => {
    expect(rfc2822(new Date(Date.UTC(2026, 0, 5, 7, 8, 9)))).toBe("Mon, 05 Jan 2026 07:08:09 +0000");
  });

  it("is stable: a normalised date normalises to itself", () => {
    const once = normalizeDate("2027-01-01T01:59:00+02:00") as string;
    expect(normalizeDate(once)).toBe(once);
  });

  it("accepts a valid Date object and refuses an invalid one", () => {
    const d = new Date(Date.UTC(2026, 11, 31, 23, 59));
    expect(parseDate(d)).toBe(d);
    expect(parseDate(new Date(Number.NaN))).toBeUndefined();
  });

  it.each([
    "1",
    "tomorrow",
    "next friday",
    "",
    "2026",
    "2026-12",
    "12/31/2026",
    "2026-13-01",
    "2026-12-32",
    "2026-02-30",
    "2026-02-29",
    "2026-04-31T10:00:00Z",
    "Mon, 30 Feb 2026 10:00:00 +0000",
    "2026-12-31T25:00:00Z",
    "31 Foo 2026 23:59 +0000",
    "2026-12-31T23:59:00Z trailing",
  ])("refuses %p", (input) => {
    expect(parseDate(input)).toBeUndefined();
    expect(normalizeDate(input)).toBeUndefined();
  });

  it("accepts 29 February in a leap year", () => {
    expect(normalizeDate("2028-02-29")).toBe("Tue, 29 Feb 2028 00:00:00 +0000");
  });

  it.each([undefined, null, 20261231, {}, []])("refuses a non-string %p", (input) => {
    expect(parseDate(input)).toBeUndefined();
  });

  describe("without a zone", () => {
    // jest gives each test file its own copy of process.env, so a change of TZ here would not
    // reach the clock: run the module in a node process of its own for each zone.
    const compiled = ts.transpileModule(
      fs.readFileSync(path.join(__dirname, "../../../provider/common/values.ts"), "utf8"),
      {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
      },
    ).outputText;

    function normalizeIn(tz: string, inputs: string[]): Array<string | undefined> {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "values-"));
      try {
        fs.writeFileSync(path.join(dir, "values.js"), compiled);
        const out = execFileSync(
          process.execPath,
          [
            "-e",
            "const v=require('./values.js');process.stdout.write(JSON.stringify(JSON.parse(process.argv[1]).map(v.normalizeDate)))",
            JSON.stringify(inputs),
          ],
          { cwd: dir, env: { ...process.env, TZ: tz }, encoding: "utf8" },
        );
        return (JSON.parse(out) as Array<string | null>).map((x) => x ?? undefined);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }

    it.each(["America/New_York", "Asia/Tokyo", "UTC"])(
      "reads a date-time without a zone as UTC whatever the machine's zone (TZ=%s)",
      (tz) => {
        expect(
          normalizeIn(tz, [
            "2026-12-31T23:59:00",
            "2026-12-31 23:59",
            "Thu, 31 Dec 2026 23:59:00",
            "2026-12-31",
            "2026-12-31T18:59:00-05:00",
          ]),
        ).toEqual([END, END, END, "Thu, 31 Dec 2026 00:00:00 +0000", END]);
      },
    );
  });
});

describe("isUnknown", () => {
  it("finds the preview placeholder at the top and nested in arrays and objects", () => {
    expect(isUnknown(UNKNOWN)).toBe(true);
    expect(isUnknown([1, UNKNOWN])).toBe(true);
    expect(isUnknown({ entity: "products", ids: [1, UNKNOWN] })).toBe(true);
    expect(isUnknown({ a: { b: { c: [UNKNOWN] } } })).toBe(true);
    expect(isUnknown([{ x: UNKNOWN }])).toBe(true);
  });

  it("is false for known values", () => {
    for (const v of [
      undefined,
      null,
      "",
      0,
      false,
      "04da6b54",
      { entity: "categories", ids: [0] },
      [[1], { a: "b" }],
    ]) {
      expect(isUnknown(v)).toBe(false);
    }
  });
});

describe("deepEqual", () => {
  it("ignores object key order, also nested", () => {
    expect(deepEqual({ a: 1, b: { c: [1, 2], d: "x" } }, { b: { d: "x", c: [1, 2] }, a: 1 })).toBe(true);
  });

  it("ignores keys whose value is undefined", () => {
    expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
  });

  it("tells different values apart", () => {
    expect(deepEqual({ a: 1 }, { a: 2 })).toBe(false);
    expect(deepEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual([1, 2], [1, 2, 3])).toBe(false);
    expect(deepEqual(null, {})).toBe(false);
    expect(deepEqual({}, [])).toBe(false);
    expect(deepEqual("5", 5)).toBe(false);
    expect(deepEqual({ a: null }, { a: undefined })).toBe(false);
  });

  it("is true for equal primitives and empty containers", () => {
    expect(deepEqual("x", "x")).toBe(true);
    expect(deepEqual([], [])).toBe(true);
    expect(deepEqual({}, {})).toBe(true);
    expect(deepEqual(null, null)).toBe(true);
  });
});

describe("compact", () => {
  it("drops undefined values only", () => {
    expect(compact({ a: undefined, b: null, c: 0, d: "" })).toEqual({ b: null, c: 0, d: "" });
    expect(Object.keys(compact({ a: undefined, b: 1 }))).toEqual(["b"]);
  });
});
