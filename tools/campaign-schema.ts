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
import { command, exitWith, runCommand } from "./cli";

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

/** The class module (`provider/<folder>/index.ts`) that declares `<resource>Args`. */
function argsFile(root: string, resource: string): string {
  const dir = path.join(root, "provider");
  for (const folder of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, folder, "index.ts");
    if (fs.existsSync(file) && fs.readFileSync(file, "utf8").includes(`export interface ${resource}Args `)) return file;
  }
  throw new Error(`no provider/<folder>/index.ts declares ${resource}Args`);
}

function docText(node: ts.Node): string | undefined {
  const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc;
  if (!docs?.length) return undefined;
  const c = docs[docs.length - 1].comment;
  const text =
    typeof c === "string"
      ? c
      : c
          ?.map((p) =>
            ts.isJSDocLink(p) || ts.isJSDocLinkCode(p) || ts.isJSDocLinkPlain(p)
              ? p.name
                ? p.name.getText()
                : p.text
              : p.text,
          )
          .join("");
  return text?.replace(/\s+/g, " ").trim() || undefined;
}

/** The TSDoc of every property of `<Resource>Args`, by resource. */
export function argsDescriptions(root = repoRoot()): Descriptions {
  const out: Descriptions = {};
  for (const spec of Object.values(SECTIONS)) {
    const file = argsFile(root, spec.resource);
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

// ---------------------------------------------------------------------------------------------
// Shapes the zod models cannot show. Promotion actions, conditions, item matchers and the like
// are validated by zod transforms ("exactly one of these keys"), which a converter cannot look
// into: their shape for editors comes from the TypeScript types of the Args (`ActionInput`, ...),
// the same types a program is checked against.

type Json = Record<string, unknown>;

/** Declarations of one resource's index.ts: type aliases and interfaces, by name. */
interface TsDecls {
  source: ts.SourceFile;
  types: Map<string, ts.TypeAliasDeclaration | ts.InterfaceDeclaration>;
}

function tsDecls(file: string): TsDecls {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const types = new Map<string, ts.TypeAliasDeclaration | ts.InterfaceDeclaration>();
  source.forEachChild((n) => {
    if (ts.isTypeAliasDeclaration(n) || ts.isInterfaceDeclaration(n)) types.set(n.name.text, n);
  });
  return { source, types };
}

/** `In<T>`, `pulumi.Input<T>` and `(T)` are T. */
function unwrap(node: ts.TypeNode, d: TsDecls): ts.TypeNode {
  for (;;) {
    if (ts.isParenthesizedTypeNode(node)) node = node.type;
    else if (
      ts.isTypeReferenceNode(node) &&
      node.typeArguments?.length === 1 &&
      /^(In|pulumi\.Input|Input)$/.test(node.typeName.getText(d.source))
    ) {
      node = node.typeArguments[0];
    } else return node;
  }
}

/** The members of an object type (a literal, or an interface or alias of one), or undefined. */
function membersOf(node: ts.TypeNode, d: TsDecls): ts.NodeArray<ts.TypeElement> | undefined {
  node = unwrap(node, d);
  if (ts.isTypeLiteralNode(node)) return node.members;
  if (ts.isTypeReferenceNode(node)) {
    const decl = d.types.get(node.typeName.getText(d.source));
    if (decl && ts.isInterfaceDeclaration(decl)) return decl.members;
    if (decl && ts.isTypeAliasDeclaration(decl)) return membersOf(decl.type, d);
  }
  return undefined;
}

function propertyName(m: ts.TypeElement, d: TsDecls): string | undefined {
  return ts.isPropertySignature(m) && m.name ? m.name.getText(d.source) : undefined;
}

/** JSON Schema of a TypeScript type node; named types go to `defs` (they may be recursive). */
function tsToJson(node: ts.TypeNode, d: TsDecls, defs: Record<string, Json>): Json {
  node = unwrap(node, d);
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { type: "string" };
    case ts.SyntaxKind.NumberKeyword:
      return { type: "number" };
    case ts.SyntaxKind.BooleanKeyword:
      return { type: "boolean" };
  }
  if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return { const: node.literal.text };
  if (ts.isArrayTypeNode(node)) return { type: "array", items: tsToJson(node.elementType, d, defs) };
  if (ts.isUnionTypeNode(node)) {
    const members = node.types.map((t) => tsToJson(t, d, defs));
    if (members.every((m) => Object.keys(m).length === 1 && m.const !== undefined))
      return { enum: members.map((m) => m.const) };
    if (members.every((m) => Object.keys(m).length === 1 && typeof m.type === "string"))
      return { type: members.map((m) => m.type) };
    return { anyOf: members };
  }
  if (ts.isTypeLiteralNode(node)) return objectJson(node.members, d, defs);
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName.getText(d.source);
    const decl = d.types.get(name);
    if (!decl) return {};
    if (!defs[name]) {
      defs[name] = {}; // placeholder: a recursive reference resolves to it
      defs[name] = ts.isInterfaceDeclaration(decl) ? objectJson(decl.members, d, defs) : tsToJson(decl.type, d, defs);
      const doc = docText(decl);
      if (doc) defs[name] = { description: doc, ...defs[name] };
    }
    return { $ref: `#/$defs/${name}` };
  }
  return {};
}

