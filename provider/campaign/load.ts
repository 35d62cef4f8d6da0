/**
 * Reading campaign files: YAML with positions, then the campaign model. Every problem of a file
 * (YAML syntax, duplicate keys, unknown sections or fields, values a resource would refuse,
 * references to missing promotions) is collected and reported at once, each with its file,
 * line, column and path, before any resource is declared, so before any API call.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, Document, Node as YamlNode, Pair } from "yaml";
import { z } from "zod";
import { checkInputs, comparable } from "../common/kind";
import {
  Campaign,
  CAMPAIGN_SETTINGS,
  campaignSectionSchema,
  CampaignSettings,
  Inherited,
  KEY_PATTERN,
  KEY_RULE,
  objectFields,
  PROMOTIONS_SECTION,
  promotionRefSchema,
  SectionSpec,
  settingSchema,
  SECTION_NAMES,
  SECTIONS,
  TOP_LEVEL_KEYS,
} from "./model";

/** One located problem of a campaign file. Lines and columns count from 1. */
export interface CampaignProblem {
  file: string;
  line: number;
  column: number;
  /** Where in the file's structure, e.g. `promotions.bf-sitewide.rules[0].action`; "" for the file itself. */
  path: string;
  message: string;
}

/** `file:line:column path: message` */
export function formatProblem(p: CampaignProblem): string {
  return `${p.file}:${p.line}:${p.column} ${p.path ? `${p.path}: ` : ""}${p.message}`;
}

/** Every problem of one or more campaign files; nothing of them was applied. */
export class CampaignError extends Error {
  /** Marks it as a Pulumi `RunError`: the engine prints the list of problems without a stack trace. */
  readonly __pulumiRunError = true;

  constructor(readonly problems: CampaignProblem[]) {
    const files = new Set(problems.map((p) => p.file)).size;
    super(
      `${problems.length} problem${problems.length === 1 ? "" : "s"} in ${files === 1 ? "campaign file" : `${files} campaign files`}:\n` +
        problems.map((p) => `  ${formatProblem(p)}`).join("\n"),
    );
    this.name = "CampaignError";
  }
}

type Seg = string | number;

/** A problem before it is located: `at` is the YAML path to point at (default: `path`). */
interface Found {
  path: Seg[];
  message: string;
  /** Point at the key of the entry rather than its value (unknown or misspelt keys). */
  onKey?: boolean;
  at?: Seg[];
}

export function formatPath(segs: Seg[]): string {
  return segs.reduce<string>((acc, s) => (typeof s === "number" ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), "");
}

/**
 * Values the store keeps unique (the kinds' `unique` keys, compared as the store compares them):
 * a second object with one of them would fail mid-apply.
 */
const UNIQUE = Object.entries(SECTIONS).flatMap(([section, spec]) =>
  Object.entries(spec.kind.unique ?? {}).flatMap(([property, key]) =>
    key
      ? [
          {
            section,
            property,
            what: key.caseSensitive ? key.space : `${key.space} (any case)`,
            caseSensitive: key.caseSensitive === true,
            secret: key.secret === true,
          },
        ]
      : [],
  ),
);

interface UniqueSite {
  /** Which kind of value and the value itself, as compared. */
  key: string;
  /** The value as the file writes it. */
  value: string;
  what: string;
  secret: boolean;
  path: Seg[];
}

function uniqueSites(sections: Record<string, Record<string, Record<string, unknown>>>): UniqueSite[] {
  const out: UniqueSite[] = [];
  for (const u of UNIQUE) {
    for (const [key, obj] of Object.entries(sections[u.section] ?? {})) {
      const v = obj[u.property];
      if (typeof v !== "string" || v === "") continue;
      out.push({
        key: `${u.section}.${u.property}=${comparable(v, u.caseSensitive)}`,
        value: v,
        what: u.what,
        secret: !!u.secret,
        path: [u.section, key, u.property],
      });
    }
  }
  return out;
}

/** "repeats the coupon code "X" of coupons.a" (a secret is not quoted). */
function repeatMessage(site: UniqueSite, first: string): string {
  const value = site.secret ? "" : ` ${JSON.stringify(site.value)}`;
  return `repeats the ${site.what}${value} of ${first}: the store keeps it unique`;
}

