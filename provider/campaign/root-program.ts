/**
 * The entry point of the root Pulumi.yaml (`main: dist/provider/campaign/root-program.js`):
 * applies the campaign files of the folder named by the stack config `campaignDir` (default
 * `campaigns`). The module itself is the program function (`module.exports`): Pulumi's Node.js
 * host runs an exported function of a CommonJS entry point, while a `default` export would
 * only be read as a stack output.
 */
import { campaignProgram } from "./program";

export = function rootProgram() {
  return campaignProgram();
};
