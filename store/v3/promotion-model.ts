/**
 * The promotion model of the v3 promotions API as the local store checks it: every problem of a
 * write is reported under its field path (`rules[0].action.cart_value.discount`, say), and a valid
 * write comes back in stored form with the defaults the store fills in.
 */

type Obj = Record<string, unknown>;
/** Field path -> message of every problem found. */
export type Problems = Record<string, string>;

const ACTION_KINDS = ["cart_value", "cart_items", "gift_item", "fixed_price_set", "shipping"] as const;
const STRATEGIES = ["LEAST_EXPENSIVE", "LEAST_EXPENSIVE_ONLY", "MOST_EXPENSIVE", "MOST_EXPENSIVE_ONLY"];
const WEEK_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const NOTIFICATION_TYPES = ["UPSELL", "ELIGIBLE", "APPLIED"];
const MONEY = /^[0-9]+(\.[0-9]+)?$/;
const TIME_OF_DAY = /^([0-1][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$/;

/** Fields a promotion write may carry; read-only ones are accepted and ignored. */
export const WRITABLE_FIELDS = [
  "redemption_type",
  "name",
  "display_name",
  "channels",
  "customer",
  "rules",
  "max_uses",
  "status",
  "start_date",
  "end_date",
  "stop",
  "can_be_used_with_other_promotions",
  "currency_code",
  "notifications",
  "shipping_address",
  "schedule",
  "codes",
  "coupon_overrides_other_promotions",
  "coupon_overrides_automatic_when_offering_higher_discounts",
  "coupon_type",
];
export const READ_ONLY_FIELDS = ["id", "current_uses", "created_from", "multiple_codes"];
/** Fields only a COUPON promotion has. */
export const COUPON_ONLY_FIELDS = [
  "coupon_type",
  "codes",
  "coupon_overrides_other_promotions",
  "coupon_overrides_automatic_when_offering_higher_discounts",
];

export const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);
const isInt = (v: unknown, min = 0): v is number => typeof v === "number" && Number.isInteger(v) && v >= min;
const isIntList = (v: unknown, min = 0): v is number[] => Array.isArray(v) && v.every((x) => isInt(x, min));

/** Checks that `o` has exactly one of `kinds` as a key; returns it or records a problem. */
function oneKind(o: Obj, kinds: readonly string[], path: string, p: Problems, what: string): string | undefined {
  const present = Object.keys(o).filter((k) => kinds.includes(k));
  const unknown = Object.keys(o).filter((k) => !kinds.includes(k));
  if (unknown.length) {
    p[`${path}.${unknown[0]}`] = `is not a known ${what}; expected one of ${kinds.join(", ")}`;
    return undefined;
  }
  if (present.length !== 1) {
    p[path] = `must have exactly one ${what} (one of ${kinds.join(", ")})`;
    return undefined;
  }
  return present[0];
}

function checkKeys(o: Obj, allowed: readonly string[], path: string, p: Problems): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) p[`${path}.${k}`] = "is not a known field";
}

function checkBool(o: Obj, key: string, path: string, p: Problems): void {
  if (o[key] !== undefined && typeof o[key] !== "boolean") p[`${path}.${key}`] = "must be a boolean";
}

/** A money value: a string of a non-negative decimal number, e.g. "12.95". */
function checkMoney(v: unknown, path: string, p: Problems): void {
  if (typeof v !== "string" || !MONEY.test(v)) p[path] = 'must be a money value given as a string, e.g. "12.95"';
}

function checkMaximumAllowed(o: Obj, path: string, p: Problems): void {
  const v = o.maximum_allowed_discount_amount;
  if (v === undefined || v === null) return;
  const at = `${path}.maximum_allowed_discount_amount`;
  if (typeof v !== "string" || !MONEY.test(v)) p[at] = 'must be a money value given as a string, e.g. "10"';
  else if (Number(v) < 1 || Number(v) > 10_000_000) p[at] = "must be between 1 and 10000000";
}

