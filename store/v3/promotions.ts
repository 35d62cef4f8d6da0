/**
 * `/v3/promotions` of the local store, after the promotions v3 spec and the behaviour it omits:
 * every invalid field reported under its path in a 422, the defaults the store fills in, fixed
 * `redemption_type`/`coupon_type`, 204 for deleting a missing promotion, and no deleting a
 * promotion that still has coupon codes. The code paths are in `./codes`.
 *
 * A POST of a COUPON promotion may carry `codes: {code, max_uses, max_uses_per_customer}`, which
 * becomes the promotion's first code; a PUT leaves the codes alone (they change through `/codes`).
 */
import { StoreRequest, StoreResponse, V3Error } from "../http";
import { StoredObject, StoreState } from "../state";
import { checkCodeWrite, addCode, promotionCodeRoutes } from "./codes";
import { idList, methodNotAllowed, notFound, offsetPage, unprocessable } from "./common";
import { checkPromotion, isObj } from "./promotion-model";

/** Most promotions one `id:in` bulk delete takes. */
export const PROMOTION_DELETE_BATCH = 50;
const BULK_TYPE = "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes";
const SORTS = ["id", "name", "priority", "start_date"];

const hasCodes = (state: StoreState, id: number) => state.data.promotion_codes.some((c) => c.promotion_id === id);

/** A stored promotion as the API shows it (coupon promotions say whether they have several codes). */
function view(state: StoreState, p: StoredObject): Record<string, unknown> {
  if (p.redemption_type !== "COUPON") return { ...p };
  const n = state.data.promotion_codes.filter((c) => c.promotion_id === p.id).length;
  return { ...p, multiple_codes: { has_multiple_codes: n > 1 } };
}

function find(state: StoreState, idText: string): StoredObject {
  const found = /^\d+$/.test(idText) ? state.data.promotions.find((p) => p.id === Number(idText)) : undefined;
  if (!found) throw notFound("promotion");
  return found;
}

function invalid(problems: Record<string, string>): V3Error {
  return unprocessable("The promotion is invalid.", problems);
}

function list(state: StoreState, q: URLSearchParams): StoreResponse {
  let items = [...state.data.promotions];
  const problems: Record<string, string> = {};
  const id = q.get("id");
  if (id !== null) {
    if (!/^\d+$/.test(id)) problems.id = "must be an integer";
    items = items.filter((p) => String(p.id) === id);
  }
  const name = q.get("name");
  if (name) items = items.filter((p) => p.name === name);
  const currency = q.get("currency_code");
  if (currency) items = items.filter((p) => p.currency_code === currency);
  const redemption = q.get("redemption_type");
  if (redemption) {
    const wanted = redemption.toUpperCase();
    if (wanted !== "AUTOMATIC" && wanted !== "COUPON") problems.redemption_type = "must be automatic or coupon";
    items = items.filter((p) => p.redemption_type === wanted);
  }
  const status = q.get("status");
  if (status) {
    const wanted = status.toUpperCase();
    if (!["ENABLED", "DISABLED", "INVALID"].includes(wanted)) problems.status = "must be ENABLED, DISABLED or INVALID";
    items = items.filter((p) => p.status === wanted);
  }
  const codeOf = (p: StoredObject) =>
    state.data.promotion_codes.filter((c) => c.promotion_id === p.id).map((c) => String(c.code).toLowerCase());
  const code = q.get("code");
  if (code) items = items.filter((p) => codeOf(p).includes(code.toLowerCase()));
  const text = q.get("query");
  if (text) {
    const t = text.toLowerCase();
    items = items.filter((p) => String(p.name).toLowerCase().includes(t) || codeOf(p).some((c) => c.includes(t)));
  }
  const channels = q.get("channels");
  if (channels) {
    const ids = channels.split(",").map((s) => s.trim());
    if (!ids.every((s) => /^\d+$/.test(s))) problems.channels = "must be a comma-separated list of channel ids";
    // Promotions that target all channels ([]) match every channel filter.
    items = items.filter((p) => {
      const targeted = (p.channels as { id: number }[]).map((c) => String(c.id));
      return targeted.length === 0 || ids.some((c) => targeted.includes(c));
    });
  }
  const sort = q.get("sort") || "id";
  if (!SORTS.includes(sort)) problems.sort = `must be one of ${SORTS.join(", ")}`;
  const direction = q.get("direction") || "asc";
  if (direction !== "asc" && direction !== "desc") problems.direction = "must be asc or desc";
  if (Object.keys(problems).length) throw unprocessable("Invalid query parameters.", problems);

  // The store keeps promotions in priority order of creation, so priority sorts like id.
  const key = sort === "priority" ? "id" : sort;
  const cmp = (a: StoredObject, b: StoredObject): number => {
    const x = a[key] as string | number;
    const y = b[key] as string | number;
    const byKey = key === "start_date" ? Date.parse(String(x)) - Date.parse(String(y)) : x < y ? -1 : x > y ? 1 : 0;
    return byKey || a.id - b.id;
  };
  items.sort(cmp);
  if (direction === "desc") items.reverse();
  const page = offsetPage(items, q);
  return { status: 200, body: { data: page.data.map((p) => view(state, p)), meta: { pagination: page.pagination } } };
}

