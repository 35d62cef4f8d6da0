import { z } from "zod";
import { Failure, failure, InputsOf } from "../common/kind";
import { parseDate } from "../common/values";

export const BANNER_PAGES = ["home_page", "category_page", "brand_page", "search_page"] as const;
export type BannerPage = (typeof BANNER_PAGES)[number];
export const BANNER_LOCATIONS = ["top", "bottom"] as const;
export type BannerLocation = (typeof BANNER_LOCATIONS)[number];
export const BANNER_DATE_TYPES = ["always", "custom"] as const;
export type BannerDateType = (typeof BANNER_DATE_TYPES)[number];

/** Pages whose banners belong to one item (a category or a brand), named by `itemId`. */
export const ITEM_PAGES: readonly BannerPage[] = ["category_page", "brand_page"];

/** The last second of 9999-12-31 UTC: anything above is not a date in seconds (often milliseconds). */
const MAX_UNIX_SECONDS = 253402300799;

/** A date in the canonical form of banner inputs: ISO 8601 in UTC, whole seconds (`2026-12-01T00:00:00Z`). */
export function isoSeconds(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * Reads a banner date: ISO 8601 or RFC 2822 text, or a unix timestamp in seconds (a number, or
 * a string of digits as the API writes it). Returns the unix seconds, or undefined when the
 * value is none of those or lies outside 1970-01-01T00:00:01Z .. 9999-12-31T23:59:59Z.
 * Sub-second parts are dropped, as the store keeps whole seconds.
 */
export function bannerSeconds(v: unknown): number | undefined {
  let seconds: number | undefined;
  if (typeof v === "number") {
    seconds = Number.isInteger(v) ? v : undefined;
  } else if (typeof v === "string") {
    const s = v.trim();
    if (/^\d+$/.test(s)) seconds = s.length <= 12 ? Number(s) : undefined;
    else {
      const d = parseDate(s);
      seconds = d ? Math.floor(d.getTime() / 1000) : undefined;
    }
  }
  if (seconds === undefined || seconds < 1 || seconds > MAX_UNIX_SECONDS) return undefined;
  return seconds;
}

/** A banner date in canonical form, or undefined when it does not parse. */
export function normalizeBannerDate(v: unknown): string | undefined {
  const s = bannerSeconds(v);
  return s === undefined ? undefined : isoSeconds(s);
}

const date = z
  .union([z.string(), z.number()])
  .refine((v) => v === "" || bannerSeconds(v) !== undefined, {
    message:
      "must be a date in ISO 8601 (2026-12-01 or 2026-12-01T09:00:00Z) or RFC 2822 form, or a unix timestamp in seconds, after 1970 and before 10000",
  })
  .transform((v) => (v === "" ? "" : (normalizeBannerDate(v) as string)))
  .default("");

const notBlank = (s: string) => s.trim().length > 0;

/**
 * One zod schema per input. Each validates the rule the API documents and canonicalises the
 * value to the form `fromApi` gives the store's answer, so that the diff compares like with like.
 */
export const bannerFields = {
  name: z.string().refine(notBlank, "must not be empty"),
  content: z.string().refine(notBlank, "must not be empty"),
  page: z.enum(BANNER_PAGES),
  location: z.enum(BANNER_LOCATIONS),
  dateType: z.enum(BANNER_DATE_TYPES).default("always"),
  dateFrom: date,
  dateTo: date,
  visible: z.boolean().default(true),
  itemId: z.number().int("must be a whole number").nonnegative("must not be negative").default(0),
};

/**
 * Canonical banner inputs, as check returns them and state holds them. Dates are ISO 8601 UTC
 * (`2026-12-01T00:00:00Z`) or "" for none; `itemId` is 0 for none (the API's "0").
 */
export type BannerInputs = InputsOf<typeof bannerFields>;

/** Rules across properties: the dates go with `dateType`, the item id with `page`. */
export function bannerCrossCheck(inputs: Partial<BannerInputs>, known: (k: keyof BannerInputs) => boolean): Failure[] {
  const failures: Failure[] = [];
  if (known("dateType")) {
    const dates = ["dateFrom", "dateTo"] as const;
    if (inputs.dateType === "custom") {
      for (const key of dates) {
        if (known(key) && inputs[key] === "") {
          failures.push(
            failure(key, `${key}: is required when dateType is "custom" (the banner shows from dateFrom to dateTo)`),
          );
        }
      }
      if (
        known("dateFrom") &&
        known("dateTo") &&
        inputs.dateFrom &&
        inputs.dateTo &&
        Date.parse(inputs.dateTo) <= Date.parse(inputs.dateFrom)
      ) {
        failures.push(
          failure(
            "dateTo",
            `dateTo: must be after dateFrom (got dateFrom ${inputs.dateFrom}, dateTo ${inputs.dateTo})`,
          ),
        );
      }
    } else {
      for (const key of dates) {
        if (known(key) && inputs[key] !== "") {
          failures.push(
            failure(
              key,
              `${key}: must be absent when dateType is "${inputs.dateType}" (set dateType to "custom" to show the banner between dates)`,
            ),
          );
        }
      }
    }
  }
  if (known("page") && known("itemId")) {
    const page = inputs.page as BannerPage;
    if (ITEM_PAGES.includes(page) && inputs.itemId === 0) {
      const what = page === "category_page" ? "category" : "brand";
      failures.push(
        failure(
          "itemId",
          `itemId: is required when page is "${page}" (the id of the ${what} whose page shows the banner)`,
        ),
      );
    }
    if (!ITEM_PAGES.includes(page) && inputs.itemId !== 0) {
      failures.push(
        failure(
          "itemId",
          `itemId: must be absent when page is "${page}" (only category_page and brand_page banners belong to an item)`,
        ),
      );
    }
  }
  return failures;
}
