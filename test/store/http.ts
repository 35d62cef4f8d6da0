/**
 * HTTP helpers of the local store's tests: v2 calls with a token, `/__admin` calls, and the
 * check of a v2 error answer.
 */
import { LocalStore } from "../../store/server";

/** The store hash most tests put in `/stores/{hash}/v2/...`. */
export const STORE_HASH = "abc123";

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

async function answer(res: Response): Promise<Answer> {
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : undefined };
}

export interface V2CallOptions {
  hash: string;
  /** Sent as X-Auth-Token (even when empty); null sends no X-Auth-Token at all. */
  token: string | null;
  /** Sent as JSON when given. */
  body?: unknown;
}

/** A request to `/stores/{hash}/{version}{apiPath}`. */
async function apiCall(
  version: "v2" | "v3",
  store: LocalStore,
  method: string,
  apiPath: string,
  opts: V2CallOptions,
): Promise<Answer> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (opts.token !== null) headers["X-Auth-Token"] = opts.token;
  if (opts.body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(`${store.url}/stores/${opts.hash}/${version}${apiPath}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  return answer(res);
}

/** `call(store, method, apiPath, body?, token?)`: a request with `token` (unless another is given) on store `hash`. */
function callerOf(version: "v2" | "v3", token: string, hash: string) {
  return (
    store: LocalStore,
    method: string,
    apiPath: string,
    body?: unknown,
    callToken: string | null = token,
  ): Promise<Answer> => apiCall(version, store, method, apiPath, { hash, token: callToken, body });
}

/** A request to `/stores/{hash}/v2{apiPath}`. */
export function v2Call(store: LocalStore, method: string, apiPath: string, opts: V2CallOptions): Promise<Answer> {
  return apiCall("v2", store, method, apiPath, opts);
}

/** `call(store, method, apiPath, body?, token?)`: a v2 request with `token` (unless another is given) on store `hash`. */
export function v2Caller(token: string, hash = STORE_HASH) {
  return callerOf("v2", token, hash);
}

/** A request to the store's back door `/__admin{adminPath}` (no token). */
export async function adminCall(store: LocalStore, method: string, adminPath: string, body?: unknown): Promise<Answer> {
  const res = await fetch(`${store.url}/__admin${adminPath}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return answer(res);
}

/** A v2 error: a bare array holding one `{status, message}`, the message non-empty and naming `mention` when given. */
export function expectV2Error(a: Answer, status: number, mention?: string): void {
  expect(a.status).toBe(status);
  expect(Array.isArray(a.json)).toBe(true);
  expect(a.json).toHaveLength(1);
  expect(a.json[0].status).toBe(status);
  expect(typeof a.json[0].message).toBe("string");
  expect(a.json[0].message.length).toBeGreaterThan(0);
  if (mention !== undefined) expect(a.json[0].message).toContain(mention);
}

/** A request to `/stores/{hash}/v3{apiPath}` (same options as `v2Call`). */
export function v3Call(store: LocalStore, method: string, apiPath: string, opts: V2CallOptions): Promise<Answer> {
  return apiCall("v3", store, method, apiPath, opts);
}

/** `call(store, method, apiPath, body?, token?)`: a v3 request with `token` (unless another is given) on store `hash`. */
export function v3Caller(token: string, hash = STORE_HASH) {
  return callerOf("v3", token, hash);
}

/**
 * A v3 error: `{status, title, type, errors}` with a non-empty title; when `fields` are given,
 * `errors` names each of them.
 */
export function expectV3Error(a: Answer, status: number, fields: string[] = []): void {
  expect(a.status).toBe(status);
  expect(a.json).toMatchObject({ status, type: expect.any(String), errors: expect.any(Object) });
  expect(typeof a.json.title).toBe("string");
  expect(a.json.title.length).toBeGreaterThan(0);
  for (const f of fields) expect(Object.keys(a.json.errors)).toContain(f);
}
