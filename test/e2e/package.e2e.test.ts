import * as path from "node:path";
import { RUNTIME_MODULE } from "../../provider/dynamic";

// No moduleNameMapper in this tier: the names resolve as they do in the dynamic-provider process.
describe("the installed package", () => {
  it("resolves the module the dynamic provider names to the compiled runtime", () => {
    expect(require.resolve(RUNTIME_MODULE)).toMatch(/dist[\\/]provider[\\/]runtime\.js$/);
    expect(require.resolve(RUNTIME_MODULE)).toBe(path.resolve(__dirname, "../../dist/provider/runtime.js"));
  });

  it("gives the runtime's configure and handler", () => {
    const runtime = require(RUNTIME_MODULE) as { configure: unknown; handler: (kind: string) => object };
    expect(typeof runtime.configure).toBe("function");
    expect(Object.keys(runtime.handler("Coupon")).sort()).toEqual(
      ["check", "create", "delete", "diff", "read", "update"].sort(),
    );
  });
});
