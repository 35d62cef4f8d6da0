/**
 * The policy pack (policy/) with the real engine: campaign files previewed with
 * `--policy-pack policy`, through the Automation API and through the CLI itself, against the
 * local store. A campaign that breaks every policy fails when they are mandatory and passes with
 * warnings when advisory; a compliant one passes with no word from the pack; thresholds and
 * levels come from the pack's config file; the preview summary lists the violations.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { POLICY_NAMES } from "../../policy/config";
import { DriverResult } from "../../tools/driver";
import { LocalStore, startLocalStore } from "../../store/server";
import { REPO, runCli, runPulumi, TestStack, workDir } from "./engine";

const TOKEN = "e2e-Policy-Token-5d0c9e1a";
const PACK = path.join(REPO, "policy");
const DAY_MS = 24 * 60 * 60 * 1000;
const day = (n: number) => new Date(Date.now() + n * DAY_MS).toISOString();

const compliant = {
  campaign: { name: "Fine", startDate: day(1), endDate: day(30), currency: "USD" },
  promotions: {
    ten: {
      redemptionType: "AUTOMATIC",
      name: "Ten off",
      maxUses: 500,
      rules: [{ action: { cartValue: { discount: { percentageAmount: 10 } } } }],
    },
  },
  coupons: {
    five: {
      name: "Five off",
      code: "FINE5",
      type: "per_total_discount",
      amount: 5,
      maxUses: 100,
      maxUsesPerCustomer: 1,
    },
  },
  giftCertificates: {
    staff: { toName: "Staff", toEmail: "s@example.com", fromName: "Shop", fromEmail: "shop@example.com", amount: 50 },
  },
};

/** Breaks each policy that reads a program's inputs; the comment names the policy. */
const risky = {
  campaign: { name: "Risky" },
  promotions: {
    // max-discount (60 % three matchers deep in the third rule), stacking, use-limits, discount-end-date
    deep: {
      redemptionType: "AUTOMATIC",
      name: "Deep",
      rules: [
        { action: { cartValue: { discount: { percentageAmount: 5 } } } },
        { action: { cartItems: { discount: { fixedAmount: 2 }, items: { categories: [1] } } } },
        {
          action: {
            cartItems: {
              discount: { percentageAmount: 60 },
              items: { and: [{ or: [{ not: { brands: [3] } }, { categories: [4] }] }, { products: [5] }] },
            },
          },
        },
      ],
    },
    coded: {
      redemptionType: "COUPON",
      couponType: "BULK",
      name: "Coded",
      endDate: day(10),
      maxUses: 1000,
      canBeUsedWithOtherPromotions: false,
      rules: [{ action: { cartValue: { discount: { percentageAmount: 10 } } } }],
    },
  },
  // bulk-code-limits
  bulkCodes: { mailing: { promotion: "coded", batchSize: 150, maxUses: 0, maxUsesPerCustomer: 1 } },
  // free-shipping-and-full-discount
  coupons: {
    freeship: { name: "Free ship", code: "FREESHIP", type: "free_shipping", amount: 0, expires: day(10), maxUses: 10 },
  },
  // gift-certificate-limits, twice: above the cap, and created already expired (which the provider
  // allows only with allowExpired: the pack refuses it all the same)
  giftCertificates: {
    huge: { toName: "Huge", toEmail: "h@example.com", fromName: "Shop", fromEmail: "shop@example.com", amount: 900 },
    expired: {
      toName: "Late",
      toEmail: "l@example.com",
      fromName: "Shop",
      fromEmail: "shop@example.com",
      amount: 20,
      expiryDate: day(-1),
      allowExpired: true,
    },
  },
};

/** Which policy each object of `risky` breaks, as `policy object` lines. */
const RISKY_BREAKS = [
  "bulk-code-limits risky.mailing",
  "discount-end-date risky.deep",
  "free-shipping-and-full-discount risky.freeship",
  "gift-certificate-limits risky.expired",
  "gift-certificate-limits risky.huge",
  "max-discount risky.deep",
  "stacking risky.deep",
  "use-limits risky.deep",
];

