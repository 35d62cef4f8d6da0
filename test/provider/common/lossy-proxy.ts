/**
 * A tiny HTTP proxy in front of the local store that can lose answers: a request it is told to
 * "lose" is carried out by the store, then the connection is cut before the answer arrives (the
 * client sees a reset, exactly like a network failure after the write). "drop" cuts the
 * connection before forwarding (the request never lands). Everything else passes through.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export type Fate = "pass" | "lose" | "drop";

export interface LossyProxy {
  url: string;
  /** "METHOD /path" of every request seen, in order (path below the store, no query). */
  seen: string[];
  close(): Promise<void>;
}

export async function lossyProxy(target: string, fate: (method: string, path: string) => Fate): Promise<LossyProxy> {
  const to = new URL(target);
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0].replace(/^\/stores\/[^/]+/, "");
    const method = req.method ?? "GET";
    seen.push(`${method} ${path}`);
    const what = fate(method, path);
    if (what === "drop") {
      req.socket.destroy();
      return;
    }
    const upstream = http.request(
      { host: to.hostname, port: to.port, method, path: req.url, headers: { ...req.headers, host: to.host } },
      (up) => {
        const chunks: Buffer[] = [];
        up.on("data", (c: Buffer) => chunks.push(c));
        up.on("end", () => {
          if (what === "lose") {
            req.socket.destroy(); // carried out; the answer never arrives
            return;
          }
          res.writeHead(up.statusCode ?? 502, up.headers);
          res.end(Buffer.concat(chunks));
        });
      },
    );
    upstream.on("error", () => req.socket.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** Counts of the requests the store served since the last reset, by method (its /__admin/stats). */
export async function storeStats(storeUrl: string): Promise<{ total: number; byMethod: Record<string, number> }> {
  const r = await fetch(`${storeUrl}/__admin/stats`);
  return (await r.json()) as { total: number; byMethod: Record<string, number> };
}

export async function resetStats(storeUrl: string): Promise<void> {
  await fetch(`${storeUrl}/__admin/stats`, { method: "DELETE" });
}

/** A fate that loses the answer of the first `n` requests matching method and path pattern. */
export function loseFirst(n: number, method: string, path: RegExp, how: Fate = "lose"): (m: string, p: string) => Fate {
  let left = n;
  return (m, p) => {
    if (m === method && path.test(p) && left > 0) {
      left--;
      return how;
    }
    return "pass";
  };
}
