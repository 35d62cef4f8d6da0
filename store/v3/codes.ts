/**
 * Coupon codes of the local store's v3 coupon promotions: `/v3/promotions/{id}/codes` (cursor
 * pagination), `/v3/promotions/{id}/codegen` (BULK promotions only), and the by-code paths
 * `/v3/promotions/codes?code=...`. Codes are unique in the store, whatever their case.
 */
import * as crypto from "node:crypto";
import { StoreRequest, StoreResponse, V3Error } from "../http";
import { StoredObject, StoreState } from "../state";
import { cursorPage, formatIsoDate, idList, methodNotAllowed, notFound, unprocessable } from "./common";
import { isObj } from "./promotion-model";

const CODE_PATTERN = /^[A-Za-z0-9_ -]+$/;
const AFFIX_PATTERN = /^[A-Z0-9_-]*$/;
const GENERATED_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
/**
 * Most codes one `id:in` bulk delete takes: 50, as the developer portal states, where the spec
 * says 250 (the strict reading; a real store may refuse more than 50).
 */
export const CODE_DELETE_BATCH = 50;
export const CODEGEN_BATCH = 250;

/** A stored code as the API shows it (without the promotion it belongs to). */
export function publicCode(c: StoredObject): Record<string, unknown> {
  const { promotion_id: _promotionId, ...rest } = c;
  return rest;
}

const codesOf = (state: StoreState, promotionId: number) =>
  state.data.promotion_codes.filter((c) => c.promotion_id === promotionId).sort((a, b) => a.id - b.id);

const codeTaken = (state: StoreState, code: string) =>
  state.data.promotion_codes.some((c) => String(c.code).toLowerCase() === code.toLowerCase());

/** Checks a code write (`code`, `max_uses`, `max_uses_per_customer`); `prefix` names the fields in errors. */
export function checkCodeWrite(
  state: StoreState,
  body: unknown,
  prefix = "",
): { code: string; max_uses: number; max_uses_per_customer: number } {
  if (!isObj(body)) throw unprocessable("The coupon code is invalid.", { [prefix || "body"]: "must be a JSON object" });
  const problems: Record<string, string> = {};
  for (const k of Object.keys(body))
    if (!["code", "max_uses", "max_uses_per_customer"].includes(k))
      problems[prefix + k] = "is not a known coupon code field";
  const code = body.code;
  if (typeof code !== "string" || !code) problems[`${prefix}code`] = "is required: a non-empty string";
  else if (code.length > 50) problems[`${prefix}code`] = "must be at most 50 characters";
  else if (!CODE_PATTERN.test(code))
    problems[`${prefix}code`] = "only letters, numbers, white space, underscores and hyphens are allowed";
  for (const k of ["max_uses", "max_uses_per_customer"]) {
    const v = body[k];
    if (v !== undefined && !(typeof v === "number" && Number.isInteger(v) && v >= 0))
      problems[prefix + k] = "must be a non-negative integer (0 is unlimited)";
  }
  if (Object.keys(problems).length) throw unprocessable("The coupon code is invalid.", problems);
  if (codeTaken(state, code as string))
    throw new V3Error(409, `The coupon code '${String(code)}' already exists in the store.`, {
      [`${prefix}code`]: "must be unique in the store",
    });
  return {
    code: code as string,
    max_uses: (body.max_uses as number) ?? 0,
    max_uses_per_customer: (body.max_uses_per_customer as number) ?? 0,
  };
}

/** Stores a checked code on a promotion. */
export function addCode(
  state: StoreState,
  promotionId: number,
  c: { code: string; max_uses: number; max_uses_per_customer: number },
): StoredObject {
  const stored: StoredObject = {
    id: state.nextId("promotion_codes"),
    promotion_id: promotionId,
    code: c.code,
    current_uses: 0,
    max_uses: c.max_uses,
    max_uses_per_customer: c.max_uses_per_customer,
    created: formatIsoDate(new Date()),
  };
  state.data.promotion_codes.push(stored);
  return stored;
}

