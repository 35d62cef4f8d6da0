import * as fs from "node:fs";

/** Reads a file, or stdin for "-". */
export async function readInput(file: string): Promise<string> {
  if (file !== "-") return fs.readFileSync(file, "utf8");
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The JSON document in what `pulumi ... --json` printed: from the first `{`, so that a line the
 * CLI or a wrapper printed before it does no harm.
 */
export function parseJsonDocument(text: string, source: string): unknown {
  const start = text.indexOf("{");
  if (start < 0) throw new Error(`${source}: no JSON found (expected the output of \`pulumi preview --json\`)`);
  try {
    return JSON.parse(text.slice(start));
  } catch (e) {
    throw new Error(`${source}: not valid JSON (${e instanceof Error ? e.message : String(e)})`, { cause: e });
  }
}
