// Before the e2e tier (the unit tier needs neither): make sure the compiled sources exist and a Pulumi CLI is available
// (found on PATH, or built from Go modules once and cached; see scripts/pulumi-cli.sh).
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

module.exports = async function () {
  const root = path.resolve(__dirname, "..");
  if (!fs.existsSync(path.join(root, "dist", "tools", "driver.js"))) {
    throw new Error(
      "dist/ is missing: run the e2e tests with `npm run test:e2e` (or `npm test`), which compiles first",
    );
  }
  const out = execFileSync("bash", [path.join(root, "scripts", "pulumi-cli.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  process.env.PULUMI_CLI_BIN = out.trim().split("\n").pop();
};
