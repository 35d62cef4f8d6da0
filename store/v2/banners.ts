/**
 * `/v2/banners` of the local store, after the marketing v2 spec and the behaviour it omits:
 * every value but the id is a string (`visible` "1"/"0", `item_id` digits, dates as unix
 * timestamps with "0" for none, `date_created` a unix timestamp too); a create answers 200 as
 * the spec says; read-only fields are refused; a PUT changes only the fields it carries;
 * an empty list is 204. The spec has no filter but `min_id`/`max_id`, and no `id:in` delete:
 * `DELETE /v2/banners` deletes every banner.
 */
import { StoreRequest, StoreResponse } from "../http";
import { StoredObject, StoreState } from "../state";
import {
  checkWriteShape,
  countOf,
  deleteAll,
  deleteOne,
  findById,
  invalidField,
  listPage,
  methodNotAllowed,
  nonEmptyStringField,
  oneOfField,
} from "./common";

type Banner = StoredObject;

export const BANNER_PAGES = ["home_page", "category_page", "brand_page", "search_page"];
export const BANNER_LOCATIONS = ["top", "bottom"];
export const BANNER_DATE_TYPES = ["always", "custom"];

const READ_ONLY = ["id", "date_created"];
const WRITABLE = ["name", "content", "page", "location", "date_type", "date_from", "date_to", "visible", "item_id"];
const REQUIRED_ON_CREATE = ["name", "content", "page", "location", "date_type"];
const DIGITS = /^\d+$/;

/** "007" is stored as "7", "000" as "0" (the store keeps numbers, not their spelling). */
const digits = (v: string) => v.replace(/^0+(?=\d)/, "");

/** Validates a write and returns the fields to store, in stored form. */
function validate(body: unknown, creating: boolean): Record<string, unknown> {
  const b = checkWriteShape(body, {
    noun: "banner",
    readOnly: READ_ONLY,
    writable: WRITABLE,
    required: REQUIRED_ON_CREATE,
    creating,
  });
  const out: Record<string, unknown> = {};
  for (const field of ["name", "content"]) {
    if (b[field] !== undefined) out[field] = nonEmptyStringField(field, b[field]);
  }
  const choices: Array<[string, string[]]> = [
    ["page", BANNER_PAGES],
    ["location", BANNER_LOCATIONS],
    ["date_type", BANNER_DATE_TYPES],
  ];
  for (const [field, allowed] of choices) {
    if (b[field] !== undefined) out[field] = oneOfField(field, b[field], allowed);
  }
  for (const field of ["date_from", "date_to"]) {
    if (b[field] !== undefined) {
      const v = b[field];
      if (typeof v !== "string" || !DIGITS.test(v))
        throw invalidField(field, 'it must be a unix timestamp written as a string of digits ("0" for none)');
      out[field] = digits(v);
    }
  }
  if (b.visible !== undefined) {
    if (b.visible !== "1" && b.visible !== "0")
      throw invalidField("visible", 'it must be the string "1" (visible) or "0" (hidden)');
    out.visible = b.visible;
  }
  if (b.item_id !== undefined) {
    if (typeof b.item_id !== "string" || !DIGITS.test(b.item_id))
      throw invalidField("item_id", 'it must be a category or brand id written as a string of digits ("0" for none)');
    out.item_id = digits(b.item_id);
  }
  return out;
}

/** A banner shown between dates needs both, the end after the start. */
function checkCrossRules(b: Banner): void {
  if (b.date_type !== "custom") return;
  for (const field of ["date_from", "date_to"]) {
    if (b[field] === "0") throw invalidField(field, "a banner with date_type custom needs a date_from and a date_to");
  }
  if (Number(b.date_to) <= Number(b.date_from)) throw invalidField("date_to", "it must be after date_from");
}

/** A banner id in a path is digits only ("1.0" or " 1" is no banner). */
const find = (state: StoreState, idText: string): Banner => findById(state.data.banners, idText, (t) => DIGITS.test(t));

function idFilter(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  if (!DIGITS.test(v)) throw invalidField(name, "it must be a whole number");
  return Number(v);
}

/** Handles `/v2/banners...`; undefined when the path is not a banner path. */
export function bannerRoutes(state: StoreState, req: StoreRequest): StoreResponse | undefined {
  const m = /^\/v2\/banners(?:\/(count|[^/]+))?\/?$/.exec(req.path);
  if (!m) return undefined;
  const sub = m[1];
  const q = req.query;

  if (!sub) {
    if (req.method === "GET") {
      let list = [...state.data.banners].sort((a, b) => a.id - b.id);
      const min = idFilter(q, "min_id");
      const max = idFilter(q, "max_id");
      if (min !== undefined) list = list.filter((b) => b.id >= min);
      if (max !== undefined) list = list.filter((b) => b.id <= max);
      return listPage(list, q);
    }
    if (req.method === "POST") {
      const fields = validate(req.body, true);
      const banner: Banner = {
        id: 0,
        name: fields.name,
        content: fields.content,
        page: fields.page,
        item_id: fields.item_id ?? "0",
        location: fields.location,
        date_created: String(Math.floor(Date.now() / 1000)),
        date_type: fields.date_type,
        date_from: fields.date_from ?? "0",
        date_to: fields.date_to ?? "0",
        visible: fields.visible ?? "1",
      };
      checkCrossRules(banner);
      banner.id = state.nextId("banners"); // only a stored banner takes an id
      state.data.banners.push(banner);
      state.save();
      return { status: 200, body: banner };
    }
    if (req.method === "DELETE") return deleteAll(state, "banners");
    throw methodNotAllowed(req.method);
  }

  if (sub === "count") return countOf(req.method, state.data.banners);

  if (req.method === "GET") return { status: 200, body: find(state, sub) };
  if (req.method === "PUT") {
    const existing = find(state, sub);
    const fields = validate(req.body, false);
    const next: Banner = { ...existing, ...fields };
    checkCrossRules(next);
    Object.assign(existing, next);
    state.save();
    return { status: 200, body: existing };
  }
  if (req.method === "DELETE") return deleteOne(state, "banners", find(state, sub));
  throw methodNotAllowed(req.method);
}
