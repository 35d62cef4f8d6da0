/**
 * The command line of every tool and of the local store: one option table per command, parsed
 * with `util.parseArgs` (strict), and the `--help` text made from the same table.
 *
 * A usage error (an unknown option, a missing or malformed value, a bad combination) is a
 * `UsageError`; `runCommand` prints it as `<command>: <message>`, the usage line and a pointer to
 * `--help` on stderr and returns exit code 2. `--help` and `-h` print the help on stdout (exit 0).
 */
import { parseArgs } from "node:util";

export interface OptionSpec {
  type: "string" | "boolean" | "number";
  /** One-letter form (`-o`). */
  short?: string;
  /** May be given more than once; the value is then the list of them in order. */
  multiple?: boolean;
  /** Placeholder of the value in the help (FILE, N; default VALUE, or N for numbers). */
  value?: string;
  /** What the option does, for the help. */
  description: string;
  /** The value when the option is absent; shown in the help. */
  default?: string | number | boolean;
  /** The default as the help says it, when it is not a plain value or is applied elsewhere. */
  defaultText?: string;
  /** Numbers: whole numbers only. */
  integer?: boolean;
  /** Numbers: the least value allowed. */
  min?: number;
}

export type Options = Record<string, OptionSpec>;

type ValueOf<O extends OptionSpec> = O["type"] extends "boolean"
  ? boolean
  : O["type"] extends "number"
    ? number
    : string;
type Value<O extends OptionSpec> = O extends { multiple: true } ? ValueOf<O>[] : ValueOf<O>;

/** Parsed values by option name: present when given, or always for an option with a default. */
export type Values<S extends Options> = {
  -readonly [K in keyof S as S[K] extends { default: unknown } ? K : never]: Value<S[K]>;
} & {
  -readonly [K in keyof S as S[K] extends { default: unknown } ? never : K]?: Value<S[K]>;
};

export interface CommandSpec<S extends Options = Options> {
  /** The name errors start with (`export: ...`). */
  name: string;
  /** Synopsis lines, as a user types the command. */
  usage: string[];
  /** What the command does: the help's first paragraph. */
  description: string;
  options: S;
  /** Arguments that are not options, when the command takes any. */
  positionals?: { value: string; description: string; max: number };
  /** Exit codes worth knowing, in order. */
  exitCodes?: Array<[number, string]>;
  examples: string[];
  /** Further paragraphs of the help. */
  notes?: string[];
  /** The message for an unknown option (default: `unknown argument "<token>"`). */
  unknownOption?: (token: string) => string;
}

export interface Parsed<S extends Options> {
  /** `--help` or `-h` was given. */
  help: boolean;
  values: Values<S>;
  positionals: string[];
  /** The values as given on the command line, before numbers are converted. */
  given: Record<string, string | boolean | Array<string | boolean>>;
}

/** A command line the command cannot run with; `runCommand` turns it into exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Declares a command (keeps the option table's literal types, for typed values). */
export function command<const S extends Options>(spec: CommandSpec<S>): CommandSpec<S> {
  return spec;
}

const HELP: OptionSpec = { type: "boolean", short: "h", description: "print this help and exit" };

function nodeOptions(spec: CommandSpec<Options>) {
  const out: Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }> = {};
  for (const [name, o] of Object.entries({ ...spec.options, help: HELP }))
    out[name] = {
      type: o.type === "boolean" ? "boolean" : "string",
      // parseArgs refuses keys present with an undefined value
      ...(o.short ? { short: o.short } : {}),
      ...(o.multiple ? { multiple: true } : {}),
    };
  return out;
}

/** Parses `argv` (without node and the script); throws a `UsageError` naming what is wrong. */
export function parseCommandLine<S extends Options>(spec: CommandSpec<S>, argv: string[]): Parsed<S> {
  const options = nodeOptions(spec);
  let result: ReturnType<typeof parseArgs<{ options: typeof options; tokens: true; allowPositionals: true }>>;
  try {
    result = parseArgs({ args: argv, options, strict: true, allowPositionals: true, tokens: true });
  } catch (e) {
    const lenient = parseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
    // --help wins over a mistake next to it
    if (lenient.values.help === true) return { help: true, values: {} as Values<S>, positionals: [], given: {} };
    throw new UsageError(diagnose(spec, lenient.tokens, options) ?? (e as Error).message);
  }
  const given = result.values as Parsed<S>["given"];
  if (given.help) return { help: true, values: {} as Values<S>, positionals: result.positionals, given };
  for (const t of result.tokens) {
    if (t.kind === "option" && t.value === "") throw new UsageError(`${t.rawName} needs a value`);
  }
  const max = spec.positionals?.max ?? 0;
  if (result.positionals.length > max)
    throw new UsageError(
      max === 0
        ? `unexpected argument ${JSON.stringify(result.positionals[0])}`
        : `${max === 1 ? "one input" : `${max} inputs`} only (got ${result.positionals.map((p) => JSON.stringify(p)).join(", ")})`,
    );
  const values: Record<string, unknown> = {};
  for (const [name, o] of Object.entries(spec.options)) {
    const v = given[name];
    if (v === undefined) {
      if (o.default !== undefined) values[name] = o.default;
    } else if (o.type === "number") {
      values[name] = Array.isArray(v) ? v.map((x) => toNumber(name, o, String(x))) : toNumber(name, o, String(v));
    } else values[name] = v;
  }
  return { help: false, values: values as Values<S>, positionals: result.positionals, given };
}

