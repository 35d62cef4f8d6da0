/**
 * `npm run demo`: the review-and-drift cycle of a campaign file, with the real Pulumi engine
 * against the local store.
 *
 * 1. starts the local store on 127.0.0.1:4567 (data in `.store/data.json`), or uses the one
 *    already listening there;
 * 2. applies the holiday campaign (examples/holiday-campaign/campaign.yaml, copied to
 *    `.tmp/demo/`) with `pulumi up --refresh`, and shows that a second preview finds nothing;
 * 3. edits the copy as a pull request would (discount raised, a coupon added, a message
 *    changed) and prints the Markdown preview summary a reviewer would see (nothing applied);
 * 4. changes objects directly in the store (a promotion disabled, a gift certificate's amount
 *    raised, as someone in the control panel would) and runs the drift check, which exits 1
 *    and names the objects and fields;
 * 5. runs `pulumi up --refresh` to put the code's values back, and the drift check again (exit 0);
 * 6. stops the store if it started it: the data stays, `npm run store` serves it again.
 *
 * Options (for tests): `--port <n>`, `--data <file>`, `--stack <name>`; `--help` describes them.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { LOCAL_STORE } from "../provider/config";
import { startLocalStore, LocalStore } from "../store/server";
import { command, exitWith, runCommand } from "./cli";
import { DriverRequest, DriverResult, runOperation } from "./driver";
import { REPO_ROOT, pulumiBin } from "./pulumi-env";
import { parsePlan, renderSummary } from "./summary";

const started = Date.now();
let stepNo = 0;

function step(text: string): void {
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`\n==> [${++stepNo}, ${secs}s] ${text}`);
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
}

export const DEMO_COMMAND = command({
  name: "demo",
  usage: ["npm run demo [-- --port N] [--data FILE] [--stack NAME]"],
  description:
    "The review-and-drift cycle of a campaign file, with the real Pulumi engine against the local store: applies the holiday campaign, prints the preview summary of a planned change, edits the store directly and catches it with the drift check, then puts the code's values back.",
  options: {
    port: {
      type: "number",
      integer: true,
      min: 1,
      value: "N",
      default: Number(new URL(LOCAL_STORE.apiUrl).port),
      description: "port of the local store (one already listening there is used, and left running)",
    },
    data: {
      type: "string",
      value: "FILE",
      defaultText: ".store/data.json in the repository",
      description: "data file of the store the demo starts",
    },
    stack: { type: "string", value: "NAME", default: "demo", description: "the stack the campaign is applied to" },
  },
  exitCodes: [
    [0, "every step did what it should"],
    [1, "a step failed"],
    [2, "bad arguments"],
  ],
  examples: ["npm run demo", "node dist/tools/demo.js --port 4599 --data /tmp/demo.json --stack demo-test"],
});

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/__admin/health`)).ok;
  } catch {
    return false;
  }
}

function check(r: DriverResult, what: string): DriverResult {
  if (!r.ok) throw new Error(`${what} failed: ${r.error}\n${r.stderr}`);
  return r;
}

/** Store ids of the stack's objects of one kind, from the state: resource name -> id. */
function idsOf(r: DriverResult, kind: string, output: string): Array<[string, number]> {
  const resources =
    (r.deployment as { resources?: Array<{ urn: string; type: string; outputs?: Record<string, unknown> }> })
      ?.resources ?? [];
  return resources
    .filter((x) => x.type.endsWith(`:${kind}`) && typeof x.outputs?.[output] === "number")
    .map((x) => [x.urn.slice(x.urn.lastIndexOf("::") + 2), x.outputs?.[output] as number]);
}

/** Runs the drift check command as a user would; resolves with its exit code. */
function driftCheck(args: string[]): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, "dist", "tools", "drift-check.js"), ...args], {
      env: process.env,
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => {
      console.log(indent(out));
      console.log(`    (exit code ${code})`);
      resolve(code);
    });
  });
}

/** What a pull request changes in the campaign file: every percentage discount +10 points, a new coupon, a message. */
function plannedChange(campaign: Record<string, Record<string, Record<string, unknown>>>): string[] {
  const done: string[] = [];
  const raise = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(raise);
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      for (const [k, x] of Object.entries(o)) {
        if (k === "percentageAmount" && typeof x === "number") {
          o[k] = x + 10;
          done.push(`discount ${x} % -> ${x + 10} %`);
        } else raise(x);
      }
    }
  };
  raise(campaign.promotions);
  const certs = Object.values(campaign.giftCertificates ?? {});
  if (certs[0]) {
    certs[0].message = "Happy holidays, and thank you for a great year!";
    done.push("a gift certificate message");
  }
  campaign.coupons = {
    ...(campaign.coupons ?? {}),
    "early-bird": {
      name: "Early bird 10 off",
      code: "EARLYBIRD10",
      type: "per_total_discount",
      amount: 10,
      minPurchase: 50,
      maxUses: 200,
    },
  };
  done.push("a new coupon EARLYBIRD10");
  return done;
}

/** Runs the demo the command line asks for; resolves with the exit code. */
export function main(argv: string[]): Promise<number> {
  return runCommand(DEMO_COMMAND, argv, async ({ values }) => {
    const dataFile =
      values.data !== undefined ? path.resolve(values.data) : path.join(REPO_ROOT, ".store", "data.json");
    await demo(values.port, dataFile, values.stack);
    return 0;
  });
}