/** `rules[0].action.cartValue` -> ["rules", 0, "action", "cartValue"] */
function parseProperty(p: string): Seg[] {
  const out: Seg[] = [];
  for (const m of p.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);
const has = (o: Record<string, unknown>, k: string) => Object.prototype.hasOwnProperty.call(o, k);

// ---------------------------------------------------------------------------------------------
// Positions

function keyOf(pair: Pair): unknown {
  return isScalar(pair.key) ? pair.key.value : pair.key;
}

/** Line and column of the node at `segs` (or of the nearest enclosing entry that exists). */
function locate(doc: Document, lc: LineCounter, segs: Seg[], onKey: boolean): { line: number; column: number } {
  let node: unknown = doc.contents;
  let lastKey: YamlNode | undefined;
  let complete = true;
  for (const seg of segs) {
    if (isMap(node)) {
      // the last entry of a repeated key is the one that counts (as in the parsed value)
      const pair = [...node.items].reverse().find((p) => String(keyOf(p)) === String(seg)) as
        Pair<YamlNode, YamlNode> | undefined;
      if (!pair) {
        complete = false;
        break;
      }
      lastKey = pair.key;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === "number" && node.items[seg] !== undefined) {
      node = node.items[seg];
      lastKey = node as YamlNode;
    } else {
      complete = false;
      break;
    }
  }
  let offset: number | undefined;
  const start = (n: unknown) =>
    n && typeof n === "object" && "range" in n && Array.isArray((n as YamlNode).range)
      ? (n as YamlNode).range![0]
      : undefined;
  const valueStart = start(node);
  const emptyValue = isScalar(node) && node.value === null && (node.range?.[0] ?? 0) === (node.range?.[1] ?? 0);
  if (complete && !onKey && valueStart !== undefined && !emptyValue) offset = valueStart;
  else offset = start(lastKey) ?? start(complete ? node : undefined) ?? start(doc.contents) ?? 0;
  const pos = lc.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/** The path of the deepest map entry or list item holding `offset` (to name where a YAML error is). */
function pathAt(doc: Document, offset: number): Seg[] {
  const out: Seg[] = [];
  let node: unknown = doc.contents;
  const inside = (n: unknown) => {
    const r = n && typeof n === "object" ? (n as YamlNode).range : undefined;
    return !!r && offset >= r[0] && offset < Math.max(r[2], r[1]);
  };
  for (;;) {
    if (isMap(node)) {
      const pair = [...node.items]
        .reverse()
        .find((p) => inside(p.key) || inside(p.value) || (start(p.key) ?? Infinity) <= offset);
      if (!pair) break;
      out.push(String(keyOf(pair)));
      if (inside(pair.key)) break;
      node = pair.value;
    } else if (isSeq(node)) {
      const i = node.items.findIndex((n) => inside(n));
      if (i < 0) break;
      out.push(i);
      node = node.items[i];
    } else break;
  }
  return out;
  function start(n: unknown): number | undefined {
    return n && typeof n === "object" ? (n as YamlNode).range?.[0] : undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Validation

function describe(issue: z.ZodIssue): string {
  if (issue.code === "invalid_type" && issue.received === "undefined") return "is required";
  if (issue.code === "invalid_type" && /^Expected/.test(issue.message))
    return `must be ${issue.expected} (got ${issue.received})`;
  return issue.message;
}

/** Closest name among `names`, for "did you mean" (at most two edits away). */
function closest(word: string, names: string[]): string | undefined {
  const dist = (a: string, b: string) => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++)
        d[i][j] = Math.min(
          d[i - 1][j] + 1,
          d[i][j - 1] + 1,
          d[i - 1][j - 1] + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1),
        );
    return d[a.length][b.length];
  };
  let best: string | undefined;
  let bestD = 3;
  for (const n of names) {
    const dd = dist(word, n);
    if (dd < bestD) [best, bestD] = [n, dd];
  }
  return best;
}

function unknownKey(key: string, what: string, names: string[]): string {
  const guess = closest(key, names);
  return `is not ${what}${guess ? ` (did you mean \`${guess}\`?)` : ` (expected one of ${names.join(", ")})`}`;
}

interface Validated {
  found: Found[];
  campaign?: Omit<Campaign, "file">;
}

/** Validates a parsed campaign document (plain values). Pure: no positions, no I/O. */
export function validateCampaignValue(value: unknown): Validated {
  const found: Found[] = [];
  if (value === null || value === undefined) {
    return {
      found: [{ path: [], message: "is empty: a campaign file needs at least a `campaign:` section with a `name`" }],
    };
  }
  if (!isObject(value))
    return { found: [{ path: [], message: "must be a mapping of sections (campaign:, promotions:, coupons:, ...)" }] };

  for (const k of Object.keys(value)) {
    if (!TOP_LEVEL_KEYS.includes(k))
      found.push({ path: [k], onKey: true, message: unknownKey(k, "a section of a campaign file", TOP_LEVEL_KEYS) });
  }

  let settings: CampaignSettings | undefined;
  if (!has(value, "campaign")) {
    found.push({ path: [], message: "needs a `campaign:` section (with at least a `name`)" });
  } else {
    const parsed = campaignSectionSchema.safeParse(value.campaign);
    if (parsed.success) settings = parsed.data;
    else {
      for (const issue of parsed.error.issues) {
        if (issue.code === "unrecognized_keys") {
          for (const k of issue.keys)
            found.push({
              path: ["campaign", ...issue.path, k],
              onKey: true,
              message: unknownKey(k, "a setting of the campaign section", CAMPAIGN_SETTINGS),
            });
        } else if (issue.code === "invalid_type" && issue.path.length === 0) {
          found.push({
            path: ["campaign"],
            message: "must be a mapping of settings (name:, namePrefix:, startDate:, endDate:, currency:)",
          });
        } else found.push({ path: ["campaign", ...issue.path], message: describe(issue) });
      }
    }
  }
  // With a faulty section, objects still inherit the settings that are right by themselves
  // (so they show no problems that only the faulty setting caused).
  const inheritFrom: CampaignSettings = settings ?? partialSettings(value.campaign);

  const sections: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const name of SECTION_NAMES) {
    const raw = value[name];
    sections[name] = {};
    if (raw === undefined || raw === null) continue;
    const spec = SECTIONS[name];
    if (!isObject(raw)) {
      found.push({ path: [name], message: `must be a mapping of <key>: <the properties of ${spec.what}>` });
      continue;
    }
    for (const [key, obj] of Object.entries(raw)) {
      if (!KEY_PATTERN.test(key))
        found.push({ path: [name, key], onKey: true, message: `is not a valid key: ${KEY_RULE}` });
      if (!isObject(obj)) {
        found.push({ path: [name, key], message: `must be a mapping of the properties of ${spec.what}` });
        continue;
      }
      sections[name][key] = validateObject(spec, [name, key], obj, inheritFrom, found);
    }
  }

  // References of codes to promotions of the file.
  const promotionKeys = Object.keys(sections[PROMOTIONS_SECTION]);
  for (const name of SECTION_NAMES.filter((n) => SECTIONS[n].promotionRef)) {
    const raw = value[name];
    if (!isObject(raw)) continue;
    for (const [key, obj] of Object.entries(raw)) {
      if (!isObject(obj)) continue;
      const p = [name, key, "promotion"];
      if (!has(obj, "promotion") || obj.promotion === null) {
        found.push({
          path: p,
          at: [name, key],
          onKey: true,
          message: "is required: the key of the promotion (in `promotions:` of this file) the codes belong to",
        });
        continue;
      }
      const r = promotionRefSchema.safeParse(obj.promotion);
      if (!r.success) {
        found.push({ path: p, message: r.error.issues[0].message });
        continue;
      }
      const target = sections[PROMOTIONS_SECTION][r.data];
      if (!target) {
        found.push({
          path: p,
          message: `names no promotion of this file: "${r.data}" is not a key of \`promotions:\`${promotionKeys.length ? ` (keys: ${promotionKeys.join(", ")})` : " (it has none)"}`,
        });
      } else if (target.redemptionType === "AUTOMATIC") {
        found.push({
          path: p,
          message: `names promotion "${r.data}", whose redemptionType is AUTOMATIC: coupon codes need a COUPON promotion`,
        });
      } else if (name === "bulkCodes" && target.redemptionType === "COUPON" && target.couponType !== "BULK") {
        found.push({
          path: p,
          message: `names promotion "${r.data}", which is not \`couponType: BULK\`: the store generates codes only for BULK promotions`,
        });
      }
    }
  }

  const seen = new Map<string, UniqueSite>();
  for (const site of uniqueSites(sections)) {
    const first = seen.get(site.key);
    if (first) found.push({ path: site.path, message: repeatMessage(site, formatPath(first.path)) });
    else seen.set(site.key, site);
  }

  if (found.length > 0 || !settings) return { found };
  return {
    found,
    campaign: { campaign: settings, ...(sections as unknown as Omit<Campaign, "file" | "campaign">) },
  };
}

