/**
 * Writes an exported campaign as a YAML campaign file: the `$schema` line for editors, a header
 * saying what the file is, one comment per entry (uses, secrets left out, warnings), and values
 * that read back as the same strings under any YAML version (dates and "yes" are quoted).
 */
import * as path from "node:path";
import * as YAML from "yaml";
import { campaignObject, ExportedCampaign, SECTIONS } from "./build";

export interface RenderOptions {
  /** Where the file goes, to point `$schema` at the repository's schema relative to it. */
  outFile?: string;
  /** The campaign JSON Schema's path (default `<repository>/schema/campaign.schema.json`). */
  schemaFile?: string;
  /** Where the objects came from, for the header ("store abc123", "the local store ..."). */
  source?: string;
  /** The time written in the header (default now). */
  now?: Date;
}

/** The repository root (this file is `tools/export/yaml.ts`, or `dist/tools/export/yaml.js`). */
export function repositoryRoot(): string {
  const up = path.resolve(__dirname, "..", "..");
  return path.basename(up) === "dist" ? path.dirname(up) : up;
}

/** The `$schema` reference of a file written to `outFile`: relative to it, in forward slashes. */
export function schemaReference(
  outFile: string | undefined,
  schemaFile = path.join(repositoryRoot(), "schema", "campaign.schema.json"),
): string {
  if (!outFile) return path.resolve(schemaFile).split(path.sep).join("/");
  const rel = path.relative(path.dirname(path.resolve(outFile)), path.resolve(schemaFile));
  return rel.split(path.sep).join("/");
}

/**
 * True when a YAML 1.1 reader would not read this one-line plain scalar back as the same string
 * (`2026-12-01T00:00:00Z` a timestamp, `yes` a boolean). Multi-line text is left to the writer's
 * own choice (a block scalar).
 */
function ambiguous(s: string): boolean {
  if (s.includes("\n")) return false;
  try {
    return YAML.parse(s, { version: "1.1" }) !== s || YAML.parse(s) !== s;
  } catch {
    return true;
  }
}

/** The campaign file's text. */
export function renderCampaign(exported: ExportedCampaign, options: RenderOptions = {}): string {
  const doc = new YAML.Document(campaignObject(exported));
  const counts = SECTIONS.map((s) => [s, exported.entries.filter((e) => e.section === s).length] as const).filter(
    ([, n]) => n > 0,
  );
  const header = [
    ` yaml-language-server: $schema=${schemaReference(options.outFile, options.schemaFile)}`,
    ` Exported${options.source ? ` from ${options.source}` : ""} by \`bigcommerce-export\` on ${(options.now ?? new Date()).toISOString()}:`,
    ` ${counts.length ? counts.map(([s, n]) => `${n} ${s}`).join(", ") : "no marketing objects"}.`,
    " Every object is marked for adoption (adoptId: its id in the store): `pulumi up` takes the",
    " store's objects over instead of creating them, and changes nothing until this file is edited.",
    " Gift certificate codes are secrets and are not written.",
  ];
  // notes of sections the file has no entry in (everything left out) go to the header
  const root0 = doc.contents as YAML.YAMLMap<YAML.Scalar<string>, unknown>;
  for (const section of SECTIONS) {
    if (root0.items.some((p) => p.key.value === section)) continue;
    for (const note of exported.notes[section] ?? []) header.push(` ${section}: ${note}`);
  }
  if (exported.warnings.length) {
    header.push(
      ` ${exported.warnings.length} object(s) differ from what the resources can declare: see WARNING below.`,
    );
  }
  doc.commentBefore = header.join("\n");

  YAML.visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === "string" && node.type === undefined && ambiguous(node.value))
        node.type = "QUOTE_DOUBLE";
    },
  });

  const root = doc.contents as YAML.YAMLMap<YAML.Scalar<string>, YAML.YAMLMap>;
  for (const section of SECTIONS) {
    const sectionPair = root.items.find((p) => p.key.value === section);
    const notes = exported.notes[section] ?? [];
    if (!sectionPair) continue;
    if (notes.length) sectionPair.key.commentBefore = notes.map((n) => ` ${n}`).join("\n");
    const map = sectionPair.value as YAML.YAMLMap<YAML.Scalar<string>, unknown>;
    for (const entry of exported.entries.filter((e) => e.section === section)) {
      const lines = [...entry.comment, ...entry.warnings.map((w) => `WARNING: ${w}`)];
      if (!lines.length) continue;
      const pair = map.items.find((p) => p.key.value === entry.key);
      if (pair) pair.key.commentBefore = lines.map((l) => ` ${l}`).join("\n");
    }
  }
  return doc.toString({ lineWidth: 0 });
}
