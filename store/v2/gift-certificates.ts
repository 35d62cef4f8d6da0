/**
 * `/v2/gift_certificates` of the local store, after the marketing v2 spec and the behaviour it
 * omits: amounts kept as strings with four decimals, dates taken in RFC 2822 and returned as
 * unix-timestamp strings ("0" when unset), a code cut to 20 characters and generated (20 hex
 * characters) when none is given, read-only fields refused, 204 for empty lists, and
 * certificates past their expiry date moved to `expired` by the store itself.
 */
import { randomBytes } from "node:crypto";
import { StoreRequest, StoreResponse, V2Error } from "../http";
import { StoreState, StoredObject } from "../state";
import {
  amountField,
  checkWriteShape,
  dateField,
  deleteAll,
  deleteOne,
  findById,
  invalidField,
  listPage,
  methodNotAllowed,
  nonEmptyStringField,
  oneOfField,
  wholeNumberField,
} from "./common";

export const TEMPLATES = [
  "birthday.html",
  "boy.html",
  "girl.html",
  "celebration.html",
  "christmas.html",
  "general.html",
];
export const STATUSES = ["active", "pending", "disabled", "expired"];
/** Currencies this store has (a certificate's currency must exist in the store); the first is the default. */
export const STORE_CURRENCIES = ["USD", "EUR", "GBP", "AUD", "CAD"];
/** Codes longer than this are cut to it. */
export const CODE_LENGTH = 20;
/** Template of a certificate created without one (the control panel's "General" theme). */
export const DEFAULT_TEMPLATE = "general.html";

const READ_ONLY = ["id", "order_id"];
const WRITABLE = [
  "to_name",
  "to_email",
  "from_name",
  "from_email",
  "amount",
  "balance",
  "purchase_date",
  "expiry_date",
  "customer_id",
  "template",
  "message",
  "code",
  "status",
  "currency_code",
];
const REQUIRED_ON_CREATE = ["to_name", "to_email", "from_name", "from_email", "amount"];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MESSAGE_LENGTH = 250;

/** Unix seconds as a string, the form the API returns dates in. */
function timestamp(d: Date): string {
  return String(Math.floor(d.getTime() / 1000));
}

/** Validates a write and returns the fields to store, in stored form. */
function validate(body: unknown, creating: boolean): Record<string, unknown> {
  const b = checkWriteShape(body, {
    noun: "gift certificate",
    readOnly: READ_ONLY,
    writable: WRITABLE,
    required: REQUIRED_ON_CREATE,
    creating,
  });
  const out: Record<string, unknown> = {};
  for (const field of ["to_name", "from_name"]) {
    if (b[field] !== undefined) out[field] = nonEmptyStringField(field, b[field]);
  }
  for (const field of ["to_email", "from_email"]) {
    const v = b[field];
    if (v !== undefined) {
      if (typeof v !== "string" || !EMAIL.test(v)) throw invalidField(field, "it must be an email address");
      out[field] = v;
    }
  }
  for (const field of ["amount", "balance"]) {
    if (b[field] !== undefined) {
      out[field] = amountField(field, b[field]);
    }
  }
  if (b.purchase_date !== undefined) {
    out.purchase_date = timestamp(dateField("purchase_date", b.purchase_date));
  }
  if (b.expiry_date !== undefined) {
    if (b.expiry_date === "" || b.expiry_date === null) out.expiry_date = "0";
    else {
      out.expiry_date = timestamp(dateField("expiry_date", b.expiry_date));
    }
  }
  if (b.customer_id !== undefined) out.customer_id = wholeNumberField("customer_id", b.customer_id);
  if (b.template !== undefined) out.template = oneOfField("template", b.template, TEMPLATES);
  if (b.message !== undefined) {
    if (typeof b.message !== "string") throw invalidField("message", "it must be a string");
    if (b.message.length > MESSAGE_LENGTH)
      throw invalidField("message", `it must be at most ${MESSAGE_LENGTH} characters`);
    out.message = b.message;
  }
  if (b.code !== undefined) {
    const code = nonEmptyStringField("code", b.code);
    if (code.length > 255) throw invalidField("code", "it must be at most 255 characters");
    out.code = code.slice(0, CODE_LENGTH); // documented: longer codes are cut, not refused
  }
  if (b.status !== undefined) out.status = oneOfField("status", b.status, STATUSES);
  if (b.currency_code !== undefined) {
    if (typeof b.currency_code !== "string" || !/^[A-Za-z]{3}$/.test(b.currency_code)) {
      throw invalidField("currency_code", "it must be an ISO 4217 currency code");
    }
    const code = b.currency_code.toUpperCase();
    if (!STORE_CURRENCIES.includes(code))
      throw invalidField("currency_code", `the currency ${code} does not exist in the store`);
    out.currency_code = code;
  }
  return out;
}

