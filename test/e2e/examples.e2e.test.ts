import * as fs from "node:fs";
import * as path from "node:path";
import { LocalStore, startLocalStore } from "../../store/server";
import { REPO, stepsOf, TestStack } from "./engine";

describe("examples/spring-campaign with the real engine against the local store", () => {
  let store: LocalStore;
  let stack: TestStack;

  beforeAll(async () => {
    store = await startLocalStore();
    stack = new TestStack({
      workDir: path.join(REPO, "examples", "spring-campaign"),
      projectName: "spring-campaign",
      stackName: `test-${process.pid}`,
      program: path.join(REPO, "dist", "examples", "spring-campaign", "index.js"),
      config: { "bigcommerce:apiUrl": store.url, "bigcommerce:storeHash": "examples" },
      secretConfig: { "bigcommerce:accessToken": "examples-token-123" },
    });
  });

  afterAll(async () => {
    await stack?.run("destroy").catch(() => undefined);
    await store?.close();
    fs.rmSync(path.join(REPO, "examples", "spring-campaign", `Pulumi.test-${process.pid}.yaml`), { force: true });
  });

  test("up creates both coupons of the campaign, and a second preview changes nothing", async () => {
    const up = await stack.ok("up");
    expect(stepsOf(up).map((s) => s.op)).toEqual(["create", "create"]);
    const codes = store.state.data.coupons.map((c) => c.code).sort();
    expect(codes).toEqual(["SPRING15", "SPRINGSHIP"]);
    expect(up.outputs?.springAmount).toBe("15.0000");
    await stack.ok("preview", { expectNoChanges: true });
  });

  test("the campaign's discount comes from stack config and previews as one update", async () => {
    const r = await stack.ok("preview", {
      config: { "bigcommerce:apiUrl": store.url, "bigcommerce:storeHash": "examples", "campaign:discount": "20" },
    });
    expect(stepsOf(r).filter((s) => s.op === "update").map((s) => s.changed)).toEqual([["amount"]]);
  });

  test("destroy leaves the store empty", async () => {
    await stack.ok("destroy", {
      config: { "bigcommerce:apiUrl": store.url, "bigcommerce:storeHash": "examples", "campaign:discount": "15" },
    });
    expect(store.state.data.coupons).toHaveLength(0);
  });
});