function partialSettings(raw: unknown): CampaignSettings {
  const out: Record<string, unknown> = { name: "" };
  if (!isObject(raw)) return out as CampaignSettings;
  for (const [k, v] of Object.entries(raw)) {
    const r = settingSchema(k)?.safeParse(v);
    if (r?.success) out[k] = r.data;
  }
  return out as CampaignSettings;
}

/**
 * Checks one object with its resource kind's rules, after inheritance; returns its Args as
 * declared (the file's values, inherited values and the prefixed name).
 */
function validateObject(
  spec: SectionSpec,
  at: Seg[],
  own: Record<string, unknown>,
  settings: CampaignSettings,
  found: Found[],
): Record<string, unknown> {
  const fields = objectFields(spec);
  const names = Object.keys(fields);
  const args: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(own)) {
    if (!has(fields, k))
      found.push({
        path: [...at, k],
        onKey: true,
        message: unknownKey(k, `a property of ${spec.what} (${spec.resource})`, names),
      });
    else args[k] = v;
  }
  const inherited = new Map<string, Inherited>();
  for (const i of spec.inherit?.(own, settings) ?? []) {
    inherited.set(i.property, i);
    args[i.property] = i.value;
  }
  const prefix =
    spec.prefixName && settings.namePrefix && typeof own.name === "string" ? settings.namePrefix : undefined;
  if (prefix) args.name = prefix + (own.name as string);

  const inputs: Record<string, unknown> = { ...args };
  delete inputs.promotion;
  // the promotion's id is only known at deployment: a placeholder lets every other rule run
  if (spec.promotionRef) inputs.promotionId = 1;
  const { failures } = checkInputs(spec.kind, inputs);
  for (const f of failures) {
    const props = f.path;
    if (props[0] === "promotionId" || !has(fields, String(props[0]))) continue;
    let message = f.reason.startsWith(`${f.property}: `) ? f.reason.slice(f.property.length + 2) : f.reason;
    const from = inherited.get(String(props[0]));
    if (from) {
      found.push({
        path: [...at, ...props],
        at: parseProperty(from.from),
        message: `${message} (inherited from ${from.from})`,
      });
      continue;
    }
    if (props[0] === "name" && prefix)
      message += ` (the name includes the campaign's namePrefix ${JSON.stringify(prefix)})`;
    found.push({ path: [...at, ...props], message });
  }
  return args;
}