function checkDiscount(v: unknown, path: string, p: Problems): void {
  if (!isObj(v)) {
    p[path] = "is required: an object with fixed_amount or percentage_amount";
    return;
  }
  const kind = oneKind(v, ["fixed_amount", "percentage_amount"], path, p, "discount");
  if (kind === "fixed_amount") checkMoney(v.fixed_amount, `${path}.fixed_amount`, p);
  if (kind === "percentage_amount") {
    const a = v.percentage_amount;
    if (typeof a !== "string" || !MONEY.test(a))
      p[`${path}.percentage_amount`] = 'must be a percentage given as a string, e.g. "10"';
    else if (Number(a) > 100) p[`${path}.percentage_amount`] = "cannot be more than 100";
  }
}

const SIMPLE_MATCHERS = ["brands", "categories", "products", "variants", "product_option", "product_custom_field"];
const COMPOSITE_MATCHERS = ["and", "or", "not"];

/**
 * An item matcher: one simple matcher (brands, categories, products, variants, product_option,
 * product_custom_field) or `and`/`or`/`not` of matchers, nested at most three levels deep.
 */
export function checkItemMatcher(v: unknown, path: string, p: Problems, depth = 1): void {
  if (!isObj(v)) {
    p[path] = "must be an item matcher object";
    return;
  }
  const kinds = depth <= 3 ? [...SIMPLE_MATCHERS, ...COMPOSITE_MATCHERS] : SIMPLE_MATCHERS;
  const kind = oneKind(
    v,
    kinds,
    path,
    p,
    depth <= 3 ? "item matcher" : "simple item matcher (and/or/not nest at most three levels)",
  );
  if (!kind) return;
  const at = `${path}.${kind}`;
  const val = v[kind];
  switch (kind) {
    case "brands":
    case "categories":
    case "products":
    case "variants":
      if (!isIntList(val)) p[at] = "must be a list of integer ids";
      break;
    case "product_option":
      if (!isObj(val)) p[at] = "must be an object with type, name and values";
      else {
        if (val.type !== "string_match") p[`${at}.type`] = "must be string_match";
        if (typeof val.name !== "string" || !val.name) p[`${at}.name`] = "is required: a non-empty string";
        if (!Array.isArray(val.values) || !val.values.every((x) => typeof x === "string"))
          p[`${at}.values`] = "must be a list of strings";
      }
      break;
    case "product_custom_field":
      if (!isObj(val)) p[at] = "must be an object with name and values";
      else {
        if (typeof val.name !== "string" || !val.name) p[`${at}.name`] = "is required: a non-empty string";
        if (!Array.isArray(val.values) || !val.values.length || !val.values.every((x) => typeof x === "string"))
          p[`${at}.values`] = "must be a non-empty list of strings";
      }
      break;
    case "and":
    case "or":
      if (!Array.isArray(val) || !val.length) p[at] = "must be a non-empty list of item matchers";
      else val.forEach((child, i) => checkItemMatcher(child, `${at}[${i}]`, p, depth + 1));
      break;
    case "not":
      checkItemMatcher(val, at, p, depth + 1);
      break;
  }
}

function checkStrategy(o: Obj, path: string, p: Problems): void {
  if (o.strategy !== undefined && !STRATEGIES.includes(o.strategy as string))
    p[`${path}.strategy`] = `must be one of ${STRATEGIES.join(", ")}`;
}

