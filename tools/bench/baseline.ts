/**
 * The benchmark's baseline: the same objects as `tools/programs/mixed.ts`, declared through a
 * minimal dynamic provider that only calls the API. No validation, no canonical forms, no rate
 * limiter, no adoption: a 429 is waited out as the answer says and sent again (the least a
 * provider must do to finish at all under the quota); any other error fails. It reads the store
 * from BENCH_API_URL, BENCH_STORE_HASH and BENCH_TOKEN in the provider process's environment.
 *
 * Not for real use: it exists so that `npm run bench` shows what our provider costs on top of
 * the bare API calls.
 */
import * as pulumi from "@pulumi/pulumi";
import { mixedPlan } from "../programs/mixed";

interface RawInputs {
  /** Collection path below the store, e.g. `/v2/coupons` or `/v3/promotions/12/codes`. */
  collection: string | pulumi.Output<string>;
  /** The request body of the create, exactly as the API takes it. */
  body: Record<string, unknown>;
  /** v3 answers wrap the object in `data`. */
  v3: boolean;
  /** Read by listing the collection (coupon codes have no GET of one). */
  readByList?: boolean;
}

/** What the provider process gets: the inputs, resolved (and after a create, the answer). */
interface RawState {
  collection: string;
  body: Record<string, unknown>;
  v3: boolean;
  readByList?: boolean;
  response?: unknown;
}

/** An object as the API answers it (v3 answers wrap it in `data`). */
type ApiObject = { id: number } & Record<string, unknown>;

// Each method is serialised on its own by Pulumi's closure serialiser: it must not use anything of
// this module but types.
const rawProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: RawState) {
    const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
      const base = `${process.env.BENCH_API_URL}/stores/${process.env.BENCH_STORE_HASH}`;
      for (;;) {
        const res = await fetch(base + path, {
          method,
          headers: {
            "X-Auth-Token": String(process.env.BENCH_TOKEN),
            Accept: "application/json",
            ...(body ? { "Content-Type": "application/json" } : {}),
          },
          body: body ? JSON.stringify(body) : undefined,
        });
        const text = await res.text();
        if (res.status === 429) {
          await new Promise((r) => setTimeout(r, Number(res.headers.get("X-Rate-Limit-Time-Reset-Ms")) || 1000));
          continue;
        }
        if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text}`);
        return text ? JSON.parse(text) : undefined;
      }
    };
    const out = await call("POST", inputs.collection, inputs.body);
    const obj = (inputs.v3 ? (out as { data: unknown }).data : out) as ApiObject;
    return { id: String(obj.id), outs: { ...inputs, response: obj } };
  },
  async read(id: string, props: RawState) {
    const call = async (method: string, path: string): Promise<unknown> => {
      const base = `${process.env.BENCH_API_URL}/stores/${process.env.BENCH_STORE_HASH}`;
      for (;;) {
        const res = await fetch(base + path, {
          method,
          headers: { "X-Auth-Token": String(process.env.BENCH_TOKEN), Accept: "application/json" },
        });
        const text = await res.text();
        if (res.status === 429) {
          await new Promise((r) => setTimeout(r, Number(res.headers.get("X-Rate-Limit-Time-Reset-Ms")) || 1000));
          continue;
        }
        if (res.status === 404) return undefined;
        if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text}`);
        return text ? JSON.parse(text) : undefined;
      }
    };
    if (props.readByList) {
      const list = (await call("GET", `${props.collection}?limit=250`)) as { data?: ApiObject[] } | undefined;
      const found = (list?.data ?? []).find((c) => String(c.id) === id);
      return found ? { id, props: { ...props, response: found } } : {};
    }
    const out = await call("GET", `${props.collection}/${id}`);
    if (!out) return {};
    return { id, props: { ...props, response: props.v3 ? (out as { data: unknown }).data : out } };
  },
  async delete(id: string, props: RawState) {
    const base = `${process.env.BENCH_API_URL}/stores/${process.env.BENCH_STORE_HASH}`;
    for (;;) {
      const res = await fetch(`${base}${props.collection}/${id}`, {
        method: "DELETE",
        headers: { "X-Auth-Token": String(process.env.BENCH_TOKEN) },
      });
      if (res.status === 429) {
        await new Promise((r) => setTimeout(r, Number(res.headers.get("X-Rate-Limit-Time-Reset-Ms")) || 1000));
        continue;
      }
      if (res.status >= 400 && res.status !== 404)
        throw new Error(`DELETE ${props.collection}/${id}: ${res.status} ${await res.text()}`);
      return;
    }
  },
};

