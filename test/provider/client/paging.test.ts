/**
 * The paging iterators: where each flavour's list ends, that a caller stopping early sends no
 * further request, and that a repeated cursor ends a cursor list. First against a fake server
 * that answers each page as a test says, then against the local store's own lists.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { BigCommerceClient } from "../../../provider/client/http";
import {
  collect,
  itemsOf,
  MAX_PAGE_SIZE,
  Page,
  v2Pages,
  v3CursorPages,
  v3Pages,
} from "../../../provider/client/paging";
import { RateLimiter } from "../../../provider/client/ratelimit";
import { LocalStore, startLocalStore } from "../../../store/server";
import { addCode } from "../../../store/v3/codes";
import { TOKEN } from "../local-store";

interface Answer {
  status: number;
  body?: unknown;
}

/** A server that answers each GET with `answer(query)`; `seen` holds the queries it got. */
interface FakeServer {
  url: string;
  seen: URLSearchParams[];
  answer: (q: URLSearchParams) => Answer;
  close(): Promise<void>;
}

async function fakeServer(): Promise<FakeServer> {
  const fake: FakeServer = {
    url: "",
    seen: [],
    answer: () => ({ status: 204 }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((req, res) => {
    const q = new URL(req.url ?? "/", "http://x").searchParams;
    fake.seen.push(q);
    const { status, body } = fake.answer(q);
    res.writeHead(status, body === undefined ? {} : { "Content-Type": "application/json" });
    res.end(body === undefined ? "" : JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

function clientOf(url: string): BigCommerceClient {
  return new BigCommerceClient({ storeHash: "unit", accessToken: TOKEN, apiUrl: url, limiter: new RateLimiter() });
}

/** `n` objects with ids from `from`. */
const objects = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: from + i }));
const ids = (pages: Array<Page<{ id: number }>>) => pages.map((p) => p.items.map((o) => o.id));

async function pagesOf<T>(pages: AsyncIterable<Page<T>>): Promise<Array<Page<T>>> {
  const all: Array<Page<T>> = [];
  for await (const p of pages) all.push(p);
  return all;
}

describe("against a fake server", () => {
  let server: FakeServer;
  let client: BigCommerceClient;
  beforeEach(async () => {
    server = await fakeServer();
    client = clientOf(server.url);
  });
  afterEach(() => server.close());

  describe("v2 pages", () => {
    test("a short page is the last: no request after it", async () => {
      server.answer = (q) => ({ status: 200, body: q.get("page") === "1" ? objects(1, 3) : objects(4, 1) });
      const pages = await pagesOf(v2Pages<{ id: number }>(client, "/v2/banners", { limit: 3 }));
      expect(ids(pages)).toEqual([[1, 2, 3], [4]]);
      expect(server.seen.map((q) => q.get("page"))).toEqual(["1", "2"]);
    });

    test("a 204 ends the list; the empty page is not yielded", async () => {
      server.answer = (q) => (q.get("page") === "1" ? { status: 200, body: objects(1, 2) } : { status: 204 });
      const pages = await pagesOf(v2Pages<{ id: number }>(client, "/v2/banners", { limit: 2 }));
      expect(ids(pages)).toEqual([[1, 2]]);
      expect(server.seen).toHaveLength(2);
    });

    test("an empty list is one request (204) and no page", async () => {
      expect(await collect(v2Pages(client, "/v2/coupons"))).toEqual([]);
      expect(server.seen).toHaveLength(1);
    });

    test("each request carries the query, `page` from 1 and `limit`, 250 unless told", async () => {
      await collect(v2Pages(client, "/v2/coupons", { query: { code: "A" } }));
      expect(Object.fromEntries(server.seen[0])).toEqual({ code: "A", page: "1", limit: String(MAX_PAGE_SIZE) });
    });
  });

  describe("v3 offset pages", () => {
    const page = (q: URLSearchParams, totalPages?: number) => ({
      status: 200,
      body: {
        data: objects(Number(q.get("page")) * 10, 2),
        meta: totalPages === undefined ? {} : { pagination: { total_pages: totalPages } },
      },
    });

    test("ends at total_pages, even after full pages", async () => {
      server.answer = (q) => page(q, 2);
      const pages = await pagesOf(v3Pages<{ id: number }>(client, "/v3/promotions", { limit: 2 }));
      expect(pages.map((p) => [p.number, p.totalPages])).toEqual([
        [1, 2],
        [2, 2],
      ]);
      expect(server.seen).toHaveLength(2);
    });

    test("without total_pages, a short page is the last", async () => {
      server.answer = (q) => page(q);
      await collect(v3Pages(client, "/v3/promotions", { limit: 3 }));
      expect(server.seen).toHaveLength(1);
    });

    test("an empty page ends the list whatever total_pages says", async () => {
      server.answer = (q) => (q.get("page") === "1" ? page(q, 5) : { status: 200, body: { data: [] } });
      expect(await collect(v3Pages(client, "/v3/promotions", { limit: 2 }))).toEqual(objects(10, 2));
      expect(server.seen).toHaveLength(2);
    });
  });

  describe("v3 cursor pages", () => {
    const cursorPage = (data: unknown[], end?: string, next = end !== undefined) => ({
      status: 200,
      body: { data, meta: { cursor_pagination: { end_cursor: end, links: next ? { next: `?after=${end}` } : {} } } },
    });

    test("follows end_cursor while there is a next link", async () => {
      server.answer = (q) =>
        q.get("after") === null ? cursorPage(objects(1, 2), "c2") : cursorPage(objects(3, 1), "c3", false);
      expect((await collect(v3CursorPages<{ id: number }>(client, "/v3/promotions/1/codes"))).map((o) => o.id)).toEqual(
        [1, 2, 3],
      );
      expect(server.seen.map((q) => q.get("after"))).toEqual([null, "c2"]);
      expect(server.seen[0].get("limit")).toBe(String(MAX_PAGE_SIZE));
    });

    test("a cursor given twice ends the list instead of listing the same page again", async () => {
      server.answer = (q) =>
        q.get("after") === null ? cursorPage(objects(1, 1), "c1") : cursorPage(objects(2, 1), "c1");
      expect((await collect(v3CursorPages<{ id: number }>(client, "/v3/promotions/1/codes"))).map((o) => o.id)).toEqual(
        [1, 2],
      );
      expect(server.seen).toHaveLength(2);
    });

    test("an empty page ends the list, its next link notwithstanding", async () => {
      server.answer = (q) => (q.get("after") === null ? cursorPage(objects(1, 1), "c1") : cursorPage([], "c9"));
      expect(await collect(v3CursorPages<{ id: number }>(client, "/v3/promotions/1/codes"))).toHaveLength(1);
      expect(server.seen).toHaveLength(2);
    });
  });

  // lists that never end: every page full, with more pages to come and a fresh cursor each time
  const endless = () => objects(server.seen.length * 2, 2);
  test.each([
    ["v2", () => ({ status: 200, body: endless() }), (c: BigCommerceClient) => v2Pages(c, "/v2/banners", { limit: 2 })],
    [
      "v3 offset",
      () => ({ status: 200, body: { data: endless(), meta: { pagination: { total_pages: 1000 } } } }),
      (c: BigCommerceClient) => v3Pages(c, "/v3/promotions", { limit: 2 }),
    ],
    [
      "v3 cursor",
      () => ({
        status: 200,
        body: {
          data: endless(),
          meta: { cursor_pagination: { end_cursor: `c${server.seen.length}`, links: { next: "?after=" } } },
        },
      }),
      (c: BigCommerceClient) => v3CursorPages(c, "/v3/promotions/1/codes", { limit: 2 }),
    ],
  ])("%s: a caller that stops early sends no further request", async (_flavour, answer, pages) => {
    server.answer = answer;
    for await (const page of pages(client)) if (page.number === 2) break;
    expect(server.seen).toHaveLength(2);
    const items: unknown[] = [];
    for await (const item of itemsOf(pages(client))) if (items.push(item) === 3) break; // the first of the second page
    expect(server.seen).toHaveLength(4);
  });
});

describe("against the local store", () => {
  let store: LocalStore;
  let client: BigCommerceClient;
  beforeEach(async () => {
    store = await startLocalStore({ quota: 100_000, accessToken: TOKEN });
    client = clientOf(store.url);
  });
  afterEach(() => store.close());

  test("v2: a list of exactly two full pages takes a third request, answered 204", async () => {
    // the list serves stored objects as they are: an id is all it needs
    for (let id = 1; id <= 4; id++) store.state.data.banners.push({ id });
    const pages = await pagesOf(v2Pages<{ id: number }>(client, "/v2/banners", { limit: 2 }));
    expect(ids(pages)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(store.stats.byMethod).toEqual({ GET: 3 });
  });

  test("v3 offset: total_pages ends the promotions list without a request past it", async () => {
    for (let id = 1; id <= 5; id++)
      store.state.data.promotions.push({ id, name: `P${id}`, redemption_type: "AUTOMATIC" });
    const pages = await pagesOf(v3Pages<{ id: number }>(client, "/v3/promotions", { limit: 2 }));
    expect(ids(pages)).toEqual([[1, 2], [3, 4], [5]]);
    expect(pages.map((p) => p.totalPages)).toEqual([3, 3, 3]);
    expect(store.stats.byMethod).toEqual({ GET: 3 });
  });

  test("v3 cursor: a promotion's codes, the last page without a next link", async () => {
    store.state.data.promotions.push({ id: 1, name: "P", redemption_type: "COUPON", coupon_type: "BULK" });
    for (let i = 0; i < 5; i++) addCode(store.state, 1, { code: `K${i}`, max_uses: 0, max_uses_per_customer: 0 });
    const pages = await pagesOf(v3CursorPages<{ code: string }>(client, "/v3/promotions/1/codes", { limit: 2 }));
    expect(pages.map((p) => p.items.map((c) => c.code))).toEqual([["K0", "K1"], ["K2", "K3"], ["K4"]]);
    expect(store.stats.byMethod).toEqual({ GET: 3 });
  });
});
