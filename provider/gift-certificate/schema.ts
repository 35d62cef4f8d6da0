import { z } from "zod";
import { Failure, failure, InputsOf } from "../common/kind";
import { storeFills } from "../common/set-by-store";
import { money4, normalizeDate, parseDate } from "../common/values";

/** Email themes of the message sent to the recipient. */
export const GIFT_CERTIFICATE_TEMPLATES = [
  "birthday.html",
  "boy.html",
  "girl.html",
  "celebration.html",
  "christmas.html",
  "general.html",
] as const;
export type GiftCertificateTemplate = (typeof GIFT_CERTIFICATE_TEMPLATES)[number];

export const GIFT_CERTIFICATE_STATUSES = ["active", "pending", "disabled", "expired"] as const;
export type GiftCertificateStatus = (typeof GIFT_CERTIFICATE_STATUSES)[number];

/** The store cuts longer codes to this length, so check refuses them (the diff would never settle). */
export const MAX_CODE_LENGTH = 20;
export const MAX_MESSAGE_LENGTH = 250;

/**
 * Optional inputs the store fills in when the program leaves them out: a generated code, today
 * as the purchase date, the store's default currency. A value the store chose is never drift.
 */
export const STORE_FILLED = storeFills(["code", "purchaseDate", "currencyCode"] as const);

const money = (what: string) =>
  z
    .union([z.string(), z.number()])
    .refine((v) => money4(v) !== undefined, {
      message: `${what} must be a non-negative decimal with at most 4 decimal places`,
    })
    .transform((v) => money4(v) as string);

const DATE_RULE = "must be a date in ISO 8601 (2026-12-31 or 2026-12-31T23:59:00Z) or RFC 2822 form";

/** A date in the API's RFC 2822 GMT form, to the second (the store keeps unix seconds). */
function canonicalDate(v: string | Date): string | undefined {
  const d = parseDate(v);
  return d ? normalizeDate(new Date(Math.floor(d.getTime() / 1000) * 1000)) : undefined;
}

const date = () =>
  z
    .union([z.string(), z.date()])
    .refine((v) => canonicalDate(v) !== undefined, { message: DATE_RULE })
    .transform((v) => canonicalDate(v) as string);

const name = z.string().trim().min(1, "must not be empty").max(255, "must be at most 255 characters");
const email = z.string().trim().email("must be an email address");

/**
 * One zod schema per input. Each validates the rule the API documents and canonicalises the
 * value to what the store will return, so that the diff compares like with like.
 */
export const giftCertificateFields = {
  toName: name,
  toEmail: email,
  fromName: name,
  fromEmail: email,
  amount: money("the amount").refine((v) => Number(v) > 0, { message: "must be greater than 0" }),
  balance: money("the balance").optional(),
  code: z
    .string()
    .min(1, "must not be empty")
    // never quote the code itself in a failure: it is a bearer secret
    .max(MAX_CODE_LENGTH, `must be at most ${MAX_CODE_LENGTH} characters (the store would cut a longer code)`)
    .refine((c) => c.trim() === c, { message: "must not start or end with white space" })
    .optional(),
  template: z.enum(GIFT_CERTIFICATE_TEMPLATES).default("general.html"),
  message: z.string().max(MAX_MESSAGE_LENGTH, `must be at most ${MAX_MESSAGE_LENGTH} characters`).default(""),
  status: z.enum(GIFT_CERTIFICATE_STATUSES).default("active"),
  expiryDate: z
    .union([z.string(), z.date()])
    .refine((v) => v === "" || canonicalDate(v) !== undefined, { message: DATE_RULE })
    .transform((v) => (v === "" ? "" : (canonicalDate(v) as string)))
    .default(""),
  purchaseDate: date().optional(),
  customerId: z.number().int("must be a whole number").nonnegative("must not be negative").default(0),
  currencyCode: z
    .string()
    .regex(/^[A-Za-z]{3}$/, "must be an ISO 4217 currency code such as USD")
    .transform((c) => c.toUpperCase())
    .optional(),
  allowDeleteWhenSpent: z.boolean().default(false),
  allowExpired: z.boolean().default(false),
};

/**
 * Canonical gift certificate inputs, as check returns them and state holds them. Dates are RFC
 * 2822 GMT (`expiryDate` "" for never); the optional ones absent are the store's to fill in.
 */
export type GiftCertificateInputs = InputsOf<typeof giftCertificateFields>;

/** Rules across properties. */
export function giftCertificateCrossCheck(
  inputs: Partial<GiftCertificateInputs>,
  known: (k: keyof GiftCertificateInputs) => boolean,
): Failure[] {
  const failures: Failure[] = [];
  if (
    known("balance") &&
    known("amount") &&
    inputs.balance !== undefined &&
    Number(inputs.balance) > Number(inputs.amount)
  ) {
    failures.push(failure("balance", `balance: must not exceed the amount (${inputs.amount}), got ${inputs.balance}`));
  }
  if (known("purchaseDate") && known("expiryDate") && inputs.purchaseDate && inputs.expiryDate) {
    if (Date.parse(inputs.expiryDate) <= Date.parse(inputs.purchaseDate)) {
      failures.push(failure("expiryDate", `expiryDate: must be after the purchase date (${inputs.purchaseDate})`));
    }
  }
  return failures;
}

/** Rules of a certificate about to be created: never created expired unless `allowExpired` says so. */
export function giftCertificateCreateCheck(inputs: Partial<GiftCertificateInputs>, now = Date.now()): Failure[] {
  const expiry = inputs.expiryDate;
  if (typeof expiry !== "string" || !expiry || inputs.allowExpired === true || !(Date.parse(expiry) < now)) return [];
  return [
    failure(
      "expiryDate",
      `expiryDate: ${expiry} is already past, so the certificate would be created expired and its money could ` +
        "never be spent: give a later expiryDate, leave it out, or set `allowExpired: true` to create it so",
    ),
  ];
}
