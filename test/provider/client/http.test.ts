import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { BigCommerceApiError } from "../../../provider/client/errors";
import { BigCommerceClient, ClientOptions, encodeQuery, NotSentError } from "../../../provider/client/http";
import { RateLimiter } from "../../../provider/client/ratelimit";
import { ClockDriver, driveClock, useFakeClock } from "../../fake-clock";

/**
 * The clock is jest's fake one (modern timers fake Date too): the client's backoff, quota waits
 * and timeouts, and the `at` of each request the server sees, move only when the test's clock
 * driver advances it, so each duration asserted is exact rather than measured. Sockets stay real.
 */

/** One request as the scripted server saw it. */
interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** When it arrived, on the fake clock. */
  at: number;
}

/** Answers one request; may also leave it hanging or destroy its socket. */
type Answer = (req: http.IncomingMessage, res: http.ServerResponse, seen: Seen) => void;

interface Scripted {
  url: string;
  seen: Seen[];
  /** Whether the last request seen was left hanging (its client waits for its timeout). */
  lastHangs(): boolean;
  /** Answers in order; the last one repeats. */
  script(...answers: Answer[]): void;
  close(): Promise<void>;
}

function reply(status: number, body?: unknown, headers: Record<string, string> = {}): Answer {
  return (_req, res) => {
    const text = body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
    res.writeHead(status, { ...(text ? { "Content-Type": "application/json" } : {}), ...headers });
    res.end(text);
  };
}
const destroy: Answer = (req) => req.socket.destroy();
const hangs = new WeakSet<Seen>();
const hang: Answer = (_req, _res, seen) => void hangs.add(seen);

