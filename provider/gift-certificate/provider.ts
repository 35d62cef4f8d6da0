import { answered, redact, unlessGone } from "../client/errors";
import { BigCommerceClient } from "../client/http";
import { itemsOf, v2Pages } from "../client/paging";
import { GIFT_CERTIFICATES } from "../client/paths";
import { deleteJudged, v2BatchedReader } from "../common/batch";
import { v2Lookups } from "../common/key-lookup";
import { canonicalOld, ResourceKind } from "../common/kind";
import { SET_BY_STORE } from "../common/set-by-store";
import { deepEqual, money4 } from "../common/values";
import { ApiGiftCertificate, fromApi, isSpent, outputsFromApi, StoreView, toApi } from "./mapping";
import {
  giftCertificateCreateCheck,
  giftCertificateCrossCheck,
  giftCertificateFields,
  GiftCertificateInputs,
  GiftCertificateStatus,
  STORE_FILLED,
} from "./schema";

type Props = Record<string, unknown>;
type StoreFilled = (typeof STORE_FILLED.keys)[number];

/** The status the store may move a certificate to on its own (never drift). */
const STORE_MOVED_STATUS = "expired";

/** Output properties that are not inputs. */
export const GIFT_CERTIFICATE_OUTPUTS = [
  "giftCertificateId",
  "orderId",
  "declaredBalance",
  "declaredStatus",
  SET_BY_STORE,
];

/** Outputs that hold secrets: the code redeems the certificate's money. */
export const GIFT_CERTIFICATE_SECRET_OUTPUTS = ["code"];

function sameMoney(a: unknown, b: unknown): boolean {
  if (a === undefined || a === null || b === undefined || b === null) return (a ?? undefined) === (b ?? undefined);
  return (money4(a) ?? a) === (money4(b) ?? b);
}

/** The status the program declared, as recorded in state. */
function declaredStatus(olds: Props): GiftCertificateStatus | undefined {
  return (olds.declaredStatus ?? olds.status) as GiftCertificateStatus | undefined;
}

/** True when the store's status differs from the declared one other than by expiring: drift to revert. */
function statusDrifted(olds: Props): boolean {
  const declared = declaredStatus(olds);
  return olds.status !== undefined && olds.status !== declared && olds.status !== STORE_MOVED_STATUS;
}

/** Diff of a property the store fills in when the program leaves it out (code, purchase date, currency). */
function storeFilledUnchanged(key: StoreFilled) {
  return (olds: Props, news: Props): boolean => {
    const filled = STORE_FILLED.recorded(olds).includes(key);
    if (news[key] === undefined) return filled || olds[key] === undefined;
    if (filled) return false; // declared now, where the store chose before: apply it
    return deepEqual(canonicalOld(giftCertificateFields[key], olds[key]), news[key]);
  };
}

/** What state keeps besides the store's values: the declarations the store's moves must not overwrite. */
function declarations(inputs: GiftCertificateInputs): Props {
  return {
    declaredBalance: inputs.balance,
    declaredStatus: inputs.status,
    [SET_BY_STORE]: STORE_FILLED.omitted(inputs),
  };
}

function outsOf(g: ApiGiftCertificate, inputs: GiftCertificateInputs): Props {
  return { ...fromApi(g), ...outputsFromApi(g), ...declarations(inputs) };
}

/** Keeps a declared code out of error messages (an API message might quote it). */
function scrubCode<T>(code: string | undefined, run: () => Promise<T>): Promise<T> {
  return run().catch((e: unknown) => {
    if (code && e instanceof Error && e.message.includes(code)) e.message = redact(e.message, code);
    throw e;
  });
}

/** Ids of the certificates with this code (at most one: codes are unique in the store). */
async function findByCode(client: BigCommerceClient, code: string): Promise<string[]> {
  const found = await scrubCode(code, () => client.list<ApiGiftCertificate>(GIFT_CERTIFICATES, { code }));
  return found.filter((g) => g.code === code).map((g) => String(g.id));
}

/**
 * The certificates holding a code, for the checks of new certificates (the v2 API counts no
 * certificates: each look-up after the first pays for one more page of their listing).
 */
const byCode = v2Lookups<ApiGiftCertificate>(GIFT_CERTIFICATES)("code", true);

/** One certificate by id, batched with the reads arriving with it (a refresh of many lists them). */
export const readGiftCertificate = v2BatchedReader<ApiGiftCertificate>(GIFT_CERTIFICATES);

/**
 * The inputs that describe what the store holds, for `read`: the store's values (so that an
 * edit in the control panel shows as drift), except the declared balance (customers spending
 * is not drift), the declared status when the store only expired the certificate, and no value
 * for the properties the store filled in itself.
 */
export function inputsFromStore(store: StoreView, olds: Props): GiftCertificateInputs {
  const inputs: GiftCertificateInputs = STORE_FILLED.declared(
    { ...store, allowDeleteWhenSpent: olds.allowDeleteWhenSpent === true, allowExpired: olds.allowExpired === true },
    olds,
  );
  const balance = olds.declaredBalance;
  if (balance === undefined || balance === null) delete inputs.balance;
  // state holds the declared balance as the decimal string check made of it (any other JSON value
  // is kept as its JSON text, which for a number or boolean is String's)
  else inputs.balance = money4(balance) ?? (typeof balance === "string" ? balance : JSON.stringify(balance));
  const declared = declaredStatus(olds);
  if (store.status === STORE_MOVED_STATUS && declared) inputs.status = declared;
  return inputs;
}