// ---------------------------------------------------------------------------------------------
// Entry points

/**
 * Parses and validates the text of one campaign file. Returns the campaign, or throws a
 * CampaignError listing every problem (`fileName` names the file in them).
 */
export function parseCampaign(text: string, fileName: string): Campaign {
  const { campaign, problems } = parseCollecting(text, fileName);
  if (problems.length > 0 || !campaign) throw new CampaignError(problems);
  return campaign;
}

function parseCollecting(text: string, fileName: string): { campaign?: Campaign; problems: CampaignProblem[] } {
  const lc = new LineCounter();
  // merge keys (`<<: *defaults`) let objects share a block of properties
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: true, uniqueKeys: true, merge: true });
  const problems: CampaignProblem[] = [];
  for (const e of doc.errors) {
    const pos = e.linePos?.[0] ?? lc.linePos(e.pos[0]);
    const message = e.message.split(/ at line \d+, column \d+/)[0];
    // the path of a syntax error would be a guess; a duplicate key's is known
    const duplicate = e.code === "DUPLICATE_KEY";
    problems.push({
      file: fileName,
      line: pos.line,
      column: pos.col,
      path: duplicate ? formatPath(pathAt(doc, e.pos[0])) : "",
      message: duplicate
        ? "duplicate key: a key may appear only once in a mapping (the last one would count)"
        : `YAML syntax: ${message}`,
    });
  }
  // After a syntax error the structure is a guess: report the YAML errors alone. Duplicate
  // keys leave it intact, so the model's problems are reported with them.
  if (doc.errors.some((e) => e.code !== "DUPLICATE_KEY")) return { problems: sortProblems(problems) };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // an alias without its anchor (or too many aliases): point at the first alias that fails
    let at = 0;
    visit(doc, {
      Alias(_, node) {
        if (node.resolve(doc) === undefined && node.range) {
          at = node.range[0];
          return visit.BREAK;
        }
      },
    });
    const pos = lc.linePos(at);
    problems.push({
      file: fileName,
      line: pos.line,
      column: pos.col,
      path: "",
      message: `YAML: ${(e as Error).message}`,
    });
    return { problems };
  }
  const { found, campaign } = validateCampaignValue(value);
  for (const f of found) {
    const pos = locate(doc, lc, f.at ?? f.path, !!f.onKey);
    problems.push({ file: fileName, line: pos.line, column: pos.column, path: formatPath(f.path), message: f.message });
  }
  if (problems.length > 0 || !campaign) return { problems: sortProblems(problems) };
  const loaded: Campaign = { file: fileName, ...campaign };
  SITES.set(
    loaded,
    uniqueSites(campaign as unknown as Record<string, Record<string, Record<string, unknown>>>).map((site) => {
      const pos = locate(doc, lc, site.path, false);
      return { ...site, file: fileName, line: pos.line, column: pos.column };
    }),
  );
  return { campaign: loaded, problems };
}

