/**
 * The resource Args as a user's editor shows them: hovering a property of an object literal
 * typed as an Args interface shows its TSDoc (the interfaces are checked against the schemas at
 * compile time; this checks that the docs still reach the user through them).
 */
import * as path from "node:path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "..", "..");
const USER_FILE = path.join(ROOT, "test", "provider", "__hover__.ts");

/** A user's program: one object literal per resource, each property named once. */
const ARGS: Record<string, string[]> = {
  CouponArgs: ["name", "code", "type", "amount", "expires", "maxUses", "adopt", "adoptId", "deletionPolicy"],
  BannerArgs: ["name", "content", "page", "location", "dateType", "dateFrom", "itemId", "adopt"],
  GiftCertificateArgs: ["toName", "toEmail", "amount", "balance", "code", "expiryDate", "allowDeleteWhenSpent"],
  PromotionArgs: ["redemptionType", "name", "rules", "endDate", "maxUses", "couponType", "deletionPolicy"],
  CouponCodeArgs: ["promotionId", "code", "maxUses", "maxUsesPerCustomer", "adopt"],
  BulkCouponCodesArgs: ["promotionId", "batchSize", "prefix", "codeLength", "maxUses"],
};

function userSource(): string {
  const names = Object.keys(ARGS);
  const lines = [`import type { ${names.join(", ")} } from "../../provider";`];
  for (const [type, props] of Object.entries(ARGS)) {
    lines.push(`export const ${type.toLowerCase()}: Partial<${type}> = {`);
    for (const p of props) lines.push(`  ${p}: undefined,`);
    lines.push("};");
  }
  return lines.join("\n");
}

describe("resource Args in an editor", () => {
  const text = userSource();
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  };
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [USER_FILE],
    getScriptVersion: () => "1",
    getScriptSnapshot: (f) => {
      const content = f === USER_FILE ? text : ts.sys.readFile(f);
      return content === undefined ? undefined : ts.ScriptSnapshot.fromString(content);
    },
    getCurrentDirectory: () => ROOT,
    getCompilationSettings: () => options,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (f) => f === USER_FILE || ts.sys.fileExists(f),
    readFile: (f) => (f === USER_FILE ? text : ts.sys.readFile(f)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  const service = ts.createLanguageService(host);

  /** The documentation the editor shows when hovering `prop` in the literal of `type`. */
  function hover(type: string, prop: string): string {
    const start = text.indexOf(`export const ${type.toLowerCase()}:`);
    const at = text.indexOf(`  ${prop}:`, start) + 2;
    const info = service.getQuickInfoAtPosition(USER_FILE, at);
    return ts.displayPartsToString(info?.documentation ?? []);
  }

  it("compiles the user's program without errors", () => {
    const problems = service
      .getSemanticDiagnostics(USER_FILE)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(problems).toEqual([]);
  });

  it.each(Object.entries(ARGS).flatMap(([type, props]) => props.map((p) => [type, p])))(
    "shows the TSDoc of %s.%s on hover",
    (type, prop) => {
      const doc = hover(type, prop);
      // a sentence of its own, not an empty or inherited placeholder
      expect(doc.length).toBeGreaterThan(15);
    },
  );

  it("shows the words written on the property, from the Args interface", () => {
    expect(hover("CouponArgs", "code")).toMatch(/^Code customers enter; unique in the store/);
    expect(hover("GiftCertificateArgs", "code")).toMatch(/bearer secret/);
    expect(hover("PromotionArgs", "redemptionType")).toMatch(/Changing it replaces the promotion/);
  });
});