/** The v2 gift certificate API behind the `GiftCertificate` resource. */
export const giftCertificateKind: ResourceKind<typeof giftCertificateFields> = {
  name: "GiftCertificate",
  fields: giftCertificateFields,
  crossCheck: giftCertificateCrossCheck,
  createCheck: giftCertificateCreateCheck,
  outputs: GIFT_CERTIFICATE_OUTPUTS,
  secretOutputs: GIFT_CERTIFICATE_SECRET_OUTPUTS,
  unique: {
    code: {
      space: "gift certificate code",
      secret: true,
      caseSensitive: true,
      lookUp: (client, code) => scrubCode(code, () => byCode(client, code)),
    },
  },
  adoption: {
    // the code redeems money: never named in logs or errors
    key: () => "the declared code",
    unique: true,
    findExisting: async (client, inputs) => (inputs.code ? findByCode(client, inputs.code) : undefined),
    // An adopted certificate keeps the balance customers left on it (spending is not undone):
    // the declared balance and status become the declarations, as after a create.
    readProps: (inputs) => ({ ...declarations(inputs), allowDeleteWhenSpent: inputs.allowDeleteWhenSpent }),
    adoptNeeds: ["code"],
    // Without a declared code the store chooses one: a retry knows its earlier create as the
    // certificate to the same recipient with every declared value (never a second one for them).
    twins: {
      by: (inputs) => (inputs.code ? undefined : `recipient "${inputs.toEmail}"`),
      find: async (client, inputs) => {
        const ids: string[] = [];
        for await (const g of itemsOf(
          v2Pages<ApiGiftCertificate>(client, GIFT_CERTIFICATES, { query: { to_email: inputs.toEmail } }),
        ))
          if (g.to_email === inputs.toEmail) ids.push(String(g.id));
        return ids;
      },
    },
  },
  unchanged: {
    // The balance falls as customers spend it: only a change of the declared value counts.
    balance: (olds, news) => sameMoney(olds.declaredBalance, news.balance),
    // The store expires certificates on its own; any other status it holds is drift.
    status: (olds, news) => news.status === declaredStatus(olds) && !statusDrifted(olds),
    code: storeFilledUnchanged("code"),
    purchaseDate: storeFilledUnchanged("purchaseDate"),
    currencyCode: storeFilledUnchanged("currencyCode"),
    // read only at creation (the check of a new certificate): never a change
    allowExpired: () => true,
  },

  async create(client, inputs) {
    // A lost answer is looked up by the declared code in the shared create (common/adopt.ts).
    // Without a declared code there is no safe way to tell, and creating again could give the
    // customer two certificates: the shared create says so and stops.
    const created = answered(
      await scrubCode(inputs.code, () => client.post<ApiGiftCertificate>(GIFT_CERTIFICATES, toApi(inputs))),
      "POST",
      GIFT_CERTIFICATES,
      "gift certificate",
    );
    return { id: String(created.id), outs: outsOf(created, inputs) };
  },

  async read(client, id, props) {
    const g = await readGiftCertificate(client, id);
    if (!g) return undefined;
    const store = fromApi(g);
    const inputs = inputsFromStore(store, props);
    // the declarations stay as they were: only `up` changes them
    const kept = {
      declaredBalance: props.declaredBalance,
      declaredStatus: declaredStatus(props),
      [SET_BY_STORE]: STORE_FILLED.recorded(props),
    };
    return { inputs, outs: { ...store, ...outputsFromApi(g), ...kept } };
  },

  async update(client, id, olds, news) {
    const body = toApi(news, {
      // a declared balance is written when the declaration changes, never to undo spending
      balance: news.balance !== undefined && !sameMoney(olds.declaredBalance, news.balance),
      // the status when its declaration changes, or to revert a change made in the store
      status: news.status !== declaredStatus(olds) || statusDrifted(olds),
      clearExpiry: !news.expiryDate && Boolean(olds.expiryDate),
    });
    const path = `${GIFT_CERTIFICATES}/${id}`;
    const g = answered(
      await scrubCode(news.code, () => client.put<ApiGiftCertificate>(path, body)),
      "PUT",
      path,
      "gift certificate",
    );
    return outsOf(g, news);
  },

  async delete(client, id, props) {
    // Judged on the store's balance read at most JUDGE_MAX_AGE_MS before the DELETE is sent, not
    // on the state's (customers may have spent since); a destroy of many lists them (common/batch.ts).
    await deleteJudged(readGiftCertificate, client, id, async (g, sendIf) => {
      if (isSpent(g) && props.allowDeleteWhenSpent !== true) {
        const currency = g.currency_code ? ` ${g.currency_code}` : "";
        throw new Error(
          `refusing to delete gift certificate ${id}: customers have spent from it (balance ${money4(g.balance) ?? g.balance} of ` +
            `${money4(g.amount) ?? g.amount}${currency}), and deleting it erases the record of their money. To delete it ` +
            "anyway, set `allowDeleteWhenSpent: true` on this GiftCertificate and run `pulumi up` first.",
        );
      }
      await unlessGone(client.delete(`${GIFT_CERTIFICATES}/${id}`, undefined, sendIf)); // gone meanwhile is fine
    });
  },
};