function toNumber(name: string, o: OptionSpec, text: string): number {
  const n = Number(text);
  const ok =
    text.trim() !== "" &&
    Number.isFinite(n) &&
    (!o.integer || Number.isInteger(n)) &&
    !(o.min !== undefined && n < o.min);
  if (ok) return n;
  const what = o.integer
    ? o.min === 0
      ? "a non-negative integer"
      : o.min === 1
        ? "a positive integer"
        : `an integer${o.min !== undefined ? ` of at least ${o.min}` : ""}`
    : `a number${o.min !== undefined ? ` of at least ${o.min}` : ""}`;
  throw new UsageError(`--${name}: must be ${what} (got ${JSON.stringify(text)})`);
}

/** A token of `parseArgs` (its own type depends on the options' literal types). */
type Token =
  | { kind: "option"; name: string; rawName: string; value?: string; inlineValue?: boolean }
  | { kind: "positional"; value: string }
  | { kind: "option-terminator" };

/** What strict parsing refused, in this module's words (read from a lenient parse's tokens). */
function diagnose(
  spec: CommandSpec<Options>,
  tokens: Token[],
  options: ReturnType<typeof nodeOptions>,
): string | undefined {
  for (const t of tokens) {
    if (t.kind !== "option") continue;
    const o = options[t.name];
    if (!o) return (spec.unknownOption ?? ((token) => `unknown argument ${JSON.stringify(token)}`))(t.rawName);
    if (o.type === "boolean" && t.value !== undefined) return `${t.rawName} takes no value`;
    if (o.type === "string" && t.value === undefined) return `${t.rawName} needs a value`;
    if (o.type === "string" && !t.inlineValue && t.value !== undefined && t.value.length > 1 && t.value.startsWith("-"))
      return `${t.rawName} needs a value (${t.value} reads as an option; write ${t.rawName}=${t.value} for a value starting with "-")`;
  }
  return undefined;
}

const WIDTH = 100;

/** `text` wrapped to WIDTH columns, lines after the first indented (the first starts at `indent` too). */
function wrap(text: string, indent: number): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const room = WIDTH - indent;
    if (line && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : " ".repeat(indent) + l)).join("\n");
}

/** The `--help` text: what the command does, its usage, every option with its default, exit codes, examples. */
export function helpText(spec: CommandSpec<Options>): string {
  const rows: Array<[string, string]> = [];
  for (const [name, o] of Object.entries({ ...spec.options, help: HELP })) {
    const flag = `${o.short ? `-${o.short}, ` : "    "}--${name}${
      o.type === "boolean" ? "" : ` ${o.value ?? (o.type === "number" ? "N" : "VALUE")}`
    }`;
    const dflt = o.defaultText ?? (o.default !== undefined && o.type !== "boolean" ? String(o.default) : undefined);
    const extra = [o.multiple ? "may be repeated" : "", dflt !== undefined ? `default: ${dflt}` : ""].filter(Boolean);
    rows.push([flag, `${o.description}${extra.length ? ` (${extra.join("; ")})` : ""}`]);
  }
  if (spec.positionals) rows.unshift([`    ${spec.positionals.value}`, spec.positionals.description]);
  const col = Math.min(32, Math.max(...rows.map(([f]) => f.length)) + 2);
  const table = rows.map(([f, d]) => {
    const pad = f.length + 2 > col ? `\n${" ".repeat(col + 2)}` : " ".repeat(col - f.length);
    return `  ${f}${pad}${wrap(d, col + 2)}`;
  });
  const parts = [
    `usage: ${spec.usage.join(`\n       `)}`,
    wrap(spec.description, 0),
    `${spec.positionals ? "Arguments and options" : "Options"}:\n${table.join("\n")}`,
  ];
  if (spec.exitCodes?.length)
    parts.push(`Exit codes:\n${spec.exitCodes.map(([c, what]) => `  ${c}  ${wrap(what, 5)}`).join("\n")}`);
  for (const n of spec.notes ?? []) parts.push(wrap(n, 0));
  parts.push(`${spec.examples.length > 1 ? "Examples" : "Example"}:\n${spec.examples.map((e) => `  ${e}`).join("\n")}`);
  return `${parts.join("\n\n")}\n`;
}

/** The stderr text of a usage error. */
export function usageErrorText(spec: CommandSpec<Options>, message: string): string {
  return `${spec.name}: ${message}\nusage: ${spec.usage.join(`\n       `)}\n(--help lists every option)\n`;
}

/**
 * Parses `argv` and runs `body` with the result. `--help` prints the help (0); a `UsageError`,
 * from the parse or from `body`, prints the error (2). Other errors are the caller's.
 */
export async function runCommand<S extends Options, R extends number | void>(
  spec: CommandSpec<S>,
  argv: string[],
  body: (parsed: Parsed<S>) => R | Promise<R>,
): Promise<number | R> {
  try {
    const parsed = parseCommandLine(spec, argv);
    if (parsed.help) {
      process.stdout.write(helpText(spec));
      return 0;
    }
    return await body(parsed);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(usageErrorText(spec, e.message));
    return 2;
  }
}

/**
 * Ends the process with the exit code `main` resolves with (with none, the process keeps
 * running, as a server does); a rejection is printed as `<prefix><message>` and ends it with
 * `failure.code`.
 */
export function exitWith(main: Promise<number | void>, failure: { prefix: string; code: number }): void {
  void main.then(
    (code) => {
      if (code !== undefined) process.exit(code);
    },
    (e: unknown) => {
      process.stderr.write(`${failure.prefix}${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(failure.code);
    },
  );
}
