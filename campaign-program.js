// The campaign program: applies every campaign file (*.yaml, *.yml) of the folder named by the
// stack config `campaignDir` (default `campaigns`), taken from the project's root. Pulumi runs a
// program file directly: a YAML-only project names this file as its `main`
// (node_modules/pulumi-bigcommerce/campaign-program.js), a program of your own can
// `module.exports = require("pulumi-bigcommerce/campaign-program")`, and the root Pulumi.yaml
// of this repository runs it on `campaigns/` (after `npm run build`).
module.exports = require("./dist/provider/campaign/root-program");