function create(state: StoreState, body: unknown): StoreResponse {
  const { promotion, problems } = checkPromotion(body, undefined, new Date());
  const codeWrite = isObj(body) ? body.codes : undefined;
  if (codeWrite !== undefined && codeWrite !== null && promotion.redemption_type === "COUPON") {
    // A code given with the promotion is checked like POST /codes (fields reported under codes.).
    try {
      if (!Object.keys(problems).length) checkCodeWrite(state, codeWrite, "codes.");
    } catch (e) {
      if (e instanceof V3Error && e.status === 422) Object.assign(problems, e.errors);
      else throw e;
    }
  }
  if (Object.keys(problems).length) throw invalid(problems);
  const stored: StoredObject = { id: state.nextId("promotions"), ...promotion, current_uses: 0, created_from: "api" };
  state.data.promotions.push(stored);
  if (codeWrite !== undefined && codeWrite !== null && stored.redemption_type === "COUPON") {
    addCode(state, stored.id, checkCodeWrite(state, codeWrite, "codes."));
  }
  state.save();
  return { status: 201, body: { data: view(state, stored), meta: {} } };
}

function update(state: StoreState, existing: StoredObject, body: unknown): StoreResponse {
  const { promotion, problems } = checkPromotion(body, existing, new Date());
  if (Object.keys(problems).length) throw invalid(problems);
  Object.assign(existing, promotion);
  state.save();
  return { status: 200, body: { data: view(state, existing), meta: {} } };
}

/** `DELETE /promotions?id:in=...`: deletes what it can; a 422 in the bulk shape lists the refused ones. */
function bulkDelete(state: StoreState, q: URLSearchParams): StoreResponse {
  const ids = idList(q, "id:in");
  const bulkError = (
    title: string,
    errors: Record<string, string> | undefined,
    meta: { total: number; success: number; failed: number },
  ) => ({
    status: 422,
    body: { errors: [{ status: 422, title, type: BULK_TYPE, ...(errors ? { errors } : {}) }], meta },
  });
  if (!ids)
    return bulkError("Parameter id:in is required: a comma-separated list of promotion ids.", undefined, {
      total: 0,
      success: 0,
      failed: 0,
    });
  if (ids.length > PROMOTION_DELETE_BATCH) {
    return bulkError(`At most ${PROMOTION_DELETE_BATCH} promotions can be deleted at once.`, undefined, {
      total: ids.length,
      success: 0,
      failed: ids.length,
    });
  }
  const errors: Record<string, string> = {};
  ids.forEach((id, i) => {
    if (hasCodes(state, id))
      errors[`${i}.code`] = `Failed for id=${id}. Error: the promotion still has coupon codes; delete them first.`;
  });
  state.data.promotions = state.data.promotions.filter((p) => !ids.includes(p.id) || hasCodes(state, p.id));
  state.save();
  const failed = Object.keys(errors).length;
  if (failed)
    return bulkError("Errors occurred in bulk delete action.", errors, {
      total: ids.length,
      success: ids.length - failed,
      failed,
    });
  return { status: 204 };
}

/** Handles `/v3/promotions...`; undefined when the path is not a promotions path. */
export function promotionRoutes(state: StoreState, req: StoreRequest): StoreResponse | undefined {
  const codes = promotionCodeRoutes(state, req);
  if (codes) return codes;
  const m = /^\/v3\/promotions(?:\/([^/]+))?\/?$/.exec(req.path);
  if (!m) return undefined;
  const idText = m[1];
  if (idText === undefined) {
    if (req.method === "GET") return list(state, req.query);
    if (req.method === "POST") return create(state, req.body);
    if (req.method === "DELETE") return bulkDelete(state, req.query);
    throw methodNotAllowed(req.method);
  }
  if (req.method === "GET") return { status: 200, body: { data: view(state, find(state, idText)), meta: {} } };
  if (req.method === "PUT") return update(state, find(state, idText), req.body);
  if (req.method === "DELETE") {
    const existing = /^\d+$/.test(idText) ? state.data.promotions.find((p) => p.id === Number(idText)) : undefined;
    if (!existing) return { status: 204 };
    if (hasCodes(state, existing.id)) {
      throw new V3Error(422, "The promotion still has coupon codes and cannot be deleted; delete its codes first.", {
        codes: "delete the promotion's coupon codes before deleting it",
      });
    }
    state.data.promotions = state.data.promotions.filter((p) => p.id !== existing.id);
    state.save();
    return { status: 204 };
  }
  throw methodNotAllowed(req.method);
}
