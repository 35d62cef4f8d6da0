import * as pulumi from "@pulumi/pulumi";
import { dynamicProvider } from "../dynamic";

// PLACEHOLDER (being written).
export interface BannerArgs {}

export class Banner extends pulumi.dynamic.Resource {
  constructor(name: string, args: BannerArgs, opts?: pulumi.CustomResourceOptions) {
    super(dynamicProvider("Banner"), name, { ...args }, opts, "bigcommerce", "Banner");
  }
}
