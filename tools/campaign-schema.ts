/**
 * `npm run campaign-schema`: writes schema/campaign.schema.json, the JSON Schema of campaign
 * files, from the zod models the loader validates with; property descriptions are the TSDoc of
 * the resources' Args (provider/<resource>/index.ts). test/schema/ checks the committed file is
 * what this generates.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { campaignJsonSchema, Descriptions } from "../provider/campaign/json-schema";
import { SECTIONS } from "../provider/campaign/model";

/** The repository root (this file runs from tools/ under ts-jest and from dist/tools/ compiled). */
export function repoRoot(from = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, "package.json")) || !fs.existsSync(path.join(dir, "provider"))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no repository root above ${from}`);
    dir = up;
  }
  return dir;
}

const FOLDERS: Record<string, string> = {
  Promotion: "promotion",
  CouponCode: "coupon-code",
  BulkCouponCodes: "bulk-codes",
  Coupon: "coupon",
  Banner: "banner",
  GiftCertificate: "gift-certificate",
};

function docText(node: ts.Node): string | undefined {
  const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc;
  if (!docs?.length) return undefined;
  const c = docs[docs.length - 1].comment;
  const text = typeof c === "string" ? c : c?.map((p) => (ts.isJSDocLink(p) || ts.isJSDocLinkCode(p) || ts.isJSDocLinkPlain(p) ? (p.name ? p.name.getText() : p.text) : p.text)).join("");
  return text?.replace(/\s+/g, " ").trim() || undefined;
}

/** The TSDoc of every property of `<Resource>Args`, by resource. */
export function argsDescriptions(root = repoRoot()): Descriptions {
  const out: Descriptions = {};
  for (const spec of Object.values(SECTIONS)) {
    const file = path.join(root, "provider", FOLDERS[spec.resource], "index.ts");
    const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
    const texts: Record<string, string> = {};
    source.forEachChild((node) => {
      if (ts.isInterfaceDeclaration(node) && node.name.text === `${spec.resource}Args`) {
        for (const m of node.members) {
          const text = ts.isPropertySignature(m) ? docText(m) : undefined;
          if (text && m.name) texts[m.name.getText(source)] = text;
        }
      }
    });
    out[spec.resource] = texts;
  }
  return out;
}

/** The text of schema/campaign.schema.json. */
export function generateCampaignSchema(root = repoRoot()): string {
  return `${JSON.stringify(campaignJsonSchema(argsDescriptions(root)), null, 2)}\n`;
}

export const SCHEMA_FILE = path.join("schema", "campaign.schema.json");

if (require.main === module) {
  const root = repoRoot();
  const target = path.join(root, SCHEMA_FILE);
  fs.writeFileSync(target, generateCampaignSchema(root));
  process.stdout.write(`wrote ${path.relative(process.cwd(), target) || target}\n`);
}