/** Checks an action and returns it in stored form (defaults filled in). */
function checkAction(v: unknown, path: string, p: Problems): Obj | undefined {
  if (!isObj(v)) {
    p[path] = `is required: an object with one of ${ACTION_KINDS.join(", ")}`;
    return undefined;
  }
  const kind = oneKind(v, ACTION_KINDS, path, p, "action");
  if (!kind) return undefined;
  const at = `${path}.${kind}`;
  const a = v[kind];
  if (!isObj(a)) {
    p[at] = "must be an object";
    return undefined;
  }
  switch (kind) {
    case "cart_value":
      checkKeys(a, ["discount", "maximum_allowed_discount_amount"], at, p);
      checkDiscount(a.discount, `${at}.discount`, p);
      checkMaximumAllowed(a, at, p);
      return { cart_value: { ...a } };
    case "cart_items": {
      const keys = [
        "discount",
        "maximum_allowed_discount_amount",
        "as_total",
        "items",
        "include_items_considered_by_condition",
        "exclude_items_on_sale",
        "strategy",
        "quantity",
        "add_free_item",
      ];
      checkKeys(a, keys, at, p);
      checkDiscount(a.discount, `${at}.discount`, p);
      checkMaximumAllowed(a, at, p);
      for (const b of ["as_total", "include_items_considered_by_condition", "exclude_items_on_sale", "add_free_item"])
        checkBool(a, b, at, p);
      if (a.items !== undefined) checkItemMatcher(a.items, `${at}.items`, p);
      checkStrategy(a, at, p);
      if (a.quantity !== undefined && !isInt(a.quantity, 1)) p[`${at}.quantity`] = "must be a positive integer";
      return { cart_items: { ...a } };
    }
    case "gift_item":
      checkKeys(a, ["quantity", "product_id", "variant_id"], at, p);
      if (!isInt(a.quantity, 1)) p[`${at}.quantity`] = "is required: a positive integer";
      for (const k of ["product_id", "variant_id"])
        if (a[k] !== undefined && !isInt(a[k], 1)) p[`${at}.${k}`] = "must be a positive integer id";
      return { gift_item: { ...a } };
    case "fixed_price_set": {
      const keys = [
        "quantity",
        "fixed_price",
        "items",
        "strategy",
        "exclude_items_on_sale",
        "include_items_considered_by_condition",
      ];
      checkKeys(a, keys, at, p);
      if (!isInt(a.quantity, 1)) p[`${at}.quantity`] = "is required: a positive integer";
      if (a.fixed_price === undefined)
        p[`${at}.fixed_price`] = 'is required: a money value given as a string, e.g. "12.95"';
      else checkMoney(a.fixed_price, `${at}.fixed_price`, p);
      if (a.items !== undefined) checkItemMatcher(a.items, `${at}.items`, p);
      checkStrategy(a, at, p);
      checkBool(a, "exclude_items_on_sale", at, p);
      checkBool(a, "include_items_considered_by_condition", at, p);
      return { fixed_price_set: { include_items_considered_by_condition: true, ...a } };
    }
    case "shipping": {
      checkKeys(a, ["free_shipping", "zone_ids"], at, p);
      checkBool(a, "free_shipping", at, p);
      const z = a.zone_ids;
      const zonesOk = z === "*" || (isIntList(z, 1) && new Set(z).size === z.length);
      if (!zonesOk) p[`${at}.zone_ids`] = 'is required: "*" or a list of distinct shipping zone ids';
      return { shipping: { ...a } };
    }
  }
  return undefined;
}

function checkCartCondition(v: unknown, path: string, p: Problems): void {
  if (!isObj(v) || !isObj(v.cart) || Object.keys(v).length !== 1) {
    p[path] = "must be a cart condition: {cart: {items, minimum_spend, minimum_quantity}}";
    return;
  }
  const cart = v.cart;
  const at = `${path}.cart`;
  checkKeys(cart, ["items", "minimum_spend", "minimum_quantity"], at, p);
  if (cart.minimum_spend !== undefined) checkMoney(cart.minimum_spend, `${at}.minimum_spend`, p);
  if (cart.minimum_quantity !== undefined && !isInt(cart.minimum_quantity, 1))
    p[`${at}.minimum_quantity`] = "must be a positive integer";
  if (cart.items !== undefined) {
    checkItemMatcher(cart.items, `${at}.items`, p);
    if (cart.minimum_quantity === undefined && cart.minimum_spend === undefined) {
      p[`${at}.minimum_quantity`] = "is required when items are given (or give minimum_spend)";
    }
  } else if (cart.minimum_quantity !== undefined) {
    p[`${at}.minimum_quantity`] = "can only be given together with items";
  }
}