/** Codes are unique in the store. The message does not repeat the code: it is a bearer secret. */
function checkUnique(state: StoreState, code: unknown, selfId?: number): void {
  if (state.data.gift_certificates.some((g) => g.id !== selfId && g.code === code)) {
    throw new V2Error(409, "A gift certificate with this code already exists.", { conflict_reason: "code" });
  }
}

function generateCode(state: StoreState): string {
  for (;;) {
    const code = randomBytes(CODE_LENGTH / 2)
      .toString("hex")
      .toUpperCase();
    if (!state.data.gift_certificates.some((g) => g.code === code)) return code;
  }
}

/** The store moves active certificates past their expiry date to `expired` (done whenever they are read). */
function expireDue(state: StoreState, now = Date.now()): void {
  let changed = false;
  for (const g of state.data.gift_certificates) {
    const expiry = Number(g.expiry_date);
    if (g.status === "active" && expiry > 0 && expiry * 1000 <= now) {
      g.status = "expired";
      changed = true;
    }
  }
  if (changed) state.save();
}

const find = (state: StoreState, idText: string): StoredObject => findById(state.data.gift_certificates, idText);

function filterList(state: StoreState, q: URLSearchParams): StoredObject[] {
  let list = [...state.data.gift_certificates];
  const eq = (k: string) => q.get(k);
  for (const field of ["code", "to_name", "to_email", "from_name", "from_email"]) {
    const v = eq(field);
    if (v !== null && v !== "") list = list.filter((g) => g[field] === v);
  }
  const intParam = (k: string): number | undefined => {
    const v = eq(k);
    if (v === null || v === "") return undefined;
    const n = Number(v);
    if (!Number.isInteger(n)) throw invalidField(k, "it must be an integer");
    return n;
  };
  const orderId = intParam("order_id");
  const minId = intParam("min_id");
  const maxId = intParam("max_id");
  if (orderId !== undefined) list = list.filter((g) => g.order_id === orderId);
  if (minId !== undefined) list = list.filter((g) => g.id >= minId);
  if (maxId !== undefined) list = list.filter((g) => g.id <= maxId);
  const sort = eq("sort");
  if (sort !== null && sort !== "id") throw invalidField("sort", "it must be id");
  const direction = eq("direction") ?? "asc";
  if (direction !== "asc" && direction !== "desc") {
    throw invalidField("direction", "it must be asc or desc");
  }
  list.sort((a, b) => (direction === "asc" ? a.id - b.id : b.id - a.id));
  return list;
}

/** Handles `/v2/gift_certificates...`; undefined when the path is not a gift certificate path. */
export function giftCertificateRoutes(state: StoreState, req: StoreRequest): StoreResponse | undefined {
  const m = /^\/v2\/gift_certificates(?:\/([^/]+))?\/?$/.exec(req.path);
  if (!m) return undefined;
  const sub = m[1];
  expireDue(state);

  if (!sub) {
    if (req.method === "GET") return listPage(filterList(state, req.query), req.query);
    if (req.method === "POST") {
      const fields = validate(req.body, true);
      const now = new Date();
      const cert: StoredObject = {
        id: 0,
        customer_id: fields.customer_id ?? 0,
        order_id: 0,
        code: fields.code ?? generateCode(state),
        to_name: fields.to_name,
        to_email: fields.to_email,
        from_name: fields.from_name,
        from_email: fields.from_email,
        amount: fields.amount,
        balance: fields.balance ?? fields.amount, // documented: defaults to the amount
        status: fields.status ?? "active",
        template: fields.template ?? DEFAULT_TEMPLATE,
        message: fields.message ?? "",
        purchase_date: fields.purchase_date ?? timestamp(now), // documented: defaults to today
        expiry_date: fields.expiry_date ?? "0",
        currency_code: fields.currency_code ?? STORE_CURRENCIES[0],
      };
      checkUnique(state, cert.code);
      cert.id = state.nextId("gift_certificates"); // only a stored certificate takes an id
      state.data.gift_certificates.push(cert);
      state.save();
      expireDue(state);
      return { status: 201, body: cert };
    }
    if (req.method === "DELETE") return deleteAll(state, "gift_certificates");
    throw methodNotAllowed(req.method);
  }

  if (req.method === "GET") return { status: 200, body: find(state, sub) };
  if (req.method === "PUT") {
    const existing = find(state, sub);
    const fields = validate(req.body ?? {}, false);
    if (fields.code !== undefined) checkUnique(state, fields.code, existing.id);
    Object.assign(existing, fields);
    state.save();
    expireDue(state);
    return { status: 200, body: existing };
  }
  if (req.method === "DELETE") return deleteOne(state, "gift_certificates", find(state, sub));
  throw methodNotAllowed(req.method);
}
