/**
 * The provider side of every resource, loaded with `require` inside the dynamic-provider
 * process (see `dynamic.ts`). Being a module of the installed package, it is loaded once per
 * process: its config, clients and rate limiters are shared by every resource of a run.
 */
import type * as pulumi from "@pulumi/pulumi";
import { currentClient, setStackConfig } from "./config";
import { checkInputs, diffInputs, ResourceKind } from "./common/kind";
import { compact } from "./common/values";
import { bannerKind } from "./banner/provider";
import { couponKind } from "./coupon/provider";
import { giftCertificateKind } from "./gift-certificate/provider";
import { promotionKind } from "./promotion/provider";
import { couponCodeKind } from "./coupon-code/provider";
import { bulkCouponCodesKind } from "./bulk-codes/provider";

type Props = Record<string, unknown>;

const kinds: Record<string, ResourceKind<any>> = {
  Coupon: couponKind,
  Banner: bannerKind,
  GiftCertificate: giftCertificateKind,
  Promotion: promotionKind,
  CouponCode: couponCodeKind,
  BulkCouponCodes: bulkCouponCodesKind,
};

export function configure(req: pulumi.dynamic.ConfigureRequest): void {
  setStackConfig(req.config);
}

function strip(props: Props): Props {
  const { __provider: _, ...rest } = props;
  return rest;
}

/** The dynamic-provider methods of one resource kind. */
export function handler(kindName: string) {
  const kind = kinds[kindName];
  if (!kind) throw new Error(`unknown BigCommerce resource kind ${kindName}`);
  return {
    async check(_olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
      const { inputs, failures } = checkInputs(kind, strip(news));
      // The engine prints the input's value next to a failure naming its property, secrets in
      // clear: a failure of a secret property names none (its reason still starts with it).
      const secret = new Set(kind.secretOutputs ?? []);
      return { inputs, failures: failures.map((f) => (secret.has(f.property.split(/[.[]/)[0]) ? { property: "", reason: f.reason } : f)) };
    },
    async diff(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
      return diffInputs(kind, strip(olds), strip(news));
    },
    async create(inputs: Props): Promise<pulumi.dynamic.CreateResult> {
      const ins = strip(inputs);
      const { id, outs } = await kind.create(currentClient(), ins);
      return { id, outs: compact({ ...ins, ...outs }) };
    },
    async read(id: string, props: Props): Promise<pulumi.dynamic.ReadResult> {
      const found = await kind.read(currentClient(), id, strip(props));
      if (!found) return {};
      return { id, props: compact({ ...found.inputs, ...found.outs }), inputs: compact(found.inputs) };
    },
    async update(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
      const ins = strip(news);
      const outs = await kind.update(currentClient(), id, strip(olds), ins);
      return { outs: compact({ ...ins, ...outs }) };
    },
    async delete(id: string, props: Props): Promise<void> {
      await kind.delete(currentClient(), id, strip(props));
    },
  };
}