function checkCondition(v: unknown, path: string, p: Problems): void {
  if (isObj(v) && "and" in v) {
    if (Object.keys(v).length !== 1 || !Array.isArray(v.and) || !v.and.length) {
      p[path] = "an and-condition must be {and: [cart conditions]} with at least one condition";
      return;
    }
    v.and.forEach((c, i) => checkCartCondition(c, `${path}.and[${i}]`, p));
    return;
  }
  checkCartCondition(v, path, p);
}

/** Checks `rules` and returns them in stored form (`apply_once` true, `stop` false unless given). */
function checkRules(v: unknown, p: Problems): Obj[] {
  if (!Array.isArray(v) || v.length === 0) {
    p.rules = "is required: a list of at least one rule";
    return [];
  }
  return v.map((r, i) => {
    const path = `rules[${i}]`;
    if (!isObj(r)) {
      p[path] = "must be a rule object with an action";
      return {};
    }
    checkKeys(r, ["action", "apply_once", "stop", "condition"], path, p);
    const action = checkAction(r.action, `${path}.action`, p);
    checkBool(r, "apply_once", path, p);
    checkBool(r, "stop", path, p);
    const rule: Obj = { action, apply_once: r.apply_once ?? true, stop: r.stop ?? false };
    if (r.condition !== undefined && r.condition !== null) {
      checkCondition(r.condition, `${path}.condition`, p);
      rule.condition = r.condition;
    }
    return rule;
  });
}

function checkCustomer(v: unknown, p: Problems): Obj {
  const out: Obj = { group_ids: [], minimum_order_count: 0, excluded_group_ids: [] };
  if (v === undefined || v === null) return out;
  if (!isObj(v)) {
    p.customer = "must be an object";
    return out;
  }
  checkKeys(v, ["group_ids", "minimum_order_count", "excluded_group_ids", "segments"], "customer", p);
  for (const k of ["group_ids", "excluded_group_ids"]) {
    if (v[k] === undefined || v[k] === null) continue;
    if (!isIntList(v[k])) p[`customer.${k}`] = "must be a list of customer group ids";
    else out[k] = [...v[k]];
  }
  if ((out.group_ids as number[]).length && (out.excluded_group_ids as number[]).length) {
    p["customer.excluded_group_ids"] = "cannot be given together with group_ids: give one or the other";
  }
  if (v.minimum_order_count !== undefined && v.minimum_order_count !== null) {
    if (!isInt(v.minimum_order_count)) p["customer.minimum_order_count"] = "must be a non-negative integer";
    else out.minimum_order_count = v.minimum_order_count;
  }
  if (v.segments !== undefined && v.segments !== null) {
    checkSegments(v.segments, "customer.segments", p, 1);
    out.segments = v.segments;
  }
  return out;
}

/** Customer segment limitations: `{id: [...]}`, or `not`/`and`/`or` of them, three levels deep at most. */
function checkSegments(v: unknown, path: string, p: Problems, depth: number): void {
  if (!isObj(v)) {
    p[path] = "must be a segment limitation object";
    return;
  }
  const kinds = depth <= 3 ? ["id", "not", "and", "or"] : ["id"];
  const kind = oneKind(v, kinds, path, p, "segment limitation");
  if (kind === "id") {
    const ids = v.id;
    if (
      !Array.isArray(ids) ||
      !ids.length ||
      !ids.every((x) => typeof x === "string" && x.length > 0 && x.length <= 36)
    ) {
      p[`${path}.id`] = "must be a non-empty list of segment ids (strings of at most 36 characters)";
    }
  } else if (kind === "not") checkSegments(v.not, `${path}.not`, p, depth + 1);
  else if (kind === "and" || kind === "or") {
    const list = v[kind];
    if (!Array.isArray(list) || list.length < 2)
      p[`${path}.${kind}`] = "must be a list of at least two segment limitations";
    else list.forEach((c, i) => checkSegments(c, `${path}.${kind}[${i}]`, p, depth + 1));
  }
}

function checkChannels(v: unknown, p: Problems): Obj[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every((c) => isObj(c) && isInt(c.id) && Object.keys(c).length === 1)) {
    p.channels = "must be a list of {id} objects with integer channel ids ([] targets all channels)";
    return [];
  }
  return v.map((c) => ({ id: (c as Obj).id }));
}

