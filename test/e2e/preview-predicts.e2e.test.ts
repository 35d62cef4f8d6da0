/**
 * What would fail at `up` fails at `preview`, with the fix in the message, and the store gets no
 * write: configuration, credentials, the store's address, unique values (in the program and in
 * the store), dates, nested field failures. The real engine against the local store.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { LocalStore, startLocalStore } from "../../store/server";
import { REPO, TestStack, workDir } from "./engine";

const TOKEN = "e2e-Preview-Token-5d3a9c1e";
const READ_ONLY = "e2e-ReadOnly-Token-8b2f4e6a";
const HASH = "predicts";

type Declared = { kind: string; name: string; args: Record<string, unknown> };
const coupon = (name: string, code: string, extra: Record<string, unknown> = {}): Declared => ({
  kind: "Coupon",
  name,
  args: { name: `Coupon ${name}`, code, type: "per_total_discount", amount: 5, ...extra },
});

let stacks = 0;

describe("preview predicts up: what would fail at up fails at preview, nothing written", () => {
  let store: LocalStore;
  const campaignDir = path.join(REPO, ".tmp", `preview-predicts-${process.pid}`);

  beforeAll(async () => {
    store = await startLocalStore({ accessToken: TOKEN, readOnlyToken: READ_ONLY });
    fs.mkdirSync(campaignDir, { recursive: true });
  });
  afterAll(async () => {
    await store?.close();
    fs.rmSync(campaignDir, { recursive: true, force: true });
  });

  /** A fresh stack of `resources` (or campaign `files`) with the given config (default: this store, TOKEN). */
  function stackOf(
    declared: { resources?: Declared[]; files?: string[] },
    config: Record<string, string> = { "bigcommerce:apiUrl": store.url, "bigcommerce:storeHash": HASH },
    secretConfig: Record<string, string> = { "bigcommerce:accessToken": TOKEN },
  ): TestStack {
    const program = declared.files ? "campaign" : "resources";
    return new TestStack({
      workDir: workDir("preview-predicts"),
      projectName: "preview-predicts-e2e",
      stackName: `predicts-${process.pid}-${++stacks}`,
      program: path.join(REPO, "dist", "tools", "programs", `${program}.js`),
      programArgs: declared.files ? { files: declared.files } : { resources: declared.resources },
      config,
      secretConfig,
    });
  }

  /** Runs a preview expected to fail; returns everything the engine printed, and checks no write reached the store. */
  async function failingPreview(stack: TestStack): Promise<string> {
    const before = { ...store.stats.byMethod };
    const r = await stack.run("preview");
    expect(r.ok).toBe(false);
    for (const m of ["POST", "PUT", "DELETE"]) expect(store.stats.byMethod[m] ?? 0).toBe(before[m] ?? 0);
    const text = `${r.stdout}\n${r.stderr}`;
    expect(text).not.toContain(TOKEN);
    expect(text).not.toMatch(/node_modules|\n\s+at /); // no stack trace
    return text;
  }

  const times = (text: string, part: string) => text.split(part).length - 1;

  test("a misspelled key fails with a did-you-mean; a store hash without a token names bigcommerce:accessToken", async () => {
    const gets = store.stats.byMethod.GET ?? 0;
    const misspelled = await failingPreview(
      stackOf(
        { resources: [coupon("a", "TYPO1")] },
        { "bigcommerce:apiUrl": store.url, "bigcommerce:storehash": HASH },
      ),
    );
    expect(misspelled).toContain(
      "bigcommerce:storehash is not a setting of the provider: did you mean bigcommerce:storeHash?",
    );
    const noToken = await failingPreview(
      stackOf(
        { resources: [coupon("a", "NOTOKEN1")] },
        { "bigcommerce:apiUrl": store.url, "bigcommerce:storeHash": HASH },
        {},
      ),
    );
    expect(noToken).toContain("bigcommerce:accessToken is not set");
    // neither fell back to the local store's credentials, nor asked the store anything
    expect(store.stats.byMethod.GET ?? 0).toBe(gets);
  });

  test("a wrong token (401) fails once, naming bigcommerce:accessToken and the scope; nothing listening names the URL", async () => {
    const wrong = await failingPreview(
      stackOf({ resources: [coupon("a", "WRONG1"), coupon("b", "WRONG2")] }, undefined, {
        "bigcommerce:accessToken": "not-the-token-1234",
      }),
    );
    expect(wrong).toContain("refused the first read (401)");
    expect(wrong).toContain("check bigcommerce:accessToken");
    expect(wrong).toContain("store_v2_marketing");
    expect(times(wrong, "refused the first read")).toBe(1);

    const nowhere = "http://127.0.0.1:9";
    const refused = await failingPreview(
      stackOf(
        { resources: [coupon("a", "NOWHERE1")] },
        { "bigcommerce:apiUrl": nowhere, "bigcommerce:storeHash": HASH },
      ),
    );
    expect(refused).toContain(`nothing answers at ${nowhere} (ECONNREFUSED): check bigcommerce:apiUrl`);
    expect(refused).not.toMatch(/gave up after|attempts/);
  });

  test("a read-only token previews, and up fails on the write with 403 naming store_v2_marketing", async () => {
    const stack = stackOf({ resources: [coupon("a", "READONLY1")] }, undefined, {
      "bigcommerce:accessToken": READ_ONLY,
    });
    await stack.ok("preview");
    const up = await stack.run("up");
    expect(up.ok).toBe(false);
    expect(`${up.stdout}${up.stderr}${up.error}`).toMatch(/403.*Marketing modify scope \(`store_v2_marketing`\)/);
    expect(store.state.data.coupons.filter((c) => c.code === "READONLY1")).toEqual([]);
  });

  test("one code twice in a program (any case), coupon and promotion codes, fails naming both resources", async () => {
    const text = await failingPreview(
      stackOf({
        resources: [
          coupon("first", "TWICE10"),
          coupon("second", "twice10"),
          {
            kind: "Promotion",
            name: "promo",
            args: {
              name: "Twice",
              redemptionType: "COUPON",
              rules: [{ action: { cartValue: { discount: { percentageAmount: 10 } } } }],
            },
          },
        ],
      }),
    );
    expect(text).toContain('Coupon "second" declares code "twice10" as Coupon "first"');
    expect(text).toContain("Give one of them another code");
  });

  test("a code the store holds fails with its id and both fixes; the same values warn; past dates warn; a nested failure shows its value", async () => {
    for (const [name, code] of [
      ["Held", "HELD1"],
      ["Held too", "HELD2"],
    ]) {
      await fetch(`${store.url}/stores/${HASH}/v2/coupons`, {
        method: "POST",
        headers: { "X-Auth-Token": TOKEN, "Content-Type": "application/json" },
        body: JSON.stringify({
          name,
          code,
          type: "per_total_discount",
          amount: 3,
          applies_to: { entity: "categories", ids: [0] },
        }),
      });
    }
    const held = store.state.data.coupons.find((c) => c.code === "HELD1");
    const other = store.state.data.coupons.find((c) => c.code === "HELD2");
    // the engine stops at the first failed check: one failing resource per preview
    const passing = await stackOf({
      resources: [
        coupon("same", "HELD1", { name: "Held", amount: 3 }),
        coupon("late", "LATE1", { expires: "2020-01-31" }),
      ],
    }).ok("preview");
    const warned = `${passing.stdout}\n${passing.stderr}`;
    // the identical object: most likely this resource's own lost create
    expect(warned).toContain(`the store already holds a Coupon with exactly the declared values (id ${held?.id})`);
    expect(times(warned, "exactly the declared values")).toBe(1);
    expect(warned).toMatch(/Coupon "Coupon late": expires Fri, 31 Jan 2020 00:00:00 \+0000 is already past/);

    const taken = await failingPreview(stackOf({ resources: [coupon("taken", "held2")] }));
    expect(taken).toContain(
      `the store already has a Coupon with code "held2" (id ${other?.id}; a coupon code is unique in the store, whatever its case)`,
    );
    expect(taken).toContain(
      `take it over with \`adopt: true\` (or \`adoptId: ${other?.id}\`), or give this Coupon another code`,
    );

    const nested = await failingPreview(
      stackOf({
        resources: [
          {
            kind: "Promotion",
            name: "too-much",
            args: {
              name: "Too much",
              redemptionType: "AUTOMATIC",
              rules: [{ action: { cartValue: { discount: { percentageAmount: 150 } } } }],
            },
          },
        ],
      }),
    );
    expect(nested).toContain(
      "rules[0].action.cartValue.discount.percentageAmount: a percentage must be at most 100 (got 150)",
    );
    expect(nested).not.toContain("{<nil>}");
  });

  test("a gift certificate that would be created expired fails unless allowExpired", async () => {
    const gift = (name: string, extra: Record<string, unknown> = {}): Declared => ({
      kind: "GiftCertificate",
      name,
      args: {
        toName: "Alyss",
        toEmail: "alyss@example.com",
        fromName: "Noland",
        fromEmail: "noland@example.com",
        amount: 25,
        expiryDate: "2021-01-01",
        ...extra,
      },
    });
    const text = await failingPreview(stackOf({ resources: [gift("expired")] }));
    expect(text).toContain("expiryDate: Fri, 01 Jan 2021 00:00:00 +0000 is already past");
    expect(text).toContain("set `allowExpired: true`");
    await stackOf({ resources: [gift("allowed", { allowExpired: true })] }).ok("preview");
  });

  test("through campaign files: a code the store holds and a gift certificate created expired fail at preview", async () => {
    const write = (name: string, lines: string[]) => {
      const file = path.join(campaignDir, `${name}.yaml`);
      fs.writeFileSync(file, ["campaign:", `  name: ${name}`, ...lines, ""].join("\n"));
      return file;
    };
    const coupons = write("held", [
      "coupons:",
      "  taken:",
      "    name: Taken in the store",
      "    code: HELD1",
      "    type: per_total_discount",
      "    amount: 4",
    ]);
    const gifts = write("old", [
      "giftCertificates:",
      "  old:",
      "    toName: Bob",
      "    toEmail: bob@example.com",
      "    fromName: Shop",
      "    fromEmail: shop@example.com",
      "    amount: 10",
      "    expiryDate: 2021-06-30",
    ]);
    expect(await failingPreview(stackOf({ files: [coupons] }))).toMatch(
      /resource 'held\.taken'.*the store already has a Coupon with code "HELD1" \(id \d+;.*`adopt: true`/,
    );
    expect(await failingPreview(stackOf({ files: [gifts] }))).toContain(
      "expiryDate: Wed, 30 Jun 2021 00:00:00 +0000 is already past",
    );
  });
});
