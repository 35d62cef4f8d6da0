import { bannerSeconds, BannerDateType, BannerInputs, BannerLocation, BannerPage, isoSeconds } from "./schema";

/**
 * A banner as the v2 API returns it. Every value but the id is a string: `visible` "1"/"0",
 * `item_id` digits ("0" for none), dates unix timestamps in seconds ("0" for none).
 */
export interface ApiBanner {
  id: number;
  name: string;
  content: string;
  page: string;
  item_id: string;
  location: string;
  date_created: string;
  date_type: string;
  date_from: string;
  date_to: string;
  visible: string;
}

/** A canonical date ("" or ISO 8601) -> the API's unix-timestamp string ("0" for none). */
export function toApiDate(iso: string): string {
  if (!iso) return "0";
  const s = bannerSeconds(iso);
  if (s === undefined) throw new Error(`banner date ${JSON.stringify(iso)} is not a date`);
  return String(s);
}

/**
 * The API's date -> the canonical form: "" for none ("0", "", null), ISO 8601 UTC otherwise.
 * A value that is no date at all is kept as it is, so that it shows as drift.
 */
export function fromApiDate(v: string | number | null | undefined): string {
  if (v === null || v === undefined || v === "" || v === "0" || v === 0) return "";
  const s = bannerSeconds(v);
  return s === undefined ? String(v) : isoSeconds(s);
}

/** Canonical inputs -> request body: every writable field, in the API's string forms. */
export function toApi(b: BannerInputs): Record<string, string> {
  return {
    name: b.name,
    content: b.content,
    page: b.page,
    location: b.location,
    date_type: b.dateType,
    date_from: toApiDate(b.dateFrom),
    date_to: toApiDate(b.dateTo),
    visible: b.visible ? "1" : "0",
    item_id: String(b.itemId),
  };
}

/** API object -> canonical inputs (what the store holds, in the form check produces). */
export function fromApi(a: ApiBanner): BannerInputs {
  const item = Number(a.item_id ?? 0);
  return {
    name: a.name,
    content: a.content,
    page: a.page as BannerPage,
    location: a.location as BannerLocation,
    dateType: a.date_type as BannerDateType,
    dateFrom: fromApiDate(a.date_from),
    dateTo: fromApiDate(a.date_to),
    visible: String(a.visible) === "1" || (a.visible as unknown) === true,
    itemId: Number.isFinite(item) ? item : (a.item_id as unknown as number),
  };
}

/** Output-only values of a banner. `dateCreated` in ISO 8601 UTC, like the other dates. */
export function outputsFromApi(a: ApiBanner): { bannerId: number; dateCreated: string } {
  return { bannerId: a.id, dateCreated: fromApiDate(a.date_created) };
}
