import * as fs from "node:fs";
import * as path from "node:path";
import { dynamicProvider, RUNTIME_MODULE } from "../../provider/dynamic";

const METHODS = ["configure", "check", "diff", "create", "read", "update", "delete"] as const;

describe("dynamicProvider", () => {
  const provider = dynamicProvider("Coupon") as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;

  it("has the six resource methods plus configure", () => {
    expect(Object.keys(provider).sort()).toEqual([...METHODS].sort());
    for (const m of METHODS) expect(typeof provider[m]).toBe("function");
  });

  it("serialises, as Pulumi does, to a small closure that requires the runtime module and holds nothing else", async () => {
    // the same call @pulumi/pulumi's dynamic.Resource makes for its __provider property
    const { serializeFunction } = require("@pulumi/pulumi/runtime");
    const { text } = await serializeFunction(() => provider, { allowSecrets: true });
    expect(text).toContain(`mod: "${RUNTIME_MODULE}"`);
    expect(text).toContain('kind: "Coupon"');
    expect(text).toContain("exports.handler");
    for (const m of METHODS) expect(text).toMatch(new RegExp(`require\\(mod\\)[^\\n]*\\.${m}\\(`));
    // no client, schema or config captured
    for (const banned of ["BigCommerceClient", "X-Auth-Token", "accessToken", "zod", "node-fetch", "LOCAL_STORE"]) {
      expect(text).not.toContain(banned);
    }
    expect(text.length).toBeLessThan(5000);
  });

  it("the serialised provider calls the runtime module's handler for its kind", async () => {
    const { serializeFunction } = require("@pulumi/pulumi/runtime");
    const { text } = await serializeFunction(() => provider, { allowSecrets: true });
    const calls: unknown[][] = [];
    const stubRuntime = {
      configure: async (req: unknown) => calls.push(["configure", req]),
      handler: (kind: string) => ({
        check: async (olds: unknown, news: unknown) => {
          calls.push(["check", kind, olds, news]);
          return { inputs: news };
        },
      }),
    };
    const required: string[] = [];
    const fakeRequire = (id: string) => {
      required.push(id);
      return stubRuntime;
    };
    const module = { exports: {} as { handler?: () => Record<string, (...a: unknown[]) => Promise<unknown>> } };
    // the dynamic-provider host loads the text as a module and calls its `handler` export
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- evaluating the serialised text is the point
    new Function("exports", "require", "module", text)(module.exports, fakeRequire, module);
    const loaded = module.exports.handler!();
    await expect(loaded.check({ a: 1 }, { b: 2 })).resolves.toEqual({ inputs: { b: 2 } });
    await loaded.configure({ config: "c" });
    expect(required).toEqual([RUNTIME_MODULE, RUNTIME_MODULE]);
    expect(calls).toEqual([
      ["check", "Coupon", { a: 1 }, { b: 2 }],
      ["configure", { config: "c" }],
    ]);
  });

  it("loads the implementation only at call time, through require(mod)", () => {
    for (const m of METHODS) expect(String(provider[m])).toContain("require(mod)");
  });

  it("names a module of the installed package, which resolves to the runtime", () => {
    expect(RUNTIME_MODULE).toBe("pulumi-bigcommerce/dist/provider/runtime");
    // The unit tier maps the package's dist/ onto the sources (jest.config.js); that the name
    // resolves to dist/provider/runtime.js of the installed package is test/e2e/package.e2e.test.ts's.
    expect(require.resolve(RUNTIME_MODULE)).toBe(path.join(__dirname, "../../provider/runtime.ts"));
  });

  it("imports neither the client nor the config module (only types from @pulumi/pulumi)", () => {
    const source = fs.readFileSync(path.join(__dirname, "../../provider/dynamic.ts"), "utf8");
    const imports = source.split("\n").filter((l) => /^\s*import\b|require\(["']/.test(l));
    expect(imports).toEqual(['import type * as pulumi from "@pulumi/pulumi";']);
    expect(source).not.toMatch(/["']\.\.?\/(client|config|runtime)/);
  });
});
