/**
 * `/v2/coupons` of the local store, after the marketing v2 spec and the behaviour it omits:
 * amounts kept as strings with four decimals, RFC 2822 dates returned in GMT, unique names and
 * codes, read-only fields refused, a PUT without `applies_to` clearing it, 204 for empty lists.
 */
import { StoreRequest, StoreResponse, V2Error } from "../http";
import { StoreState } from "../state";
import {
  amountField,
  checkWriteShape,
  countOf,
  dateField,
  deleteAll,
  deleteOne,
  findById,
  formatRfc2822,
  invalidField,
  isWholeNumber,
  listPage,
  methodNotAllowed,
  nonEmptyStringField,
  wholeNumberField,
} from "./common";

type Coupon = Record<string, unknown> & { id: number };

const WRITABLE_TYPES = [
  "per_item_discount",
  "per_total_discount",
  "shipping_discount",
  "free_shipping",
  "percentage_discount",
];
const ALL_TYPES = [...WRITABLE_TYPES, "promotion"];
const READ_ONLY = ["id", "num_uses", "date_created"];
const WRITABLE = [
  "name",
  "code",
  "type",
  "amount",
  "min_purchase",
  "expires",
  "enabled",
  "applies_to",
  "max_uses",
  "max_uses_per_customer",
  "restricted_to",
  "shipping_methods",
];
const REQUIRED_ON_CREATE = ["name", "code", "type", "amount", "applies_to"];
const CODE_PATTERN = /^[A-Za-z0-9_ -]+$/;

/** Validates a write and returns the fields to store, in stored form. */
function validate(body: unknown, creating: boolean): Record<string, unknown> {
  const b = checkWriteShape(body, {
    noun: "coupon",
    readOnly: READ_ONLY,
    writable: WRITABLE,
    required: REQUIRED_ON_CREATE,
    creating,
  });
  const out: Record<string, unknown> = {};
  if (b.name !== undefined) {
    const name = nonEmptyStringField("name", b.name);
    if (name.length > 100) throw invalidField("name", "it must be at most 100 characters");
    out.name = name;
  }
  if (b.code !== undefined) {
    if (typeof b.code !== "string" || !b.code) throw invalidField("code", "it must be a non-empty string");
    if (b.code.length > 50) throw invalidField("code", "it must be at most 50 characters");
    if (!CODE_PATTERN.test(b.code))
      throw invalidField("code", "only letters, numbers, white space, underscores and hyphens are allowed");
    out.code = b.code;
  }
  if (b.type !== undefined) {
    if (typeof b.type !== "string" || !ALL_TYPES.includes(b.type))
      throw invalidField("type", `it must be one of ${WRITABLE_TYPES.join(", ")}`);
    if (b.type === "promotion")
      throw invalidField("type", "coupons of type promotion are managed by the promotions API");
    out.type = b.type;
  }
  for (const field of ["amount", "min_purchase"]) {
    if (b[field] !== undefined) {
      out[field] = amountField(field, b[field]);
    }
  }
  if (b.expires !== undefined) {
    if (b.expires === "" || b.expires === null) out.expires = "";
    else {
      out.expires = formatRfc2822(dateField("expires", b.expires));
    }
  }
  if (b.enabled !== undefined) {
    if (typeof b.enabled !== "boolean") throw invalidField("enabled", "it must be a boolean");
    out.enabled = b.enabled;
  }
  if (b.applies_to !== undefined) {
    const a = b.applies_to as { entity?: unknown; ids?: unknown };
    if (!a || typeof a !== "object" || Array.isArray(a))
      throw invalidField("applies_to", "it must be an object with entity and ids");
    if (a.entity !== "products" && a.entity !== "categories")
      throw invalidField("applies_to", "entity must be products or categories");
    if (!Array.isArray(a.ids) || a.ids.length === 0 || !a.ids.every(isWholeNumber))
      throw invalidField("applies_to", "ids must be a non-empty list of ids");
    out.applies_to = { entity: a.entity, ids: [...a.ids] };
  }
  for (const field of ["max_uses", "max_uses_per_customer"]) {
    if (b[field] !== undefined) {
      out[field] = wholeNumberField(field, b[field]);
    }
  }
  if (b.restricted_to !== undefined) {
    const r = b.restricted_to as Record<string, unknown> | unknown[];
    if (Array.isArray(r) && r.length === 0) out.restricted_to = {};
    else if (!r || typeof r !== "object" || Array.isArray(r))
      throw invalidField("restricted_to", "it must be an object");
    else {
      if (r.countries !== undefined && typeof r.countries !== "string")
        throw invalidField("restricted_to", "countries must be a string");
      out.restricted_to = r.countries ? { countries: r.countries } : {};
    }
  }
  if (b.shipping_methods !== undefined) {
    if (!Array.isArray(b.shipping_methods) || !b.shipping_methods.every((s) => typeof s === "string")) {
      throw invalidField("shipping_methods", "it must be a list of shipping method names");
    }
    out.shipping_methods = [...b.shipping_methods];
  }
  return out;
}

