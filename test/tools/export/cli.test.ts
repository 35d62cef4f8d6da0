/** `npm run export` (tools/export.ts main) against a local store: files, refusals, and the token kept out. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as YAML from "yaml";
import { LocalStore } from "../../../store/server";
import { main, parseArgs } from "../../../tools/export";
import { seedStore } from "../../../tools/seed";
import { storeAndClient, TOKEN } from "../../provider/local-store";

describe("the export command", () => {
  let store: LocalStore;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let stderr: string[];
  let stdout: string[];

  beforeAll(async () => {
    const { store: s, client } = await storeAndClient();
    store = s;
    await seedStore({ client, adminUrl: store.url });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "export-cli-"));
    env = { BIGCOMMERCE_STORE_HASH: "cli-store", BIGCOMMERCE_ACCESS_TOKEN: TOKEN, BIGCOMMERCE_API_URL: store.url };
  });
  afterAll(async () => {
    await store?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    stderr = [];
    stdout = [];
    jest.spyOn(process.stderr, "write").mockImplementation((s) => (stderr.push(String(s)), true));
    jest.spyOn(process.stdout, "write").mockImplementation((s) => (stdout.push(String(s)), true));
  });
  afterEach(() => jest.restoreAllMocks());

  test("writes the campaign file (folders made), says what it wrote, and never shows the token", async () => {
    const out = path.join(dir, "campaigns", "main.yaml");
    expect(await main(["--out", out, "--name", "Main store"], env)).toBe(0);
    const text = fs.readFileSync(out, "utf8");
    expect(text.startsWith("# yaml-language-server: $schema=")).toBe(true);
    expect(text).toMatch(/# Exported from store cli-store by `bigcommerce-export`/);
    const parsed = YAML.parse(text);
    expect(parsed.campaign).toEqual({ name: "Main store" });
    expect(Object.keys(parsed.coupons)).toHaveLength(store.state.data.coupons.length);
    expect(stderr.join("")).toMatch(
      /wrote .*main\.yaml: 10 promotions, 11 couponCodes, 15 coupons, 9 banners, 7 giftCertificates/,
    );
    expect(text).not.toContain(TOKEN);
    expect(stderr.join("") + stdout.join("")).not.toContain(TOKEN);
  });

  test("refuses to overwrite a file without --force", async () => {
    const out = path.join(dir, "existing.yaml");
    fs.writeFileSync(out, "keep me\n");
    expect(await main(["--out", out], env)).toBe(1);
    expect(stderr.join("")).toMatch(/existing\.yaml exists; pass --force to overwrite it/);
    expect(fs.readFileSync(out, "utf8")).toBe("keep me\n");
    expect(await main(["--out", out, "--force"], env)).toBe(0);
    expect(fs.readFileSync(out, "utf8")).toMatch(/^# yaml-language-server/);
  });

  test("--out - writes to standard output; the default name is the store hash's", async () => {
    expect(await main(["--out=-"], env)).toBe(0);
    expect(YAML.parse(stdout.join("")).campaign).toEqual({ name: "Store cli-store" });
  });

  test("bad arguments and a token without a store hash fail before any request", async () => {
    const before = store.stats.total;
    expect(await main(["--bogus"], env)).toBe(2);
    expect(stderr.join("")).toMatch(/export: unknown argument "--bogus"/);
    expect(await main(["--out"], env)).toBe(2);
    expect(stderr.join("")).toMatch(/--out needs a value/);
    expect(await main(["--skip-managed"], env)).toBe(2);
    expect(stderr.join("")).toMatch(/--skip-managed needs --stack/);
    await expect(
      main(["--out", "-"], { BIGCOMMERCE_ACCESS_TOKEN: TOKEN, BIGCOMMERCE_API_URL: store.url }),
    ).rejects.toThrow(/bigcommerce:storeHash is not set/);
    expect(store.stats.total).toBe(before);
    expect(parseArgs(["--help"])).toBe("help");
    expect(parseArgs([])).toEqual({ out: path.join("campaigns", "store.yaml"), force: false });
  });

  test("a refused token is an error that does not repeat it", async () => {
    const bad = "wrong-Token-77c1";
    const err = await main(["--out", "-"], { ...env, BIGCOMMERCE_ACCESS_TOKEN: bad }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/401/);
    expect((err as Error).message).not.toContain(bad);
  });
});