function couponPromotion(state: StoreState, idText: string): StoredObject {
  const promotion = /^\d+$/.test(idText) ? state.data.promotions.find((p) => p.id === Number(idText)) : undefined;
  if (!promotion) throw notFound("promotion");
  return promotion;
}

function intIn(
  body: Record<string, unknown>,
  key: string,
  fallback: number,
  min: number,
  max: number,
  problems: Record<string, string>,
): number {
  const v = body[key];
  if (v === undefined) return fallback;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    problems[key] = `must be an integer between ${min} and ${max}`;
    return fallback;
  }
  return v;
}

function generate(state: StoreState, promotionId: number, body: unknown): StoreResponse {
  if (!isObj(body)) throw unprocessable("The code generation request is invalid.", { body: "must be a JSON object" });
  const problems: Record<string, string> = {};
  const known = [
    "batch_size",
    "max_uses",
    "max_uses_per_customer",
    "prefix",
    "suffix",
    "delimiter",
    "exclude_characters",
    "code_length",
  ];
  for (const k of Object.keys(body)) if (!known.includes(k)) problems[k] = "is not a known code generation field";
  if (body.batch_size === undefined) problems.batch_size = `is required: an integer between 1 and ${CODEGEN_BATCH}`;
  const batch = intIn(body, "batch_size", 0, 1, CODEGEN_BATCH, problems);
  const maxUses = intIn(body, "max_uses", 1, 0, 100_000, problems);
  const maxPerCustomer = intIn(body, "max_uses_per_customer", 1, 0, 100_000, problems);
  const length = intIn(body, "code_length", 16, 6, 16, problems);
  const affix = (key: "prefix" | "suffix"): string => {
    const v = body[key];
    if (v === undefined || v === null) return "";
    if (typeof v !== "string" || v.length > 20 || !AFFIX_PATTERN.test(v)) {
      problems[key] = "must be at most 20 capital letters, numbers, underscores or hyphens";
      return "";
    }
    return v;
  };
  const prefix = affix("prefix");
  const suffix = affix("suffix");
  let delimiter = "";
  if (body.delimiter !== undefined && body.delimiter !== null && body.delimiter !== "") {
    if (body.delimiter !== "_" && body.delimiter !== "-") problems.delimiter = "must be _ or -";
    else delimiter = body.delimiter;
  }
  let alphabet = GENERATED_ALPHABET;
  if (body.exclude_characters !== undefined) {
    const ex = body.exclude_characters;
    if (!Array.isArray(ex) || !ex.every((c) => typeof c === "string" && /^[A-Z0-9]$/.test(c))) {
      problems.exclude_characters = "must be a list of single capital letters or digits";
    } else {
      alphabet = [...alphabet].filter((c) => !ex.includes(c)).join("");
      if (alphabet.length < 2) problems.exclude_characters = "leaves too few characters to generate codes from";
    }
  }
  const total =
    length + (prefix ? prefix.length + delimiter.length : 0) + (suffix ? suffix.length + delimiter.length : 0);
  if (total > 50)
    problems.code_length = `makes codes of ${total} characters with the prefix and suffix; at most 50 are allowed`;
  if (Object.keys(problems).length) throw unprocessable("The code generation request is invalid.", problems);

  const created = formatIsoDate(new Date());
  const codes: { code: string }[] = [];
  const fresh = new Set<string>();
  let attempts = 0;
  while (codes.length < batch) {
    if (++attempts > batch * 100)
      throw new V3Error(409, "Could not generate enough unique codes with these settings.", {
        code_length: "too few distinct codes are possible",
      });
    const bytes = crypto.randomBytes(length);
    const random = [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
    const code = `${prefix}${prefix ? delimiter : ""}${random}${suffix ? delimiter : ""}${suffix}`;
    if (fresh.has(code) || codeTaken(state, code)) continue;
    fresh.add(code);
    codes.push({ code });
  }
  for (const { code } of codes) {
    const stored = addCode(state, promotionId, { code, max_uses: maxUses, max_uses_per_customer: maxPerCustomer });
    stored.created = created;
  }
  state.save();
  return {
    status: 201,
    body: {
      data: { created, max_uses: maxUses, max_uses_per_customer: maxPerCustomer, batch_size: batch, codes },
      meta: {},
    },
  };
}

/** Handles the code paths below `/v3/promotions`; undefined for any other path. */
export function promotionCodeRoutes(state: StoreState, req: StoreRequest): StoreResponse | undefined {
  const q = req.query;
  if (/^\/v3\/promotions\/codes\/?$/.test(req.path)) {
    const code = q.get("code");
    if (req.method !== "GET" && req.method !== "DELETE") throw methodNotAllowed(req.method);
    if (!code) throw unprocessable("The 'code' query parameter is required.", { code: "is required" });
    const matching = state.data.promotion_codes.filter((c) => String(c.code).toLowerCase() === code.toLowerCase());
    if (req.method === "GET") {
      const page = cursorPage(
        matching.sort((a, b) => a.id - b.id),
        q,
      );
      return { status: 200, body: { data: page.data.map(publicCode), meta: page.meta } };
    }
    state.data.promotion_codes = state.data.promotion_codes.filter((c) => !matching.includes(c));
    state.save();
    return { status: 204 };
  }

  const m = /^\/v3\/promotions\/([^/]+)\/(codes|codegen)(?:\/([^/]+))?\/?$/.exec(req.path);
  if (!m) return undefined;
  const [, idText, kind, codeIdText] = m;

  if (kind === "codegen") {
    if (codeIdText !== undefined) return undefined;
    if (req.method !== "POST") throw methodNotAllowed(req.method);
    const promotion = couponPromotion(state, idText);
    if (promotion.redemption_type !== "COUPON" || promotion.coupon_type !== "BULK") {
      throw methodNotAllowed(
        req.method,
        "Bulk code generation is only supported for promotions with redemption_type COUPON and coupon_type BULK.",
      );
    }
    return generate(state, promotion.id, req.body);
  }

  if (codeIdText !== undefined) {
    if (req.method !== "DELETE") throw methodNotAllowed(req.method);
    // 204 also when the promotion or the code does not exist.
    const before = state.data.promotion_codes.length;
    state.data.promotion_codes = state.data.promotion_codes.filter(
      (c) => !(String(c.promotion_id) === idText && String(c.id) === codeIdText),
    );
    if (state.data.promotion_codes.length !== before) state.save();
    return { status: 204 };
  }

  if (req.method === "DELETE") {
    const ids = idList(q, "id:in");
    const code = q.get("code");
    if (!ids && !code) {
      throw unprocessable("Parameter id:in is required.", {
        "id:in": "is required: a comma-separated list of coupon code ids",
      });
    }
    if (ids && ids.length > CODE_DELETE_BATCH)
      throw unprocessable(`At most ${CODE_DELETE_BATCH} coupon codes can be deleted at once.`, {
        "id:in": `must list at most ${CODE_DELETE_BATCH} ids`,
      });
    state.data.promotion_codes = state.data.promotion_codes.filter(
      (c) =>
        !(
          String(c.promotion_id) === idText &&
          ((ids && ids.includes(c.id)) || (code && String(c.code).toLowerCase() === code.toLowerCase()))
        ),
    );
    state.save();
    return { status: 204 };
  }

  const promotion = couponPromotion(state, idText);
  if (req.method === "GET") {
    let list = codesOf(state, promotion.id);
    const code = q.get("code");
    if (code) list = list.filter((c) => String(c.code).toLowerCase() === code.toLowerCase());
    const page = cursorPage(list, q);
    return { status: 200, body: { data: page.data.map(publicCode), meta: page.meta } };
  }
  if (req.method === "POST") {
    if (promotion.redemption_type !== "COUPON")
      throw methodNotAllowed(req.method, "Coupon codes can only be added to promotions with redemption_type COUPON.");
    const c = checkCodeWrite(state, req.body);
    const stored = addCode(state, promotion.id, c);
    state.save();
    return { status: 201, body: { data: publicCode(stored), meta: {} } };
  }
  throw methodNotAllowed(req.method);
}
