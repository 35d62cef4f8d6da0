import * as fs from "node:fs";
import * as path from "node:path";
import type {
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { DEFAULTS, POLICY_NAMES } from "../../policy/config";
import { knownValues, POLICIES, settings } from "../../policy/policies";
import { kindOfType } from "../../provider/common/resource";
import { KINDS } from "../../provider/kinds";
import { subjectOf } from "./subject";

const REPO = path.resolve(__dirname, "..", "..");
const token = (kind: string) => `pulumi-nodejs:dynamic/bigcommerce:${kind}`;

function policy<T>(name: string): T {
  const p = POLICIES.find((x) => x.name === name);
  if (!p) throw new Error(`no policy ${name}`);
  return p as T;
}

/** Runs a resource policy on one resource as the SDK would call it; resolves with the messages. */
async function validate(name: string, type: string, props: Record<string, unknown>, config = {}): Promise<string[]> {
  const messages: string[] = [];
  const report: ReportViolation = (m) => void messages.push(m);
  const args = { type, props, name: "test.obj", urn: `urn:x::${type}::test.obj`, getConfig: () => config };
  const fn = policy<ResourceValidationPolicy>(name).validateResource;
  for (const v of Array.isArray(fn) ? fn : [fn]) await v?.(args as unknown as ResourceValidationArgs, report);
  return messages;
}

/** Runs a stack policy over resources `[type, props]`; resolves with [urn, message] pairs. */
async function validateStack(name: string, resources: Array<[string, Record<string, unknown>]>, config = {}) {
  const found: Array<[string | undefined, string]> = [];
  const args = {
    resources: resources.map(([type, props], i) => ({ type, props, name: `r${i}`, urn: `urn:x::${type}::r${i}` })),
    getConfig: () => config,
  } as unknown as StackValidationArgs;
  await policy<StackValidationPolicy>(name).validateStack(args, (m, urn) => void found.push([urn, m]));
  return found;
}

describe("the pack's policies", () => {
  it("are the configured policies, each with its default level and its thresholds' defaults", () => {
    expect(POLICIES.map((p) => p.name)).toEqual(POLICY_NAMES);
    for (const p of POLICIES) {
      const d = DEFAULTS[p.name as keyof typeof DEFAULTS];
      expect(p.enforcementLevel).toBe(d.enforcementLevel);
      const defaults = Object.fromEntries(
        Object.entries(p.configSchema?.properties ?? {}).map(([k, s]) => [k, s.default]),
      );
      expect(defaults).toEqual(d.settings);
    }
  });

  it("judge this package's type tokens only", async () => {
    const props = subjectOf("Coupon", { name: "C", code: "C1", type: "percentage_discount", amount: 90 }).props;
    expect(await validate("max-discount", token("Coupon"), props)).toHaveLength(1);
    expect(await validate("max-discount", "pulumi-nodejs:dynamic/other:Coupon", props)).toEqual([]);
    expect(await validate("max-discount", "aws:s3/bucket:Bucket", props)).toEqual([]);
  });

  it("take thresholds from the policy's config over the defaults", async () => {
    const props = subjectOf("Coupon", { name: "C", code: "C1", type: "percentage_discount", amount: 60 }).props;
    expect(await validate("max-discount", token("Coupon"), props, { maxPercentage: 60 })).toEqual([]);
    expect(await validate("max-discount", token("Coupon"), props, { maxPercentage: 59 })).toHaveLength(1);
  });

  it("refuse a setting the policy does not have, naming it and the ones it has", async () => {
    expect(() => settings("max-discount", { maxPercentag: 3 } as never)).toThrow(
      'the policy pack config of "max-discount" sets "maxPercentag", which it does not have (its settings: maxPercentage, maxFixedAmount)',
    );
    expect(settings("stacking", { enforcementLevel: "mandatory", belowPercentage: 10 })).toMatchObject({
      belowPercentage: 10,
      belowFixedAmount: 50,
    });
  });

  it("judge what is known of a resource whose other values are not known yet", async () => {
    // the SDK's proxy throws on reading a value not known during preview
    const props = new Proxy(
      { type: "percentage_discount", amount: "80.0000", name: "pending" },
      {
        get: (o, k) => {
          if (k === "name") throw new Error("unknown value");
          return o[k as keyof typeof o];
        },
      },
    );
    expect(knownValues(props)).toEqual({ type: "percentage_discount", amount: "80.0000" });
    expect(await validate("max-discount", token("Coupon"), props)).toEqual([
      "amount: 80 % off is above the cap of 50 % (max-discount.maxPercentage)",
    ]);
  });

  it("report a stack rule against each resource's URN, and tell an object in state from a new one", async () => {
    const cert = { toName: "A", amount: "20.0000", expiryDate: "Mon, 01 Jan 2001 00:00:00 +0000" };
    const found = await validateStack("gift-certificate-limits", [
      [token("GiftCertificate"), cert],
      [token("GiftCertificate"), { ...cert, giftCertificateId: 7 }],
      [token("Coupon"), cert],
    ]);
    expect(found).toEqual([[`urn:x::${token("GiftCertificate")}::r0`, expect.stringContaining("expiryDate: 2001-")]]);
  });

  it("read the uses of an object from its state", async () => {
    const found = await validateStack("used-objects-kept", [
      [token("Coupon"), { deletionPolicy: "delete", numUses: 2, couponId: 1 }],
      [token("Coupon"), { deletionPolicy: "delete", numUses: 0, couponId: 2 }],
    ]);
    expect(found.map(([urn]) => urn)).toEqual([`urn:x::${token("Coupon")}::r0`]);
  });
});

describe("type tokens", () => {
  it("name every kind of the registry, and nothing else", () => {
    for (const d of KINDS) expect(kindOfType(token(d.kind.name))).toBe(d.kind.name);
    expect(kindOfType("pulumi-nodejs:dynamic:Resource")).toBeUndefined();
  });
});

describe("the pack's folder", () => {
  const dir = path.join(REPO, "policy");

  it("is a Node.js policy pack whose main is the compiled index, at the package's version", () => {
    expect(fs.readFileSync(path.join(dir, "PulumiPolicy.yaml"), "utf8")).toMatch(/^runtime: nodejs$/m);
    const pack = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as {
      version: string;
      main: string;
    };
    const root = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { version: string };
    expect(pack.version).toBe(root.version);
    expect(path.resolve(dir, pack.main)).toBe(path.join(REPO, "dist", "policy", "index.js"));
  });
});

describe("the example thresholds of a stack (examples/ci/policy-config/prod.json)", () => {
  it("set only the pack's policies, levels and settings, each of its type", () => {
    const doc = JSON.parse(
      fs.readFileSync(path.join(REPO, "examples", "ci", "policy-config", "prod.json"), "utf8"),
    ) as Record<string, unknown>;
    const LEVELS = ["advisory", "mandatory", "remediate", "disabled"];
    for (const [name, value] of Object.entries(doc)) {
      expect(POLICY_NAMES).toContain(name);
      if (typeof value === "string") {
        expect(LEVELS).toContain(value);
        continue;
      }
      const schema = policy<ResourceValidationPolicy>(name).configSchema?.properties ?? {};
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        if (key === "enforcementLevel") expect(LEVELS).toContain(v);
        else expect(Array.isArray(v) ? "array" : typeof v).toBe(schema[key]?.type);
      }
    }
  });
});