const breaks = (r: DriverResult) =>
  [
    ...new Set(
      r.policyEvents.map((e) => `${e.policyEvent.policyName} ${(e.policyEvent.resourceUrn ?? "").split("::").pop()}`),
    ),
  ].sort();
const levels = (r: DriverResult) => [...new Set(r.policyEvents.map((e) => e.policyEvent.enforcementLevel))];

describe("the policy pack with the real engine, on campaign files", () => {
  let store: LocalStore;
  let stack: TestStack;
  const dir = workDir("policy");
  const file = (name: string, doc: unknown) => {
    const f = path.join(dir, `${name}.yaml`);
    fs.writeFileSync(f, YAML.stringify(doc));
    return f;
  };
  /** A config file of the pack: every policy at `level`, with `extra` settings. */
  const config = (name: string, level: string, extra: Record<string, object> = {}) => {
    const f = path.join(dir, `${name}.json`);
    const doc = Object.fromEntries(POLICY_NAMES.map((p) => [p, { enforcementLevel: level, ...extra[p] }]));
    fs.writeFileSync(f, JSON.stringify(doc));
    return f;
  };
  const preview = (files: string[], policyPackConfigs?: string[]) =>
    stack.run("preview", { programArgs: { files }, policyPacks: [PACK], policyPackConfigs });

  beforeAll(async () => {
    store = await startLocalStore({ accessToken: TOKEN });
    stack = new TestStack({
      workDir: dir,
      projectName: "policy-e2e",
      stackName: `policy-${process.pid}`,
      program: path.join(REPO, "dist", "tools", "programs", "campaign.js"),
      config: { "bigcommerce:apiUrl": store.url, "bigcommerce:storeHash": "e2estore" },
      secretConfig: { "bigcommerce:accessToken": TOKEN },
    });
  });

  afterAll(async () => {
    await stack?.run("destroy").catch(() => undefined);
    await store?.close();
  });

  test("a compliant campaign passes with no output from the pack", async () => {
    const r = await preview([file("fine", compliant)]);
    expect(r.error).toBeUndefined();
    expect(r.ok).toBe(true);
    expect(r.policyEvents).toEqual([]);
  });

  test("a campaign breaking every policy fails the preview when they are mandatory, naming each", async () => {
    const r = await preview([file("risky", risky)], [config("all-mandatory", "mandatory")]);
    expect(r.ok).toBe(false);
    expect(breaks(r)).toEqual(RISKY_BREAKS);
    expect(levels(r)).toEqual(["mandatory"]);
    const messages = r.policyEvents.map((e) => e.policyEvent.message).join("\n");
    expect(messages).toContain(
      "rules[2].action.cartItems.discount.percentageAmount: 60 % off is above the cap of 50 % (max-discount.maxPercentage)",
    );
    expect(messages).toContain("amount: 900 is above the cap of 500 (gift-certificate-limits.maxAmount)");
    expect(store.state.data.promotions).toHaveLength(0);
  });

  test("passes with warnings when they are advisory, with the thresholds of the pack's config", async () => {
    const r = await preview(
      [file("risky", risky)],
      [config("all-advisory", "advisory", { "max-discount": { maxPercentage: 70 } })],
    );
    expect(r.error).toBeUndefined();
    expect(r.ok).toBe(true);
    expect(levels(r)).toEqual(["advisory"]);
    // 60 % is within the configured cap of 70 %: that one rule has nothing to say
    expect(breaks(r)).toEqual(RISKY_BREAKS.filter((b) => !b.startsWith("max-discount")));
    expect(r.stdout).toContain("stacking.belowPercentage");
  });

  test('a used coupon with deletionPolicy "delete" fails the preview once a refresh shows its uses', async () => {
    const kept = {
      campaign: { name: "Kept" },
      coupons: {
        kept: {
          name: "Kept",
          code: "KEPT5",
          type: "per_total_discount",
          amount: 5,
          expires: day(20),
          maxUses: 10,
          maxUsesPerCustomer: 1,
          deletionPolicy: "delete",
        },
      },
    };
    const files = [file("kept", kept)];
    await stack.ok("up", { programArgs: { files } });
    const coupon = store.state.data.coupons.find((c) => c.code === "KEPT5");
    if (!coupon) throw new Error("KEPT5 was not created");
    coupon.num_uses = 2;
    const r = await stack.run("previewRefresh", { programArgs: { files }, policyPacks: [PACK] });
    expect(r.ok).toBe(false);
    expect(breaks(r)).toEqual(["used-objects-kept kept.kept"]);
    expect(r.policyEvents[0].policyEvent.message).toContain('deletionPolicy: "delete" on an object used 2 times');
  });
});

