// The program of the root Pulumi.yaml: applies every campaign file of `campaigns/` (or of the
// folder named by the stack config `campaignDir`). `npm run build` first. It sits in the
// project's root so that the CLI runs the program there (the CLI runs a program in the folder
// of its `main`), which is where relative campaign folders are taken from.
module.exports = require("./dist/provider/campaign/root-program");
