import { META_KEYS } from "../common/kind";
import { promotionFields, PromotionInputs, PromotionStatus } from "./schema";

type Json = unknown;
type Props = Record<string, unknown>;

/** A promotion as the v3 API returns it (snake_case; only the fields the provider reads are typed). */
export interface ApiPromotion extends Record<string, unknown> {
  id: number;
  redemption_type: string;
  name: string;
  channels?: Array<{ id: number }>;
  status?: string;
  current_uses?: number;
  created_from?: string;
}

/** Fields of a saved promotion that are not inputs. */
const READ_ONLY = new Set([
  "id",
  "current_uses",
  "created_from",
  "multiple_codes",
  "codes",
  // deprecated in favour of coupon_overrides_other_promotions, which the provider manages
  "coupon_overrides_automatic_when_offering_higher_discounts",
]);

export function snakeKey(k: string): string {
  return k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
export function camelKey(k: string): string {
  return k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Renames every object key, at every depth; values (ids, codes, "*") are left as they are. */
function renameKeys(v: Json, rename: (k: string) => string, dropNulls: boolean): Json {
  if (Array.isArray(v)) return v.map((x) => renameKeys(x, rename, dropNulls));
  if (v && typeof v === "object") {
    const out: Props = {};
    for (const [k, x] of Object.entries(v as Props)) {
      if (x === undefined || (dropNulls && x === null)) continue;
      out[rename(k)] = renameKeys(x, rename, dropNulls);
    }
    return out;
  }
  return v;
}

/** camelCase model -> snake_case API shape (recursive; used for the whole body, rules included). */
export function toSnake(v: Json): Json {
  return renameKeys(v, snakeKey, false);
}
/** snake_case API shape -> camelCase model (recursive); nulls mean "unset" and are dropped. */
export function toCamel(v: Json): Json {
  return renameKeys(v, camelKey, true);
}

/** Optional properties without a store default: cleared on update by sending null (maxUses: unlimited). */
const CLEARABLE = ["endDate", "schedule", "shippingAddress", "maxUses"] as const;

/**
 * Canonical inputs -> request body. Channels become `[{id}]`. Properties left out are not sent
 * (the store keeps or fills its own value), except that an update clears, with `null`, the
 * optional ones the previous state held (`olds`), and sets a removed
 * `couponOverridesOtherPromotions` back to `false`.
 */
export function toApi(p: PromotionInputs, olds?: Props): Props {
  // adopt, adoptId and deletionPolicy are the provider's, never the store's
  const { channels } = p;
  const rest = Object.fromEntries(
    Object.entries(p).filter(([k]) => k !== "channels" && !(META_KEYS as readonly string[]).includes(k)),
  );
  const body = toSnake(rest) as Props;
  body.channels = channels.map((id) => ({ id }));
  if (p.redemptionType !== "COUPON") {
    delete body.coupon_type;
    delete body.coupon_overrides_other_promotions;
  }
  if (olds) {
    for (const key of CLEARABLE)
      if (p[key] === undefined && olds[key] !== undefined && olds[key] !== null) body[snakeKey(key)] = null;
    // back to the store's default when a declared override is removed
    if (
      p.redemptionType === "COUPON" &&
      p.couponOverridesOtherPromotions === undefined &&
      olds.couponOverridesOtherPromotions === true
    ) {
      body.coupon_overrides_other_promotions = false;
    }
    const oldSegments = (olds.customer as { segments?: unknown } | undefined)?.segments;
    if (p.customer.segments === undefined && oldSegments !== undefined && oldSegments !== null) {
      (body.customer as Props).segments = null;
    }
  }
  return body;
}

/**
 * API object -> canonical inputs: what the store holds, in the form check produces. Each
 * property goes through its schema, so the store's spelling (`"10.00"`, `+00:00` dates, a missing
 * default) becomes the canonical one; a value the schema refuses is kept as the store sent it, so
 * that it shows as drift rather than vanishing.
 */
export function fromApi(a: ApiPromotion): PromotionInputs {
  const model = toCamel(Object.fromEntries(Object.entries(a).filter(([k]) => !READ_ONLY.has(k)))) as Props;
  model.channels = Array.isArray(a.channels) ? a.channels.map((c) => c.id) : [];
  const out: Props = {};
  for (const [key, schema] of Object.entries(promotionFields)) {
    const raw = model[key];
    if (key === "status") {
      // INVALID is the store's own status: it is kept (and differs from any declared status)
      out.status = raw;
      continue;
    }
    const parsed = schema.safeParse(raw);
    const value = parsed.success ? parsed.data : raw;
    if (value !== undefined) out[key] = value;
  }
  if (a.redemption_type !== "COUPON") {
    delete out.couponType;
    delete out.couponOverridesOtherPromotions;
  }
  return out as PromotionInputs;
}

/** Output-only values of a promotion. */
export function outputsFromApi(a: ApiPromotion): { promotionId: number; currentUses: number; createdFrom?: string } {
  return {
    promotionId: a.id,
    currentUses: a.current_uses ?? 0,
    ...(a.created_from ? { createdFrom: a.created_from } : {}),
  };
}

export type { PromotionStatus };
