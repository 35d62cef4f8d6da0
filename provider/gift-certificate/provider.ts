import { ResourceKind } from "../common/kind";

// PLACEHOLDER (being written).
export const giftCertificateKind: ResourceKind = {
  name: "GiftCertificate",
  fields: {},
  outputs: [],
  create: () => Promise.reject(new Error("not written yet")),
  read: () => Promise.reject(new Error("not written yet")),
  update: () => Promise.reject(new Error("not written yet")),
  delete: () => Promise.reject(new Error("not written yet")),
};