describe("pulumi preview --policy-pack with the CLI, and the summary of its result", () => {
  let store: LocalStore;
  const dir = workDir("policy-cli");
  const stackName = `policy-cli-${process.pid}`;
  const debugCommands = process.env.PULUMI_DEBUG_COMMANDS;

  beforeAll(async () => {
    store = await startLocalStore({ accessToken: TOKEN });
    // the CLI writes its engine events (`--event-log`) only with debug commands on
    process.env.PULUMI_DEBUG_COMMANDS = "true";
    fs.writeFileSync(
      path.join(dir, "Pulumi.yaml"),
      YAML.stringify({
        name: "policy-cli",
        runtime: { name: "nodejs", options: { typescript: false } },
        main: "index.js",
      }),
    );
    const program = path.join(REPO, "dist", "provider", "campaign", "root-program.js");
    fs.writeFileSync(path.join(dir, "index.js"), `module.exports = require(${JSON.stringify(program)});\n`);
    fs.mkdirSync(path.join(dir, "campaigns"), { recursive: true });
    const campaign = {
      campaign: { name: "Sale" },
      coupons: {
        big: {
          name: "Big",
          code: "BIG",
          type: "per_total_discount",
          amount: 150,
          expires: day(10),
          maxUses: 5,
          maxUsesPerCustomer: 1,
        },
      },
      promotions: {
        combined: {
          redemptionType: "AUTOMATIC",
          name: "Combined",
          endDate: day(10),
          maxUses: 10,
          rules: [{ action: { cartValue: { discount: { percentageAmount: 35 } } } }],
        },
      },
    };
    fs.writeFileSync(path.join(dir, "campaigns", "sale.yaml"), YAML.stringify(campaign));
    for (const args of [
      ["stack", "init", stackName],
      ["config", "set", "bigcommerce:apiUrl", store.url, "--stack", stackName],
      ["config", "set", "bigcommerce:storeHash", "e2estore", "--stack", stackName],
      ["config", "set", "--secret", "bigcommerce:accessToken", TOKEN, "--stack", stackName],
    ]) {
      const r = await runPulumi(args, dir);
      if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")}: ${r.stderr}`);
    }
  });

  afterAll(async () => {
    if (debugCommands === undefined) delete process.env.PULUMI_DEBUG_COMMANDS;
    else process.env.PULUMI_DEBUG_COMMANDS = debugCommands;
    await runPulumi(["stack", "rm", "--yes", "--force", stackName], dir).catch(() => undefined);
    await store?.close();
  });

  test("a mandatory violation fails the preview, and the summary lists it first, then the advisory one", async () => {
    const events = path.join(dir, "events.jsonl");
    const json = path.join(dir, "preview.json");
    const r = await runPulumi(
      ["preview", "--stack", stackName, "--json", "--event-log", events, "--policy-pack", PACK],
      dir,
    );
    expect(r.code).not.toBe(0);
    // the preview's JSON itself holds no policy result: the summary takes them from the events
    expect(r.stdout).not.toContain("max-discount");
    fs.writeFileSync(json, r.stdout);
    const summary = await runCli("preview-summary", [json, "--policy-events", events]);
    expect(summary.code).toBe(0);
    const md = summary.stdout;
    expect(md).toContain("### Pulumi preview: failed");
    expect(md).toContain(
      "- :no_entry: `max-discount` Coupon BIG: amount: 150 off is above the cap of 100 (max-discount.maxFixedAmount)",
    );
    expect(md).toContain('- :warning: `stacking` Promotion "Combined": canBeUsedWithOtherPromotions: true');
    expect(md.indexOf("Mandatory (1)")).toBeLessThan(md.indexOf("Advisory (1)"));
    expect(store.state.data.coupons).toHaveLength(0);
  });
});
