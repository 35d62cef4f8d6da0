import * as fs from "node:fs";
import * as path from "node:path";
import { dynamicProvider, RUNTIME_MODULE } from "../../provider/dynamic";
import { dispatch } from "../../provider/runtime";

const METHODS = ["configure", "check", "diff", "create", "read", "update", "delete"] as const;

describe("dynamicProvider", () => {
  const provider = dynamicProvider("Coupon") as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;

  it("has the six resource methods plus configure", () => {
    expect(Object.keys(provider).sort()).toEqual([...METHODS].sort());
    for (const m of METHODS) expect(typeof provider[m]).toBe("function");
  });

  async function serialised(): Promise<string> {
    // the same call @pulumi/pulumi's dynamic.Resource makes for its __provider property
    const { serializeFunction } = require("@pulumi/pulumi/runtime");
    return (await serializeFunction(() => provider, { allowSecrets: true })).text;
  }

  it("serialises, as Pulumi does, to a small closure that requires the runtime module and holds nothing else", async () => {
    const text = await serialised();
    expect(text).toContain(`mod: "${RUNTIME_MODULE}"`);
    expect(text).toContain('kind: "Coupon"');
    expect(text).toContain("exports.handler");
    // two functions serve the seven methods
    expect(text.match(/require\(mod\)\.call\(kind, [01], args\)/g)).toHaveLength(2);
    // no client, schema or config captured
    for (const banned of ["BigCommerceClient", "X-Auth-Token", "accessToken", "zod", "node-fetch", "LOCAL_STORE"]) {
      expect(text).not.toContain(banned);
    }
    // stored twice per resource (inputs and outputs), as JSON
    expect(JSON.stringify(text).length).toBeLessThan(1000);
  });

  /** The serialised text loaded as the dynamic-provider host loads it, with `require` answering `runtime`. */
  function load(
    text: string,
    runtime: unknown,
  ): { required: string[]; methods: Record<string, (...a: unknown[]) => Promise<unknown>> } {
    const required: string[] = [];
    const fakeRequire = (id: string) => {
      required.push(id);
      return runtime;
    };
    const module = { exports: {} as { handler?: () => Record<string, (...a: unknown[]) => Promise<unknown>> } };
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- evaluating the serialised text is the point
    new Function("exports", "require", "module", text)(module.exports, fakeRequire, module);
    return { required, methods: module.exports.handler!() };
  }

  it("each method of the serialised provider reaches the runtime's method of the same name, with its arguments", async () => {
    const text = await serialised();
    // the real runtime's dispatch (call) over a handler that records what it gets
    const calls: unknown[][] = [];
    const record =
      (name: string) =>
      (...args: unknown[]) => {
        calls.push([name, ...args]);
        return Promise.resolve(name);
      };
    const fake = {
      check: record("check"),
      diff: record("diff"),
      create: record("create"),
      read: record("read"),
      update: record("update"),
      delete: record("delete"),
    };
    const configure = (req: unknown) => void calls.push(["configure", req]);
    const kinds: string[] = [];
    const runtime = {
      call: (kind: string, fn: 0 | 1, args: unknown[]) => {
        kinds.push(kind);
        return dispatch({ ...fake, configure } as never, fn, args);
      },
    };
    {
      const { required, methods } = load(text, runtime);
      const props = { __provider: "p", code: "A" };
      await methods.configure({ config: "c" });
      await expect(methods.check({ a: 1 }, props)).resolves.toBe("check");
      await expect(methods.diff("7", { a: 1 }, props)).resolves.toBe("diff");
      await expect(methods.create(props)).resolves.toBe("create");
      await expect(methods.read("7", props)).resolves.toBe("read");
      await expect(methods.update("7", { a: 1 }, props)).resolves.toBe("update");
      await expect(methods.delete("7", props)).resolves.toBe("delete");
      expect(calls).toEqual([
        ["configure", { config: "c" }],
        ["check", { a: 1 }, props],
        ["diff", "7", { a: 1 }, props],
        ["create", props],
        ["read", "7", props],
        ["update", "7", { a: 1 }, props],
        ["delete", "7", props],
      ]);
      expect(new Set(required)).toEqual(new Set([RUNTIME_MODULE]));
      expect(new Set(kinds)).toEqual(new Set(["Coupon"]));
    }
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
