import { compact, money4, normalizeDate, rfc2822 } from "../common/values";
import type { GiftCertificateInputs, GiftCertificateStatus, GiftCertificateTemplate } from "./schema";

/** A gift certificate as the v2 API returns it (dates are unix-timestamp strings, "0" for none). */
export interface ApiGiftCertificate {
  id: number;
  customer_id: number;
  order_id: number;
  code: string;
  to_name: string;
  to_email: string;
  from_name: string;
  from_email: string;
  amount: string;
  balance: string;
  status: string;
  template: string;
  message: string;
  purchase_date: string;
  expiry_date: string;
  currency_code: string;
}

/** The certificate as the store holds it, in the canonical form of the inputs (every property present). */
export interface StoreView extends Record<string, unknown> {
  toName: string;
  toEmail: string;
  fromName: string;
  fromEmail: string;
  amount: string;
  balance: string;
  code: string;
  template: GiftCertificateTemplate;
  message: string;
  status: GiftCertificateStatus;
  expiryDate: string;
  purchaseDate: string;
  customerId: number;
  currencyCode: string;
}

/**
 * A date the API returned (unix seconds as a string, "0" or "" for none) in the canonical RFC
 * 2822 GMT form; RFC 2822 or ISO text (some clients and older stores) is read too.
 */
export function dateFromApi(v: string | number | null | undefined): string {
  if (v === undefined || v === null) return "";
  const s = String(v).trim();
  if (s === "" || s === "0") return "";
  if (/^\d+$/.test(s)) return rfc2822(new Date(Number(s) * 1000));
  return normalizeDate(s) ?? s;
}

/**
 * Canonical inputs -> request body. Properties left to the store (no code, purchase date or
 * currency declared) are not sent; `expiry_date` only when set, or `""` to clear one when
 * `clearExpiry` says so. `balance` and `status` are sent only when `send` asks for them: the
 * store moves both on its own (customers spending, expiry), and a write would undo that.
 */
export function toApi(
  g: GiftCertificateInputs,
  send: { balance?: boolean; status?: boolean; clearExpiry?: boolean } = { balance: true, status: true },
): Record<string, unknown> {
  return compact({
    to_name: g.toName,
    to_email: g.toEmail,
    from_name: g.fromName,
    from_email: g.fromEmail,
    amount: g.amount,
    balance: send.balance ? g.balance : undefined,
    code: g.code,
    template: g.template,
    message: g.message,
    status: send.status ? g.status : undefined,
    expiry_date: g.expiryDate ? g.expiryDate : send.clearExpiry ? "" : undefined,
    purchase_date: g.purchaseDate,
    customer_id: g.customerId,
    currency_code: g.currencyCode,
  });
}

/** API object -> what the store holds, in the canonical form check produces. */
export function fromApi(a: ApiGiftCertificate): StoreView {
  return {
    toName: a.to_name,
    toEmail: a.to_email,
    fromName: a.from_name,
    fromEmail: a.from_email,
    amount: money4(a.amount) ?? String(a.amount),
    balance: money4(a.balance ?? a.amount) ?? String(a.balance),
    code: a.code,
    template: a.template as GiftCertificateTemplate,
    message: a.message ?? "",
    status: a.status as GiftCertificateStatus,
    expiryDate: dateFromApi(a.expiry_date),
    purchaseDate: dateFromApi(a.purchase_date),
    customerId: a.customer_id ?? 0,
    currencyCode: a.currency_code,
  };
}

/** Output-only values of a gift certificate. */
export function outputsFromApi(a: ApiGiftCertificate): { giftCertificateId: number; orderId: number } {
  return { giftCertificateId: a.id, orderId: a.order_id ?? 0 };
}

/** True when customers have spent from the certificate (its balance is below its amount). */
export function isSpent(a: Pick<ApiGiftCertificate, "amount" | "balance">): boolean {
  const amount = Number(money4(a.amount) ?? a.amount);
  const balance = Number(money4(a.balance) ?? a.balance);
  return Number.isFinite(amount) && Number.isFinite(balance) && balance < amount;
}