async function demo(port: number, dataFile: string, stackName: string): Promise<void> {
  const apiUrl = `http://127.0.0.1:${port}`;

  step("Pulumi CLI");
  console.log(`using ${path.join(pulumiBin(), "pulumi")}`);

  step(`Local store on ${apiUrl}`);
  let store: LocalStore | undefined;
  if (await healthy(apiUrl)) {
    console.log("a local store is already running there: using it (it stays running)");
  } else {
    store = await startLocalStore({ port, dataFile });
    console.log(`started (data in ${path.relative(process.cwd(), dataFile) || dataFile})`);
  }

  // The demo applies a copy of the example, so that the planned change below edits the copy.
  const workDir = path.join(REPO_ROOT, ".tmp", "demo");
  fs.mkdirSync(workDir, { recursive: true });
  const example = path.join(REPO_ROOT, "examples", "holiday-campaign", "campaign.yaml");
  const campaignFile = path.join(workDir, "campaign.yaml");
  fs.copyFileSync(example, campaignFile);
  const base: Omit<DriverRequest, "op"> = {
    workDir,
    projectName: "holiday-campaign",
    stackName,
    program: path.join(REPO_ROOT, "dist", "tools", "programs", "campaign.js"),
    programArgs: { files: [campaignFile] },
    // The local store, whatever BIGCOMMERCE_* the calling shell may hold for a real store.
    env: {
      BIGCOMMERCE_API_URL: apiUrl,
      BIGCOMMERCE_STORE_HASH: LOCAL_STORE.storeHash,
      BIGCOMMERCE_ACCESS_TOKEN: LOCAL_STORE.accessToken,
    },
  };
  const driftArgs = [
    "--program",
    base.program,
    "--project",
    base.projectName,
    "--work-dir",
    workDir,
    "--stack",
    stackName,
    "--program-args",
    JSON.stringify(base.programArgs),
  ];
  const echo = (s: string) => process.stdout.write(s);
  try {
    step(`pulumi up --refresh: the holiday campaign (${path.relative(REPO_ROOT, example)}), stack ${stackName}`);
    const up = check(await runOperation({ ...base, op: "up", refresh: true }, echo), "pulumi up");

    step("pulumi preview again: nothing should change");
    check(await runOperation({ ...base, op: "preview", expectNoChanges: true }), "pulumi preview");
    console.log("no changes");

    step("A pull request changes the campaign file: the preview summary for the reviewers");
    const original = fs.readFileSync(campaignFile, "utf8");
    const edited = parseYaml(original) as Record<string, Record<string, Record<string, unknown>>>;
    console.log(`the change: ${plannedChange(edited).join(", ")}`);
    fs.writeFileSync(campaignFile, stringifyYaml(edited));
    let preview: DriverResult;
    try {
      preview = check(await runOperation({ ...base, op: "previewJson" }), "pulumi preview --json");
    } finally {
      fs.writeFileSync(campaignFile, original); // the change is only previewed, never applied
    }
    console.log("`pulumi preview --json | npm run preview-summary -- -` prints this Markdown (the PR comment):\n");
    console.log(indent(renderSummary(parsePlan(preview.json), { title: "Pulumi preview of the pull request" })));

    step(
      "Someone changes the store directly (the control panel): a promotion disabled, a gift certificate's amount raised",
    );
    const admin = async (collection: string, id: number, body: Record<string, unknown>) => {
      const r = await fetch(`${apiUrl}/__admin/${collection}/${id}`, { method: "PATCH", body: JSON.stringify(body) });
      if (!r.ok) throw new Error(`PATCH /__admin/${collection}/${id}: ${r.status}`);
      console.log(`PATCH /__admin/${collection}/${id} ${JSON.stringify(body)}`);
    };
    const [promotion] = idsOf(up, "Promotion", "promotionId");
    const [certificate] = idsOf(up, "GiftCertificate", "giftCertificateId");
    if (!promotion || !certificate) throw new Error("the campaign has no promotion or no gift certificate to change");
    await admin("promotions", promotion[1], { status: "DISABLED" });
    await admin("gift_certificates", certificate[1], { amount: "500.0000" });

    step("npm run drift-check: refreshes in preview mode (nothing written) and names what drifted");
    const drifted = await driftCheck(driftArgs);
    if (drifted !== 1) throw new Error(`the drift check should have exited 1, not ${drifted}`);

    step("pulumi up --refresh puts the code's values back; the drift check passes again");
    check(await runOperation({ ...base, op: "up", refresh: true }), "pulumi up --refresh");
    const clean = await driftCheck(driftArgs);
    if (clean !== 0) throw new Error(`the drift check should have exited 0, not ${clean}`);

    step("What the local store holds");
    const data = (await (await fetch(`${apiUrl}/__admin/data`)).json()) as Record<
      string,
      Array<Record<string, unknown>>
    >;
    for (const p of data.promotions ?? [])
      console.log(
        `  promotion #${String(p.id)} "${String(p.name)}": ${String(p.status)}, ${Number(p.current_uses ?? 0)} uses`,
      );
    for (const [k, v] of Object.entries(data))
      if (Array.isArray(v) && k !== "promotions") console.log(`  ${k}: ${v.length}`);
    console.log(
      `\nDone in ${((Date.now() - started) / 1000).toFixed(0)} s. ${store ? "The store is stopped; its data stays, and `npm run store` serves it again." : "The store keeps running."}`,
    );
  } finally {
    await store?.close();
  }
}

if (require.main === module) exitWith(main(process.argv.slice(2)), { prefix: "\ndemo failed: ", code: 1 });
