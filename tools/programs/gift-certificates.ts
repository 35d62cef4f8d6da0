import { GiftCertificate, GiftCertificateArgs } from "../../provider";

/**
 * A program of gift certificates given by name: what the end-to-end tests apply. The codes
 * are not exported (they are secret outputs; a test reads them from the store instead).
 */
export default function giftCertificates(args: {
  giftCertificates: Record<string, GiftCertificateArgs>;
}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, certArgs] of Object.entries(args.giftCertificates)) {
    const g = new GiftCertificate(name, certArgs);
    out[name] = { id: g.giftCertificateId, balance: g.balance, status: g.status };
  }
  return out;
}