function checkNotifications(v: unknown, p: Problems): Obj[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    p.notifications = "must be a list of notifications";
    return [];
  }
  v.forEach((n, i) => {
    const at = `notifications[${i}]`;
    if (!isObj(n)) {
      p[at] = "must be an object with content, type and locations";
      return;
    }
    if (typeof n.content !== "string") p[`${at}.content`] = "is required: a string";
    if (!NOTIFICATION_TYPES.includes(n.type as string))
      p[`${at}.type`] = `is required: one of ${NOTIFICATION_TYPES.join(", ")}`;
    if (!Array.isArray(n.locations) || !n.locations.every((x) => typeof x === "string"))
      p[`${at}.locations`] = "is required: a list of strings";
  });
  return v as Obj[];
}

function checkCountries(v: unknown, path: string, p: Problems): void {
  if (
    !isObj(v) ||
    !Array.isArray(v.countries) ||
    !v.countries.every(
      (c) => isObj(c) && typeof c.iso2_country_code === "string" && /^[A-Z]{2}$/.test(c.iso2_country_code),
    )
  ) {
    p[path] = "must be {countries: [{iso2_country_code}]} with ISO 3166-1 alpha-2 codes";
  }
}

function checkShippingAddress(v: unknown, p: Problems): void {
  if (v === undefined || v === null) return;
  if (isObj(v) && "not" in v) checkCountries(v.not, "shipping_address.not", p);
  else checkCountries(v, "shipping_address", p);
}