async function startServer(): Promise<Scripted> {
  const seen: Seen[] = [];
  let answers: Answer[] = [reply(200, {})];
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const s: Seen = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body, at: Date.now() };
      seen.push(s);
      const answer = answers[Math.min(seen.length - 1, answers.length - 1)];
      answer(req, res, s);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    lastHangs: () => seen.length > 0 && hangs.has(seen[seen.length - 1]),
    script: (...a) => {
      answers = a;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const TOKEN = "tok-Sup3rSecret-98765";

describe("BigCommerceClient against a scripted server", () => {
  let server: Scripted;
  let clients: BigCommerceClient[];
  let driver: ClockDriver;

  /**
   * No answer is on its way to a client: no client waits for one, or every request sent has
   * been answered and read, or the server left the last one hanging (its client waits for its
   * own timeout). The fake clock moves only then (see driveClock).
   */
  function idle(): boolean {
    const sent = clients.reduce((n, c) => n + Object.values(c.stats.requests).reduce((a, b) => a + b, 0), 0);
    const waiting = clients.some((c) => c.rateLimiter.snapshot().inFlight > 0);
    return !waiting || (sent === server.seen.length && server.lastHangs());
  }

  beforeEach(async () => {
    useFakeClock();
    server = await startServer();
    clients = [];
    driver = driveClock(idle);
  });
  afterEach(async () => {
    await driver.stop();
    await server.close();
    jest.useRealTimers();
  });

  function client(extra: Partial<ClientOptions> = {}): BigCommerceClient {
    const c = new BigCommerceClient({
      storeHash: "abc123",
      accessToken: TOKEN,
      apiUrl: server.url,
      backoffMs: 1,
      limiter: new RateLimiter(),
      ...extra,
    });
    clients.push(c);
    return c;
  }

  async function caught(p: Promise<unknown>): Promise<BigCommerceApiError> {
    try {
      await p;
    } catch (e) {
      expect(e).toBeInstanceOf(BigCommerceApiError);
      return e as BigCommerceApiError;
    }
    throw new Error("expected the request to fail");
  }

  describe("requests", () => {
    it("sends to /stores/{hash}/v2/... below the API origin, also when the origin ends in a slash", async () => {
      server.script(reply(200, { id: 1 }));
      await client().get("/v2/coupons/1");
      await client({ apiUrl: server.url + "/" }).get("/v2/coupons/2");
      expect(server.seen.map((s) => s.url)).toEqual(["/stores/abc123/v2/coupons/1", "/stores/abc123/v2/coupons/2"]);
    });

    it("sends X-Auth-Token and Accept on every request and Content-Type with a JSON body only when there is a body", async () => {
      server.script(reply(200, { id: 7 }));
      const created = await client().post<{ id: number }>("/v2/coupons", { name: "A", amount: "5.0000" });
      await client().get("/v2/coupons/7");
      expect(created).toEqual({ id: 7 });
      const [post, get] = server.seen;
      expect(post.method).toBe("POST");
      expect(post.headers["x-auth-token"]).toBe(TOKEN);
      expect(post.headers["accept"]).toBe("application/json");
      expect(post.headers["content-type"]).toBe("application/json");
      expect(JSON.parse(post.body)).toEqual({ name: "A", amount: "5.0000" });
      expect(get.method).toBe("GET");
      expect(get.headers["x-auth-token"]).toBe(TOKEN);
      expect(get.headers["accept"]).toBe("application/json");
      expect(get.headers["content-type"]).toBeUndefined();
      expect(get.body).toBe("");
    });

    it("keeps `id:in=1,2` readable in the query string and encodes other values", async () => {
      server.script(reply(200, []));
      await client().list("/v2/coupons", { "id:in": [1, 2], code: "A B&C", page: 1, skipped: undefined });
      expect(server.seen[0].url).toBe("/stores/abc123/v2/coupons?id:in=1,2&code=A%20B%26C&page=1");
      expect(encodeQuery({})).toBe("");
      expect(encodeQuery(undefined)).toBe("");
    });

    it("reads a v2 list answered with 204 and no body as []", async () => {
      server.script(reply(204));
      await expect(client().list("/v2/coupons", { code: "NONE" })).resolves.toEqual([]);
      await expect(client().get("/v2/coupons/1")).resolves.toBeUndefined();
    });

    it("returns the list a v2 list answers with", async () => {
      server.script(reply(200, [{ id: 1 }, { id: 2 }]));
      await expect(client().list("/v2/coupons")).resolves.toEqual([{ id: 1 }, { id: 2 }]);
    });
  });

  describe("sendIf and lastWriteAt", () => {
    it("a request whose sendIf says no once it has its quota slot is not sent, and gives the slot back", async () => {
      server.script(reply(204));
      const c = client();
      await expect(c.delete("/v2/coupons/1", undefined, () => false)).rejects.toThrow(NotSentError);
      expect(server.seen).toHaveLength(0);
      expect(c.rateLimiter.snapshot().inFlight).toBe(0);
      expect(c.lastWriteAt("/v2/coupons/1")).toBe(0);
      await c.delete("/v2/coupons/1", undefined, () => true);
      expect(server.seen.map((s) => s.method)).toEqual(["DELETE"]);
    });

    it("lastWriteAt: when this client last wrote a path or a path below it; reads do not count", async () => {
      server.script(reply(200, { id: 5 }));
      const c = client();
      await c.get("/v2/coupons/5");
      expect(c.lastWriteAt("/v2/coupons/5")).toBe(0);
      const before = jest.now();
      await c.put("/v2/coupons/5", { enabled: false });
      expect(c.lastWriteAt("/v2/coupons/5")).toBeGreaterThanOrEqual(before);
      expect(c.lastWriteAt("/v2/coupons")).toBe(c.lastWriteAt("/v2/coupons/5"));
      expect(c.lastWriteAt("/v2/coupons/50")).toBe(0);
    });
  });

  describe("429 rate limited", () => {
    it("waits out X-Rate-Limit-Time-Reset-Ms, then sends again and succeeds", async () => {
      server.script(
        reply(429, [{ status: 429, message: "slow down" }], { "X-Rate-Limit-Time-Reset-Ms": "50" }),
        reply(200, { id: 1 }),
      );
      const c = client();
      const started = jest.now();
      await expect(c.get("/v2/coupons/1")).resolves.toEqual({ id: 1 });
      expect(jest.now() - started).toBeGreaterThanOrEqual(50);
      expect(server.seen).toHaveLength(2);
      // sent again only once the 50 ms had passed (the limiter wakes up 5 ms after a reset)
      expect(server.seen[1].at - server.seen[0].at).toBeGreaterThanOrEqual(50);
      expect(server.seen[1].at - server.seen[0].at).toBeLessThanOrEqual(55);
      expect(c.stats.rateLimited).toBe(1);
    });

    it("waits X-Retry-After seconds when no reset in ms is given", async () => {
      server.script(reply(429, "", { "X-Retry-After": "1" }), reply(200, { id: 1 }));
      const started = jest.now();
      await expect(client().get("/v2/coupons/1")).resolves.toEqual({ id: 1 });
      expect(jest.now() - started).toBeGreaterThanOrEqual(1000);
      expect(server.seen).toHaveLength(2);
      expect(server.seen[1].at - server.seen[0].at).toBeGreaterThanOrEqual(1000);
    });

    it("backs off after a 429 without rate-limit headers (platform load), longer with each one, and leaves the quota alone", async () => {
      server.script(reply(429), reply(429), reply(429), reply(200, { id: 1 }));
      const c = client({ backoffMs: 100 });
      await expect(c.get("/v2/coupons/1")).resolves.toEqual({ id: 1 });
      const gaps = server.seen.slice(1).map((s, i) => s.at - server.seen[i].at);
      // 100, 200, 400 ms, each up to a quarter more (jitter)
      [100, 200, 400].forEach((d, i) => {
        expect(gaps[i]).toBeGreaterThanOrEqual(d);
        expect(gaps[i]).toBeLessThanOrEqual(d * 1.25 + 10);
      });
      expect(c.stats.rateLimited).toBe(3);
      // not read as an empty quota: the limiter was never told the window is spent
      expect(c.rateLimiter.rateLimited).toBe(0);
    });

    it("waits at least the X-Retry-After of a 429 without rate-limit headers", async () => {
      server.script(reply(429, "", { "X-Retry-After": "2" }), reply(200, { id: 1 }));
      const c = client({ backoffMs: 100 });
      await expect(c.get("/v2/coupons/1")).resolves.toEqual({ id: 1 });
      expect(server.seen[1].at - server.seen[0].at).toBeGreaterThanOrEqual(2000);
      expect(c.rateLimiter.rateLimited).toBe(0);
    });

    it("sends a POST again after a 429, since the request was refused before it was carried out", async () => {
      server.script(reply(429, "", { "X-Rate-Limit-Time-Reset-Ms": "20" }), reply(201, { id: 9 }));
      await expect(client().post("/v2/coupons", { code: "X" })).resolves.toEqual({ id: 9 });
      expect(server.seen.map((s) => s.method)).toEqual(["POST", "POST"]);
      expect(server.seen[1].body).toBe(server.seen[0].body);
    });

    it("gives up after maxRateLimitRetries 429s in a row, with status 429", async () => {
      server.script(reply(429, [{ status: 429, message: "quota" }], { "X-Rate-Limit-Time-Reset-Ms": "5" }));
      const err = await caught(client({ maxRateLimitRetries: 2 }).get("/v2/coupons"));
      expect(err.status).toBe(429);
      expect(err.ambiguous).toBe(false);
      expect(server.seen).toHaveLength(3);
    });
  });

  describe("5xx and lost connections", () => {
    it.each(["GET", "PUT", "DELETE"] as const)("retries a %s after 500/503 and succeeds", async (method) => {
      server.script(reply(500), reply(503), reply(200, { ok: true }));
      const c = client();
      const result = await c.request(method, "/v2/coupons/1", method === "PUT" ? { body: { a: 1 } } : {});
      expect(result).toEqual({ ok: true });
      expect(server.seen.map((s) => s.method)).toEqual([method, method, method]);
      expect(c.stats.retries).toBe(2);
    });

    it.each([
      ["GET", false, "nothing was changed"],
      ["PUT", true, "the update may have been applied all the same"],
      ["DELETE", true, "the object may have been deleted all the same"],
    ] as const)(
      "gives up on a %s after maxRetries, saying how often, how long, the last answer and what was done",
      async (method, ambiguous, done) => {
        server.script(reply(503, [{ status: 503, message: "down for maintenance" }]));
        const err = await caught(
          client({ maxRetries: 2 }).request(method, "/v2/coupons/1", method === "PUT" ? { body: {} } : {}),
        );
        expect(err.status).toBe(503);
        expect(err.ambiguous).toBe(ambiguous);
        expect(err.attempts).toBe(3);
        expect(err.apiMessages).toEqual(["down for maintenance"]);
        expect(err.message).toMatch(
          new RegExp(
            `^BigCommerce API ${method} /v2/coupons/1: gave up after 3 attempts over \\d+\\.\\d s \\(last: 503 Service Unavailable: down for maintenance\\); ${done}$`,
          ),
        );
        expect(server.seen).toHaveLength(3);
      },
    );

    it("a PUT refused with 429 until the bounds says nothing was changed", async () => {
      server.script(reply(429, [{ status: 429, message: "slow down" }], { "X-Rate-Limit-Time-Reset-Ms": "10" }));
      const err = await caught(client({ maxRateLimitRetries: 2 }).put("/v2/coupons/1", {}));
      expect(err.status).toBe(429);
      expect(err.ambiguous).toBe(false);
      expect(err.message).toMatch(
        /^BigCommerce API PUT \/v2\/coupons\/1: gave up: rate limited 3 times in a row, after 3 attempts over \d+\.\d s \(last: 429 Too Many Requests: slow down\); nothing was changed$/,
      );
    });

    it("a PUT that got a 503 and then 429s until the bounds may have been applied", async () => {
      server.script(reply(503), reply(429, "", { "X-Rate-Limit-Time-Reset-Ms": "10" }));
      const err = await caught(client({ maxRateLimitRetries: 1, backoffMs: 5 }).put("/v2/coupons/1", {}));
      expect(err.ambiguous).toBe(true);
      expect(err.message).toMatch(/the update may have been applied all the same$/);
    });

    it("refuses a 429 wait longer than maxRateLimitWaitMs without waiting", async () => {
      server.script(reply(429, "", { "X-Rate-Limit-Time-Reset-Ms": "90000" }));
      const started = jest.now();
      const err = await caught(client({ maxRateLimitWaitMs: 1000 }).get("/v2/coupons"));
      // no time passed at all: it did not wait any of the 90 s
      expect(jest.now() - started).toBe(0);
      expect(err.message).toMatch(
        /gave up: the store asked to wait 90 s, longer than the 1\.0 s allowed, after 1 attempt over .*; nothing was changed/,
      );
    });

    it("bounds one request's whole time with maxRequestMs, waits and retries included", async () => {
      server.script(reply(500));
      const started = jest.now();
      const err = await caught(client({ maxRetries: 50, backoffMs: 100, maxRequestMs: 1000 }).get("/v2/coupons"));
      const elapsed = jest.now() - started;
      expect(elapsed).toBeLessThanOrEqual(1000);
      expect(err.attempts).toBeGreaterThan(1);
      expect(err.attempts).toBeLessThan(10);
      expect(err.message).toMatch(
        /gave up after \d attempts over \d\.\d s \(last: 500 Internal Server Error\); nothing was changed/,
      );
    });

    it("gives up waiting for the limiter within maxRequestMs, saying nothing was sent", async () => {
      const limiter = new RateLimiter();
      limiter.exhausted(60_000);
      const err = await caught(client({ limiter, maxRequestMs: 300 }).post("/v2/coupons", {}));
      expect(server.seen).toHaveLength(0);
      expect(err.ambiguous).toBe(false);
      expect(err.message).toMatch(
        /^BigCommerce API POST \/v2\/coupons: gave up: waited 0\.3 s for the store's rate limit without getting a request slot; it was never sent, nothing was changed$/,
      );
    });

    it("takes the whole-request bound from BIGCOMMERCE_MAX_REQUEST_MS when no option gives one", async () => {
      const limiter = new RateLimiter();
      limiter.exhausted(60_000);
      process.env.BIGCOMMERCE_MAX_REQUEST_MS = "200";
      try {
        const started = jest.now();
        const err = await caught(client({ limiter }).get("/v2/coupons"));
        expect(jest.now() - started).toBe(200);
        expect(err.message).toMatch(/waited 0\.2 s for the store's rate limit/);
      } finally {
        delete process.env.BIGCOMMERCE_MAX_REQUEST_MS;
      }
    });

    it("backs off exponentially between retries", async () => {
      server.script(reply(500));
      await caught(client({ maxRetries: 2, backoffMs: 20 }).get("/v2/coupons"));
      const [a, b, c] = server.seen.map((s) => s.at);
      // 20 ms, then 40 ms, each with up to a quarter more of jitter
      expect(b - a).toBeGreaterThanOrEqual(20);
      expect(b - a).toBeLessThanOrEqual(25);
      expect(c - b).toBeGreaterThanOrEqual(40);
      expect(c - b).toBeLessThanOrEqual(50);
    });

    it("sends a POST that gets a 500 exactly once and throws it as ambiguous", async () => {
      server.script(reply(500, [{ status: 500, message: "internal" }]), reply(201, { id: 1 }));
      const err = await caught(client().post("/v2/coupons", { code: "X" }));
      expect(server.seen).toHaveLength(1);
      expect(err.status).toBe(500);
      expect(err.ambiguous).toBe(true);
      expect(err.method).toBe("POST");
      expect(err.path).toBe("/v2/coupons");
    });

    it("retries a GET whose connection was destroyed mid-request", async () => {
      server.script(destroy, reply(200, { id: 1 }));
      await expect(client().get("/v2/coupons/1")).resolves.toEqual({ id: 1 });
      expect(server.seen).toHaveLength(2);
    });

    it("throws a POST whose connection was destroyed as ambiguous with status 0, without sending it again", async () => {
      server.script(destroy, reply(201, { id: 1 }));
      const err = await caught(client().post("/v2/coupons", { code: "X" }));
      expect(err.status).toBe(0);
      expect(err.ambiguous).toBe(true);
      expect(err.message).toMatch(
        /^BigCommerce API POST \/v2\/coupons: gave up after 1 attempt over \d\.\d s \(last: connection reset before an answer \(ECONNRESET\)\); the object may have been created all the same: look it up before creating it again$/,
      );
      expect(server.seen).toHaveLength(1);
    });

    it("gives up on a GET whose connection keeps being destroyed, with status 0 and not ambiguous", async () => {
      server.script(destroy);
      const err = await caught(client({ maxRetries: 1 }).get("/v2/coupons/1"));
      expect(err.status).toBe(0);
      expect(err.ambiguous).toBe(false);
      expect(server.seen).toHaveLength(2);
    });

    it("times out on a server that never answers", async () => {
      server.script(hang);
      const started = jest.now();
      const err = await caught(client({ timeoutMs: 100, maxRetries: 1 }).get("/v2/coupons/1"));
      const elapsed = jest.now() - started;
      expect(err.status).toBe(0);
      expect(err.message).toMatch(
        /gave up after 2 attempts over 0\.\d s \(last: no answer within 0\.1 s \(timed out\)\); nothing was changed$/,
      );
      expect(server.seen).toHaveLength(2);
      // two timeouts of 100 ms and the backoff of 1 ms between them
      expect(elapsed).toBeGreaterThanOrEqual(200);
      expect(elapsed).toBeLessThanOrEqual(202);
    });

    it("times out a POST as ambiguous", async () => {
      server.script(hang);
      const err = await caught(client({ timeoutMs: 100 }).post("/v2/coupons", { code: "X" }));
      expect(err.status).toBe(0);
      expect(err.ambiguous).toBe(true);
      expect(server.seen).toHaveLength(1);
    });
  });

  describe("error bodies", () => {
    it("parses a v2 error array into apiMessages and names method, path and messages in the message", async () => {
      server.script(
        reply(409, [
          { status: 409, message: "dup" },
          { status: 409, message: "code taken" },
        ]),
      );
      const err = await caught(client().post("/v2/coupons", { code: "X" }));
      expect(err.status).toBe(409);
      expect(err.ambiguous).toBe(false);
      expect(err.apiMessages).toEqual(["dup", "code taken"]);
      expect(err.fieldErrors).toEqual({});
      expect(err.message).toContain("POST /v2/coupons");
      expect(err.message).toContain("409");
      expect(err.message).toContain("dup");
      expect(err.message).toContain("code taken");
      expect(server.seen).toHaveLength(1);
    });

    it("parses a v3 error object into apiMessages and fieldErrors", async () => {
      server.script(reply(422, { status: 422, title: "t", type: "https://x", errors: { "rules[0].action": "bad" } }));
      const err = await caught(client().put("/v3/promotions/4", { rules: [] }));
      expect(err.status).toBe(422);
      expect(err.apiMessages).toEqual(["t"]);
      expect(err.fieldErrors).toEqual({ "rules[0].action": "bad" });
      expect(err.message).toContain("PUT /v3/promotions/4");
      expect(err.message).toContain("t");
      expect(err.message).toContain("rules[0].action: bad");
      expect(server.seen).toHaveLength(1);
    });

    it("has isNotFound for a 404 and does not retry it", async () => {
      server.script(reply(404, [{ status: 404, message: "not found" }]));
      const err = await caught(client().get("/v2/coupons/5"));
      expect(err.isNotFound).toBe(true);
      expect(server.seen).toHaveLength(1);
    });

    it("keeps the path of the error free of the query string", async () => {
      server.script(reply(400, "plain text problem"));
      const err = await caught(client().get("/v2/coupons", { code: "X" }));
      expect(err.path).toBe("/v2/coupons");
      expect(err.apiMessages).toEqual(["plain text problem"]);
    });

    it.each([
      ["a v2 array", [{ status: 401, message: `token ${TOKEN} is not valid` }]],
      [
        "a v3 object",
        { status: 401, title: `bad ${TOKEN}`, detail: `got ${TOKEN}`, errors: { [`key ${TOKEN}`]: `value ${TOKEN}` } },
      ],
      ["plain text", `X-Auth-Token: ${TOKEN}`],
    ])("never carries the token when %s echoes it", async (_what, body) => {
      server.script(reply(401, body));
      const err = await caught(client().get("/v2/coupons"));
      expect(err.status).toBe(401);
      expect(err.apiMessages.length).toBeGreaterThan(0);
      const texts = [
        err.message,
        String(err),
        err.stack ?? "",
        JSON.stringify(err),
        JSON.stringify(err.apiMessages),
        JSON.stringify(err.fieldErrors),
      ];
      for (const t of texts) expect(t).not.toContain(TOKEN);
      expect(err.message).toContain("[redacted]");
    });

    it("never carries the token when a POST's 500 echoes it", async () => {
      server.script(reply(500, [{ status: 500, message: `failed for ${TOKEN}` }]));
      const err = await caught(client().post("/v2/coupons", {}));
      expect(err.ambiguous).toBe(true);
      expect(err.message).not.toContain(TOKEN);
      expect(JSON.stringify(err)).not.toContain(TOKEN);
    });
  });

  describe("rate limiter", () => {
    it("holds the next request until the reset when the store says no request is left", async () => {
      let resetAt = 0;
      const answers: Answer[] = [
        (req, res, seen) => {
          resetAt = Date.now() + 80;
          const headers = {
            "X-Rate-Limit-Requests-Left": "0",
            "X-Rate-Limit-Time-Reset-Ms": "80",
            "X-Rate-Limit-Requests-Quota": "150",
          };
          reply(200, { n: 1 }, headers)(req, res, seen);
        },
        (req, res, seen) => {
          // a request before the reset would be refused
          if (Date.now() < resetAt)
            reply(429, "", { "X-Rate-Limit-Time-Reset-Ms": String(resetAt - Date.now()) })(req, res, seen);
          else reply(200, { n: 2 }, { "X-Rate-Limit-Requests-Left": "149" })(req, res, seen);
        },
      ];
      server.script(...answers);
      const c = client();
      await expect(c.get("/v2/coupons/1")).resolves.toEqual({ n: 1 });
      await expect(c.get("/v2/coupons/2")).resolves.toEqual({ n: 2 });
      expect(server.seen).toHaveLength(2);
      expect(server.seen[1].at).toBeGreaterThanOrEqual(resetAt);
      expect(c.stats.rateLimited).toBe(0);
    });

    it("shares one limiter between clients given the same one", async () => {
      const limiter = new RateLimiter();
      server.script(
        reply(200, {}, { "X-Rate-Limit-Requests-Left": "0", "X-Rate-Limit-Time-Reset-Ms": "60" }),
        reply(200, {}),
      );
      await client({ limiter }).get("/v2/a");
      await client({ limiter }).get("/v2/b");
      expect(server.seen[1].at - server.seen[0].at).toBeGreaterThanOrEqual(60);
    });
  });

  it("refuses to be built without a store hash or a token", () => {
    expect(() => new BigCommerceClient({ storeHash: "", accessToken: TOKEN })).toThrow(/storeHash/);
    expect(() => new BigCommerceClient({ storeHash: "h", accessToken: "" })).toThrow(/accessToken/);
  });
});