function checkCrossRules(c: Record<string, unknown>): void {
  if (c.type === "percentage_discount" && Number(c.amount) > 100) {
    throw invalidField("amount", "a percentage discount cannot be more than 100");
  }
}

/** Equal whatever the case, as the store compares codes and names. */
const same = (a: unknown, b: unknown) => String(a).toLowerCase() === String(b).toLowerCase();

function checkUnique(state: StoreState, c: Record<string, unknown>, selfId?: number): void {
  for (const other of state.data.coupons) {
    if (other.id === selfId) continue;
    if (same(other.name, c.name))
      throw new V2Error(409, `A coupon with the name '${String(c.name)}' already exists.`, { conflict_reason: "name" });
    if (same(other.code, c.code))
      throw new V2Error(409, `A coupon with the code '${String(c.code)}' already exists.`, { conflict_reason: "code" });
  }
}

const find = (state: StoreState, idText: string): Coupon => findById(state.data.coupons, idText);

/** Handles `/v2/coupons...`; undefined when the path is not a coupon path. */
export function couponRoutes(state: StoreState, req: StoreRequest): StoreResponse | undefined {
  const m = /^\/v2\/coupons(?:\/(count|[^/]+))?\/?$/.exec(req.path);
  if (!m) return undefined;
  const sub = m[1];
  const q = req.query;

  if (!sub) {
    if (req.method === "GET") {
      let list = [...state.data.coupons].sort((a, b) => a.id - b.id);
      const eq = (k: string) => q.get(k);
      if (eq("id")) list = list.filter((c) => String(c.id) === eq("id"));
      // codes and names are unique whatever their case: so are their filters
      if (eq("code")) list = list.filter((c) => same(c.code, eq("code")));
      if (eq("name")) list = list.filter((c) => same(c.name, eq("name")));
      if (eq("type")) list = list.filter((c) => c.type === eq("type"));
      if (eq("exclude_type")) list = list.filter((c) => c.type !== eq("exclude_type"));
      if (eq("min_id")) list = list.filter((c) => c.id >= Number(eq("min_id")));
      if (eq("max_id")) list = list.filter((c) => c.id <= Number(eq("max_id")));
      return listPage(list, q);
    }
    if (req.method === "POST") {
      const fields = validate(req.body, true);
      const coupon: Coupon = {
        id: 0,
        name: fields.name,
        type: fields.type,
        amount: fields.amount,
        min_purchase: fields.min_purchase ?? "0.0000",
        expires: fields.expires ?? "",
        enabled: fields.enabled ?? true,
        code: fields.code,
        applies_to: fields.applies_to,
        num_uses: 0,
        max_uses: fields.max_uses ?? 0,
        max_uses_per_customer: fields.max_uses_per_customer ?? 0,
        restricted_to: fields.restricted_to ?? {},
        shipping_methods: fields.shipping_methods ?? [],
        date_created: formatRfc2822(new Date()),
      };
      checkCrossRules(coupon);
      checkUnique(state, coupon);
      coupon.id = state.nextId("coupons"); // only a stored coupon takes an id
      state.data.coupons.push(coupon);
      state.save();
      return { status: 201, body: coupon };
    }
    if (req.method === "DELETE") {
      const ids = q.get("id:in");
      if (ids === null) return deleteAll(state, "coupons");
      const wanted = new Set(ids.split(",").map((s) => Number(s.trim())));
      state.data.coupons = state.data.coupons.filter((c) => !wanted.has(c.id));
      state.save();
      return { status: 204 };
    }
    throw methodNotAllowed(req.method);
  }

  if (sub === "count") return countOf(req.method, state.data.coupons);

  if (req.method === "GET") return { status: 200, body: find(state, sub) };
  if (req.method === "PUT") {
    const existing = find(state, sub);
    const fields = validate(req.body, false);
    // A PUT without applies_to clears it on the coupon (documented behaviour).
    const next: Coupon = { ...existing, ...fields, applies_to: fields.applies_to ?? null };
    checkCrossRules(next);
    checkUnique(state, next, existing.id);
    Object.assign(existing, next);
    state.save();
    return { status: 200, body: existing };
  }
  if (req.method === "DELETE") return deleteOne(state, "coupons", find(state, sub));
  throw methodNotAllowed(req.method);
}
