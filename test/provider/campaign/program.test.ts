/** The campaign program: which files it applies, from where, and that a bad file stops it before any resource. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { CampaignError, campaignProgram } from "../../../provider/campaign";
import { Declared, recordResources, settled } from "./mocks";

const lines = (...ls: string[]) => `${ls.join("\n")}\n`;
const coupon = (name: string, code: string) =>
  lines(
    "campaign:",
    `  name: ${name}`,
    "coupons:",
    "  c:",
    `    name: ${name}`,
    `    code: ${code}`,
    "    type: free_shipping",
    "    amount: 0",
  );

/** The project root the language host passes (`--root-directory`); the SDK has no public setter for it. */
function setRootDirectory(dir: string | undefined): void {
  const { getStore } = require("@pulumi/pulumi/runtime/state") as {
    getStore(): { settings: { options: { rootDirectory?: string } } };
  };
  getStore().settings.options.rootDirectory = dir;
}

describe("campaignProgram", () => {
  let declared: Declared[];
  let tmp: string;
  const cwd = process.cwd();

  beforeEach(async () => {
    declared = await recordResources();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "campaign-program-"));
  });
  afterEach(() => {
    process.chdir(cwd);
    setRootDirectory(undefined);
    pulumi.runtime.setAllConfig({});
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  function folder(name: string, files: Record<string, string>): string {
    const dir = path.join(tmp, name);
    fs.mkdirSync(dir, { recursive: true });
    for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
    return dir;
  }
  const names = () => declared.map((d) => d.name).sort();

  test("applies every campaign file of the folder given, by file stem", async () => {
    const dir = folder("c", { "spring.yaml": coupon("Spring", "SPRING"), "winter.yml": coupon("Winter", "WINTER") });
    const out = campaignProgram({ dir });
    expect(Object.keys(out).sort()).toEqual(["spring", "winter"]);
    await settled(out);
    expect(names()).toEqual(["spring.c", "winter.c"]);
  });

  test("applies only the files given, instead of a folder", async () => {
    const dir = folder("c", { "a.yaml": coupon("A", "A1"), "b.yaml": coupon("B", "B1") });
    const out = campaignProgram({ files: [path.join(dir, "b.yaml")] });
    expect(Object.keys(out)).toEqual(["b"]);
    await settled(out);
    expect(names()).toEqual(["b.c"]);
  });

  test("takes the folder from the stack config campaignDir when none is given", async () => {
    const dir = folder("from-config", { "cfg.yaml": coupon("Cfg", "CFG") });
    pulumi.runtime.setConfig("campaigns:campaignDir", dir);
    await settled(campaignProgram());
    expect(names()).toEqual(["cfg.c"]);
  });

  test("defaults to the folder campaigns of the working directory without a host root", async () => {
    folder("campaigns", { "default.yaml": coupon("Default", "DEF") });
    process.chdir(tmp);
    await settled(campaignProgram());
    expect(names()).toEqual(["default.c"]);
  });

  test("without a host root, run from node_modules below a project, takes the folder from the project's Pulumi.yaml", async () => {
    folder("shop/campaigns", { "shop.yaml": coupon("Shop", "SHOP") });
    fs.writeFileSync(path.join(tmp, "shop", "Pulumi.yaml"), "name: shop\nruntime: nodejs\n");
    folder("shop/node_modules/pulumi-bigcommerce/campaigns", { "wrong.yaml": coupon("Wrong", "WRONG") });
    process.chdir(path.join(tmp, "shop", "node_modules", "pulumi-bigcommerce"));
    await settled(campaignProgram());
    expect(names()).toEqual(["shop.c"]);
  });

  test("takes a relative folder from the project root the host names, not from the working directory", async () => {
    const project = path.join(tmp, "project");
    folder("project/campaigns", { "root.yaml": coupon("Root", "ROOT") });
    folder("elsewhere/campaigns", { "wrong.yaml": coupon("Wrong", "WRONG") });
    process.chdir(path.join(tmp, "elsewhere"));
    setRootDirectory(project);
    await settled(campaignProgram());
    expect(names()).toEqual(["root.c"]);
  });

  test("keeps an absolute folder as it is whatever the project root", async () => {
    const dir = folder("abs", { "abs.yaml": coupon("Abs", "ABS") });
    setRootDirectory(path.join(tmp, "project"));
    await settled(campaignProgram({ dir }));
    expect(names()).toEqual(["abs.c"]);
  });

  test("declares nothing when one file of the folder is bad, and names its problems", async () => {
    const dir = folder("c", {
      "good.yaml": coupon("Good", "GOOD"),
      "bad.yaml": lines("campaign:", "  name: Bad", "coupons:", "  c:", "    name: Bad"),
    });
    expect(() => campaignProgram({ dir })).toThrow(CampaignError);
    expect(() => campaignProgram({ dir })).toThrow(/bad\.yaml/);
    await new Promise((r) => setImmediate(r));
    expect(declared).toEqual([]);
  });

  test("refuses a folder that does not exist rather than applying nothing", () => {
    expect(() => campaignProgram({ dir: path.join(tmp, "missing") })).toThrow(/is not a readable folder/);
    expect(declared).toEqual([]);
  });

  test("the root program applies the campaigns folder of the project", async () => {
    folder("campaigns", { "root.yaml": coupon("Root", "ROOT") });
    setRootDirectory(tmp);
    const rootProgram = require("../../../provider/campaign/root-program") as () => object;
    await settled(rootProgram());
    expect(names()).toEqual(["root.c"]);
  });
});
