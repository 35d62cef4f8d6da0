/**
 * The one error type of the BigCommerce client. It understands both error shapes of the API:
 *
 * - v2: a bare array, `[{"status":409,"message":"..."}]`
 * - v3: an object, `{"status":422,"title":"...","type":"...","errors":{"field":"message"}}`
 *
 * It never holds request headers, so the access token cannot leak through it; messages coming
 * back from the API are scrubbed of the token as well, in case a server echoes it.
 */
export class BigCommerceApiError extends Error {
  /** HTTP status, or 0 when no response arrived (connection reset, timeout). */
  readonly status: number;
  readonly method: string;
  /** Request path below the store (`/v2/coupons/12`), without the query string. */
  readonly path: string;
  /** The API's own messages, in order. */
  readonly apiMessages: string[];
  /** v3 field errors (`{"rules[0].action": "..."}`); empty for v2. */
  readonly fieldErrors: Record<string, string>;
  /**
   * True when the request may have been carried out although no answer says so: a write
   * whose response was lost. Callers must look the object up before trying again.
   */
  readonly ambiguous: boolean;
  /** How many times the request was sent (1 when it was not retried). */
  readonly attempts: number;
  /** True when nothing listened at the store's URL (before its first answer in this process). */
  readonly refused: boolean;
  /** How long the client tried, waits included, in ms. */
  readonly elapsedMs: number;

  constructor(init: {
    status: number;
    method: string;
    path: string;
    apiMessages?: string[];
    fieldErrors?: Record<string, string>;
    ambiguous?: boolean;
    detail?: string;
    attempts?: number;
    elapsedMs?: number;
    refused?: boolean;
    /** What the user can do about it, appended to the message. */
    advice?: string;
    /**
     * The whole message after `BigCommerce API <method> <path>: ` for a request the client gave
     * up on (attempts, time, last outcome and what was or was not done).
     */
    summary?: string;
  }) {
    const apiMessages = init.apiMessages ?? [];
    const fieldErrors = init.fieldErrors ?? {};
    // the API's sentences end with a full stop: joined without it ("already exists; code: must be unique")
    const parts = [
      ...apiMessages.map((m) => m.replace(/\.\s*$/, "")),
      ...Object.entries(fieldErrors).map(([f, m]) => `${f}: ${m}`),
    ];
    const what = init.status ? `failed with ${init.status}` : "got no response";
    const detail = parts.length ? parts.join("; ") : (init.detail ?? "");
    super(
      (init.summary
        ? `BigCommerce API ${init.method} ${init.path}: ${init.summary}`
        : `BigCommerce API ${init.method} ${init.path} ${what}${detail ? `: ${detail}` : ""}`) +
        (init.advice ? `. ${init.advice}` : ""),
    );
    this.name = "BigCommerceApiError";
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
    this.apiMessages = apiMessages;
    this.fieldErrors = fieldErrors;
    this.ambiguous = init.ambiguous ?? false;
    this.attempts = init.attempts ?? 1;
    this.refused = init.refused ?? false;
    this.elapsedMs = init.elapsedMs ?? 0;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }
}

/** The OAuth scope that lets a token change marketing objects (v2 and the v3 promotions alike). */
export const MODIFY_SCOPE = "store_v2_marketing";
/** The scope that only lets it read them. */
export const READ_ONLY_SCOPE = "store_v2_marketing_read_only";

/** What to do about a refused token: 401 (the token itself) or 403 (its scopes). */
export function authAdvice(status: number, method: string): string | undefined {
  if (status === 401)
    return (
      "The store does not accept the access token: check bigcommerce:accessToken " +
      "(`pulumi config set --secret bigcommerce:accessToken <token>`) and bigcommerce:storeHash; the resources need " +
      `a token of an API account with the Marketing modify scope (\`${MODIFY_SCOPE}\`)`
    );
  if (status === 403)
    return method === "GET"
      ? `The access token may not read marketing objects: give its API account the Marketing scope (\`${READ_ONLY_SCOPE}\` to preview, \`${MODIFY_SCOPE}\` to apply), or set bigcommerce:accessToken to a token that has it`
      : `The access token may not change marketing objects: it needs the Marketing modify scope (\`${MODIFY_SCOPE}\`), not only read-only (\`${READ_ONLY_SCOPE}\`); give its API account that scope or set bigcommerce:accessToken to a token that has it`;
  return undefined;
}

/** Reads the API's messages out of an error body of either version. */
export function parseErrorBody(body: unknown): { messages: string[]; fields: Record<string, string> } {
  const messages: string[] = [];
  const fields: Record<string, string> = {};
  if (Array.isArray(body)) {
    for (const item of body) {
      if (item && typeof item === "object" && typeof (item as { message?: unknown }).message === "string") {
        messages.push((item as { message: string }).message);
      }
    }
  } else if (body && typeof body === "object") {
    const o = body as { title?: unknown; detail?: unknown; errors?: unknown };
    if (typeof o.title === "string") messages.push(o.title);
    if (typeof o.detail === "string") messages.push(o.detail);
    if (o.errors && typeof o.errors === "object") {
      for (const [k, v] of Object.entries(o.errors as Record<string, unknown>)) {
        fields[k] = typeof v === "string" ? v : JSON.stringify(v);
      }
    }
  } else if (typeof body === "string" && body.trim()) {
    messages.push(body.trim().slice(0, 500));
  }
  return { messages, fields };
}

/** Replaces every occurrence of a secret in a text. */
export function redact(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4) return text;
  return text.split(secret).join("[redacted]");
}

/**
 * Awaits a request for which a 404 means the object is gone: gives undefined then, and throws
 * every other error. The one place the resources' read and delete turn "not found" into "gone".
 */
export async function unlessGone<T>(request: Promise<T>): Promise<T | undefined> {
  try {
    return await request;
  } catch (e) {
    if (e instanceof BigCommerceApiError && e.isNotFound) return undefined;
    throw e;
  }
}

/**
 * A successful answer that lacks what the request is for (a create answered without the object).
 * Not a `BigCommerceApiError`: the request was carried out, so nothing retries or looks it up.
 */
export class IncompleteAnswerError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    /** What the answer should have held, in words ("coupon", "codes"). */
    readonly what: string,
  ) {
    super(`BigCommerce API ${method} ${path} returned no ${what}`);
    this.name = "IncompleteAnswerError";
  }
}

/** The value of an answer, or an IncompleteAnswerError when it holds none. */
export function answered<T>(value: T | null | undefined, method: string, path: string, what: string): T {
  if (value === undefined || value === null) throw new IncompleteAnswerError(method, path, what);
  return value;
}