function objectJson(members: ts.NodeArray<ts.TypeElement>, d: TsDecls, defs: Record<string, Json>): Json {
  const properties: Record<string, Json> = {};
  const required: string[] = [];
  for (const m of members) {
    const name = propertyName(m, d);
    if (!name || !ts.isPropertySignature(m) || !m.type) continue;
    const doc = docText(m);
    properties[name] = { ...(doc ? { description: doc } : {}), ...tsToJson(m.type, d, defs) };
    if (!m.questionToken) required.push(name);
  }
  return { type: "object", properties, ...(required.length ? { required } : {}), additionalProperties: false };
}

/** Nothing but a description or a default: a zod transform the converter could not look into. */
const opaque = (j: Json) => Object.keys(j).every((k) => k === "description" || k === "default");

/**
 * Fills the opaque nodes of a converted zod schema from the TypeScript type of the same value,
 * and adds the TSDoc of nested properties that have no description.
 */
function fill(json: Json, node: ts.TypeNode, d: TsDecls, defs: Record<string, Json>): Json {
  if (opaque(json))
    return { ...json, ...tsToJson(node, d, defs), ...(json.description ? { description: json.description } : {}) };
  const t = unwrap(node, d);
  if (json.type === "array" && json.items && ts.isArrayTypeNode(t))
    return { ...json, items: fill(json.items as Json, t.elementType, d, defs) };
  if (json.type === "object" && json.properties) {
    const members = membersOf(t, d);
    if (!members) return json;
    const properties: Record<string, Json> = {};
    for (const [k, p] of Object.entries(json.properties as Record<string, Json>)) {
      const m = members.find((x) => propertyName(x, d) === k);
      if (!m || !ts.isPropertySignature(m) || !m.type) {
        properties[k] = p;
        continue;
      }
      const doc = docText(m);
      const filled = fill(p, m.type, d, defs);
      properties[k] = filled.description || !doc ? filled : { description: doc, ...filled };
    }
    return { ...json, properties };
  }
  return json;
}

/** The campaign schema with the opaque parts of each object filled from its Args' types. */
export function campaignSchemaWithShapes(root = repoRoot()): Json {
  const schema = campaignJsonSchema(argsDescriptions(root));
  const $defs = schema.$defs as Record<string, Json>;
  const shapes: Record<string, Json> = {};
  for (const spec of Object.values(SECTIONS)) {
    const d = tsDecls(argsFile(root, spec.resource));
    const args = d.types.get(`${spec.resource}Args`);
    if (!args || !ts.isInterfaceDeclaration(args)) continue;
    const def = $defs[spec.def];
    const properties: Record<string, Json> = {};
    for (const [k, p] of Object.entries(def.properties as Record<string, Json>)) {
      const m = args.members.find((x) => propertyName(x, d) === k);
      properties[k] = m && ts.isPropertySignature(m) && m.type ? fill(p, m.type, d, shapes) : p;
    }
    def.properties = properties;
  }
  // the named TypeScript types used, after the objects (sorted: a stable file)
  for (const name of Object.keys(shapes).sort()) $defs[name] = shapes[name];
  return schema;
}

/** The text of schema/campaign.schema.json. */
export function generateCampaignSchema(root = repoRoot()): string {
  return `${JSON.stringify(campaignSchemaWithShapes(root), null, 2)}\n`;
}

export const SCHEMA_FILE = path.join("schema", "campaign.schema.json");

export const CAMPAIGN_SCHEMA_COMMAND = command({
  name: "campaign-schema",
  usage: ["npm run campaign-schema"],
  description:
    "Writes schema/campaign.schema.json, the JSON Schema of campaign files (for editors), from the zod models the loader validates with and the TSDoc of the resources' Args. test/schema/ checks that the committed file is what this writes.",
  options: {},
  examples: ["npm run campaign-schema && git diff schema/"],
});

/** Writes the schema file; resolves with the exit code. */
export function main(argv: string[]): Promise<number> {
  return runCommand(CAMPAIGN_SCHEMA_COMMAND, argv, () => {
    const root = repoRoot();
    const target = path.join(root, SCHEMA_FILE);
    fs.writeFileSync(target, generateCampaignSchema(root));
    process.stdout.write(`wrote ${path.relative(process.cwd(), target) || target}\n`);
    return 0;
  });
}

if (require.main === module) exitWith(main(process.argv.slice(2)), { prefix: "campaign-schema: ", code: 1 });