function checkSchedule(v: unknown, p: Problems): void {
  if (v === undefined || v === null) return;
  if (!isObj(v)) {
    p.schedule = "must be an object with week_frequency, week_days, daily_start_time and daily_end_time";
    return;
  }
  if (!isInt(v.week_frequency, 1)) p["schedule.week_frequency"] = "is required: an integer of at least 1";
  if (!Array.isArray(v.week_days) || !v.week_days.every((d) => WEEK_DAYS.includes(d as string)))
    p["schedule.week_days"] = `is required: a list of ${WEEK_DAYS.join(", ")}`;
  for (const k of ["daily_start_time", "daily_end_time"]) {
    if (typeof v[k] !== "string" || !TIME_OF_DAY.test(v[k])) p[`schedule.${k}`] = "is required: a time of day HH:MM:SS";
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

function dateOf(v: unknown, field: string, p: Problems): string | undefined {
  if (typeof v !== "string" || !ISO_DATE.test(v) || Number.isNaN(Date.parse(v))) {
    p[field] = "must be an ISO 8601 date-time with a time zone, e.g. 2025-12-30T01:02:03+00:00";
    return undefined;
  }
  return new Date(Date.parse(v)).toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

/**
 * Checks a promotion write. `existing` is the stored promotion of a PUT (whose fields the write
 * overlays); undefined for a POST. Returns the promotion in stored form (without id and
 * counters) and every problem found.
 */
export function checkPromotion(
  body: unknown,
  existing: Obj | undefined,
  now: Date,
): { promotion: Obj; problems: Problems } {
  const p: Problems = {};
  if (!isObj(body)) return { promotion: {}, problems: { body: "must be a JSON object" } };
  for (const k of Object.keys(body)) {
    if (!WRITABLE_FIELDS.includes(k) && !READ_ONLY_FIELDS.includes(k)) p[k] = "is not a known promotion field";
  }
  const w: Obj = { ...(existing ?? {}) };
  for (const k of WRITABLE_FIELDS) if (body[k] !== undefined) w[k] = body[k];

  // redemption_type and coupon_type are fixed once a promotion exists.
  if (existing) {
    if (body.redemption_type !== undefined && body.redemption_type !== existing.redemption_type) {
      p.redemption_type = `cannot be changed after the promotion is created (it is ${String(existing.redemption_type)})`;
    }
    if (body.coupon_type !== undefined && body.coupon_type !== existing.coupon_type) {
      // Stored as SINGLE or BULK; JSON.stringify gives the same text as String for any other
      // JSON primitive a raw admin edit could leave there.
      const fixed = existing.coupon_type;
      p.coupon_type =
        fixed === undefined
          ? "is only for COUPON promotions"
          : `cannot be changed after the promotion is created (it is ${typeof fixed === "string" ? fixed : JSON.stringify(fixed)})`;
    }
  }
  const type = w.redemption_type;
  if (type !== "AUTOMATIC" && type !== "COUPON") p.redemption_type = "is required: AUTOMATIC or COUPON";
  const coupon = type === "COUPON";

  if (typeof w.name !== "string" || !w.name.trim()) p.name = "is required: a non-empty string";
  else if (w.name.length > 255) p.name = "must be at most 255 characters";
  if (w.display_name !== undefined && w.display_name !== null && typeof w.display_name !== "string")
    p.display_name = "must be a string";

  const rules = checkRules(w.rules, p);
  const customer = checkCustomer(w.customer, p);
  const channels = checkChannels(w.channels, p);
  const notifications = checkNotifications(w.notifications, p);
  checkShippingAddress(w.shipping_address, p);
  checkSchedule(w.schedule, p);

  if (w.max_uses !== undefined && w.max_uses !== null && !isInt(w.max_uses))
    p.max_uses = "must be a non-negative integer";
  const status = w.status ?? "ENABLED";
  if (status === "INVALID") {
    if (existing?.status !== "INVALID") p.status = "INVALID is set by the store only: write ENABLED or DISABLED";
  } else if (status !== "ENABLED" && status !== "DISABLED") p.status = "must be ENABLED or DISABLED";
  for (const k of ["stop", "can_be_used_with_other_promotions"])
    if (w[k] !== undefined && typeof w[k] !== "boolean") p[k] = "must be a boolean";
  const currency = w.currency_code ?? "*";
  if (typeof currency !== "string" || !(currency === "*" || /^[A-Z]{3}$/.test(currency)))
    p.currency_code = "must be an ISO 4217 currency code (e.g. USD) or *";

  const start =
    w.start_date === undefined || w.start_date === null
      ? now.toISOString().replace(/\.\d{3}Z$/, "+00:00")
      : dateOf(w.start_date, "start_date", p);
  const end = w.end_date === undefined || w.end_date === null ? null : dateOf(w.end_date, "end_date", p);
  if (start && end && Date.parse(end) <= Date.parse(start)) p.end_date = "must be after start_date";

  const combinable = w.can_be_used_with_other_promotions ?? true;
  if (!coupon && type === "AUTOMATIC") {
    for (const k of COUPON_ONLY_FIELDS) {
      if (body[k] !== undefined && !(k.startsWith("coupon_overrides") && body[k] === false))
        p[k] = "is only for COUPON promotions";
    }
  }
  for (const k of ["coupon_overrides_other_promotions", "coupon_overrides_automatic_when_offering_higher_discounts"]) {
    if (w[k] === undefined) continue;
    if (typeof w[k] !== "boolean") p[k] = "must be a boolean";
    else if (w[k] === true && combinable === true)
      p[k] = "can only be true when can_be_used_with_other_promotions is false";
  }
  const couponType = w.coupon_type ?? "SINGLE";
  if (coupon && couponType !== "SINGLE" && couponType !== "BULK") p.coupon_type = "must be SINGLE or BULK";

  const promotion: Obj = {
    redemption_type: type,
    name: w.name,
    display_name: w.display_name ?? "",
    channels,
    customer,
    rules,
    max_uses: w.max_uses ?? null,
    status,
    start_date: start,
    end_date: end,
    stop: w.stop ?? false,
    can_be_used_with_other_promotions: combinable,
    currency_code: currency,
    notifications,
    shipping_address: w.shipping_address ?? null,
    schedule: w.schedule ?? null,
  };
  if (coupon) {
    promotion.coupon_type = couponType;
    promotion.coupon_overrides_other_promotions = w.coupon_overrides_other_promotions ?? false;
    promotion.coupon_overrides_automatic_when_offering_higher_discounts =
      w.coupon_overrides_automatic_when_offering_higher_discounts ?? false;
  }
  return { promotion, problems: p };
}
