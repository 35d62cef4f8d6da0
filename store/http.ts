import * as http from "node:http";

/** A parsed request as the handlers of the local store see it. */
export interface StoreRequest {
  method: string;
  /** Path below `/stores/{hash}`, e.g. `/v2/coupons/3`. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  storeHash: string;
}

export interface StoreResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** An error answered in the v2 shape: a bare array of `{status, message}`. */
export class V2Error extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
  toResponse(): StoreResponse {
    return {
      status: this.status,
      body: [{ status: this.status, message: this.message, ...(this.details ? { details: this.details } : {}) }],
    };
  }
}

/** An error answered in the v3 shape: `{status, title, type, errors}`. */
export class V3Error extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly errors: Record<string, string> = {},
  ) {
    super(title);
  }
  toResponse(): StoreResponse {
    return {
      status: this.status,
      body: {
        status: this.status,
        title: this.title,
        type: "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes",
        errors: this.errors,
      },
    };
  }
}

export function readBody(req: http.IncomingMessage, limit = 5 * 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new V2Error(413, "The request body is too large."));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
