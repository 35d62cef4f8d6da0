import { fromCampaign } from "../campaign/inherit";
import { defineKind } from "../common/definition";
import { GiftCertificate } from "./index";
import { giftCertificateKind } from "./provider";

/** The GiftCertificate resource: its kind, class, campaign section and words (listed in provider/kinds.ts). */
export const giftCertificateDefinition = defineKind({
  kind: giftCertificateKind,
  Resource: GiftCertificate,
  campaign: {
    section: "giftCertificates",
    what: "a gift certificate",
    def: "giftCertificate",
    text: "Gift certificates, by key. A declared `code` is kept as a secret.",
    inherit: fromCampaign([
      ["expiryDate", "endDate"],
      ["currencyCode", "currency"],
    ]),
    outputs: ["giftCertificateId"],
  },
  export: { writes: true },
  summary: {
    label: "Gift certificate",
    labelBy: { property: "toName", form: "for" },
    fieldNames: {
      toName: "recipient",
      toEmail: "recipient email",
      fromName: "sender",
      fromEmail: "sender email",
      expiryDate: "expires",
      purchaseDate: "purchase date",
      customerId: "customer",
      currencyCode: "currency",
      allowDeleteWhenSpent: "delete when spent",
      allowExpired: "create expired",
    },
    keyFields: ["amount", "balance", "expiryDate", "code"],
    moneyFields: ["amount"],
    expiryFields: ["expiryDate"],
    holdsMoney: true,
  },
});
