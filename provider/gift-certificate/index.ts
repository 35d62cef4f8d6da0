import * as pulumi from "@pulumi/pulumi";
import { dynamicProvider } from "../dynamic";

// PLACEHOLDER (being written).
export interface GiftCertificateArgs {}

export class GiftCertificate extends pulumi.dynamic.Resource {
  constructor(name: string, args: GiftCertificateArgs, opts?: pulumi.CustomResourceOptions) {
    super(dynamicProvider("GiftCertificate"), name, { ...args }, opts, "bigcommerce", "GiftCertificate");
  }
}
