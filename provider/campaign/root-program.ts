/**
 * The program of the root Pulumi.yaml (its `main`, index.js, loads this compiled module):
 * applies the campaign files of the folder named by the stack config `campaignDir` (default
 * `campaigns`, from the project's root). The module itself is the program function (`module.exports`): Pulumi's Node.js
 * host runs an exported function of a CommonJS entry point, while a `default` export would
 * only be read as a stack output.
 */
import { campaignProgram } from "./program";

export = function rootProgram() {
  return campaignProgram();
};