/** The located unique values of each loaded campaign, for the checks across files. */
const SITES = new WeakMap<Campaign, Array<UniqueSite & { file: string; line: number; column: number }>>();

function sortProblems(ps: CampaignProblem[]): CampaignProblem[] {
  return ps.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column);
}

function readCollecting(file: string): { campaign?: Campaign; problems: CampaignProblem[] } {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    return {
      problems: [
        {
          file,
          line: 1,
          column: 1,
          path: "",
          message: `cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        },
      ],
    };
  }
  return parseCollecting(text, file);
}

/** Reads and validates one campaign file, or throws a CampaignError listing every problem. */
export function loadCampaignFile(file: string): Campaign {
  const { campaign, problems } = readCollecting(file);
  if (problems.length > 0 || !campaign) throw new CampaignError(problems);
  return campaign;
}

/** The file stem that names a campaign's resources (`holiday.yaml` -> `holiday`). */
export function campaignStem(file: string): string {
  return path.basename(file).replace(/\.ya?ml$/i, "");
}

/**
 * Reads and validates several campaign files; throws one CampaignError with the problems of all
 * of them. Two files may not share a stem (their resources would share names).
 */
export function loadCampaignFiles(files: string[]): Campaign[] {
  const problems: CampaignProblem[] = [];
  const campaigns: Campaign[] = [];
  const stems = new Map<string, string>();
  for (const file of files) {
    const stem = campaignStem(file);
    const clash = stems.get(stem);
    if (clash !== undefined) {
      problems.push({
        file,
        line: 1,
        column: 1,
        path: "",
        message: `has the stem "${stem}" of ${clash}: resources are named <stem>.<key>, so stems must differ`,
      });
    } else stems.set(stem, file);
    if (!KEY_PATTERN.test(stem)) {
      problems.push({
        file,
        line: 1,
        column: 1,
        path: "",
        message: `has the stem "${stem}", which names its resources: file names must match ^[a-z0-9][a-z0-9-]*\\.ya?ml$`,
      });
    }
    const r = readCollecting(file);
    problems.push(...r.problems);
    if (r.campaign) campaigns.push(r.campaign);
  }
  // values the store keeps unique, across the files (each file checked its own)
  const seen = new Map<string, { file: string; path: Seg[] }>();
  for (const c of campaigns) {
    for (const site of SITES.get(c) ?? []) {
      const first = seen.get(site.key);
      if (!first) seen.set(site.key, site);
      else if (first.file !== site.file) {
        problems.push({
          file: site.file,
          line: site.line,
          column: site.column,
          path: formatPath(site.path),
          message: repeatMessage(site, `${first.file} ${formatPath(first.path)}`),
        });
      }
    }
  }
  if (problems.length > 0) throw new CampaignError(sortProblems(problems));
  return campaigns;
}

/** Pulumi's project and stack files (`Pulumi.yaml`, `Pulumi.<stack>.yaml`), which a campaign folder may hold. */
const PULUMI_FILE = /^Pulumi(\..+)?\.ya?ml$/;

/**
 * Reads every `*.yaml` and `*.yml` file of a folder (not its subfolders, nor Pulumi's own
 * `Pulumi.yaml` and `Pulumi.<stack>.yaml`), in name order, and
 * reports the problems of all of them together. A folder that does not exist is an error (an
 * empty program would delete everything a stack holds); an empty folder gives no campaigns.
 */
export function loadCampaignDir(dir: string): Campaign[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (e) {
    throw new CampaignError([
      {
        file: dir,
        line: 1,
        column: 1,
        path: "",
        message: `is not a readable folder of campaign files (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      },
    ]);
  }
  const files = names
    .filter((n) => /\.ya?ml$/i.test(n) && !PULUMI_FILE.test(n))
    .sort()
    .map((n) => path.join(dir, n))
    .filter((f) => fs.statSync(f).isFile());
  return loadCampaignFiles(files);
}