class RawObject extends pulumi.dynamic.Resource {
  declare readonly response: pulumi.Output<Record<string, unknown>>;
  constructor(name: string, args: RawInputs, opts?: pulumi.CustomResourceOptions) {
    super(rawProvider, name, { ...args, response: undefined }, opts, "bench", "RawObject");
  }
}

const unix = (iso: string) => String(Date.parse(iso) / 1000);

/** The baseline program: `{ n, prefix }` as for `mixed`, the same objects, the same request bodies. */
export default function baseline(args: { n: number; prefix?: string }): Record<string, unknown> {
  const prefix = args.prefix ?? "mix";
  const P = prefix.toUpperCase();
  const promotions = new Map<string, RawObject>();
  let count = 0;
  for (const o of mixedPlan(args.n, prefix)) {
    count++;
    const num = String(o.index).padStart(4, "0");
    switch (o.kind) {
      case "coupon":
        new RawObject(o.name, {
          collection: "/v2/coupons",
          v3: false,
          body: {
            name: o.key,
            code: `${P}-C${num}`,
            type: o.index % 2 ? "percentage_discount" : "per_total_discount",
            amount: String(o.index % 2 ? 10 + (o.index % 15) : 5),
            ...(o.index % 3 === 0 ? { min_purchase: "25" } : {}),
            expires: "Fri, 31 Dec 2027 00:00:00 +0000",
            max_uses_per_customer: 1,
            applies_to: { entity: "categories", ids: [0] },
          },
        });
        break;
      case "banner":
        new RawObject(o.name, {
          collection: "/v2/banners",
          v3: false,
          body: {
            name: o.key,
            content: `<p>${o.key}: <b>sale</b></p>`,
            page: o.index % 3 ? "home_page" : "search_page",
            location: o.index % 2 ? "top" : "bottom",
            date_type: "custom",
            date_from: unix("2027-11-27T00:00:00Z"),
            date_to: unix("2027-12-01T23:59:59Z"),
            visible: "1",
          },
        });
        break;
      case "giftCertificate":
        new RawObject(o.name, {
          collection: "/v2/gift_certificates",
          v3: false,
          body: {
            to_name: `Customer ${num}`,
            to_email: `customer${num}@example.com`,
            from_name: "The shop",
            from_email: "shop@example.com",
            amount: String(25 + (o.index % 4) * 25),
            code: o.key,
            message: `Thank you, customer ${num}`,
          },
        });
        break;
      case "promotion":
        promotions.set(
          o.name,
          new RawObject(o.name, {
            collection: "/v3/promotions",
            v3: true,
            body: {
              redemption_type: "COUPON",
              name: o.key,
              rules: [{ action: { cart_value: { discount: { percentage_amount: String(5 + (o.index % 20)) } } } }],
              start_date: "2027-11-27T00:00:00+00:00",
              end_date: "2027-12-01T23:59:59+00:00",
            },
          }),
        );
        break;
      case "couponCode": {
        const promotion = promotions.get(o.promotion as string) as RawObject;
        new RawObject(o.name, {
          collection: pulumi.interpolate`/v3/promotions/${promotion.id}/codes`,
          v3: true,
          readByList: true,
          body: { code: o.key, max_uses: 1000, max_uses_per_customer: 1 },
        });
        break;
      }
    }
  }
  return { count };
}
