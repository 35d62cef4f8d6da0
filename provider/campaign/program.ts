import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { applyCampaign, CampaignOutputs } from "./apply";
import { campaignStem, loadCampaignDir, loadCampaignFiles } from "./load";

export interface CampaignProgramArgs {
  /**
   * Folder of campaign files; default: stack config `campaignDir`, else `campaigns`. A relative
   * folder is taken from the project's root (the folder of its Pulumi.yaml), not from the folder
   * of the program's `main`, where the CLI runs it.
   */
  dir?: string;
  /** Campaign files to apply instead of a folder. */
  files?: string[];
}

/**
 * The Pulumi program of campaign files: applies every `*.yaml`/`*.yml` of a folder, or the files
 * given. Every file is loaded and checked before any resource is declared: one mistake anywhere
 * fails the whole run with the list of problems, before any API call. Returns the ids of each
 * file's objects, by file stem.
 */
export function campaignProgram(args: CampaignProgramArgs = {}): Record<string, CampaignOutputs> {
  const campaigns = args.files
    ? loadCampaignFiles(args.files)
    : loadCampaignDir(fromProjectRoot(args.dir ?? new pulumi.Config().get("campaignDir") ?? "campaigns"));
  const out: Record<string, CampaignOutputs> = {};
  for (const c of campaigns) {
    const stem = campaignStem(c.file);
    out[stem] = applyCampaign(c, stem);
  }
  return out;
}

/**
 * The folder relative campaign folders are taken from: the project's root as newer Node.js
 * language hosts pass it (`--root-directory`), else the nearest folder from the working
 * directory up that holds a Pulumi.yaml. Older hosts run a program in the folder of its `main`
 * file: for a YAML-only project that is node_modules/pulumi-bigcommerce, below the project.
 * Inline programs of the Automation API run in the caller's folder.
 */
function projectRoot(): string {
  // Without the host's value the SDK answers the placeholder "rootDirectory", not "".
  const root = pulumi.runtime.getRootDirectory();
  if (path.isAbsolute(root)) return root;
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "Pulumi.yaml")) || fs.existsSync(path.join(dir, "Pulumi.yml"))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

/** A relative `dir` taken from the project root (kept as written where that is the working directory, for messages). */
function fromProjectRoot(dir: string): string {
  const root = path.resolve(projectRoot());
  return path.isAbsolute(dir) || root === process.cwd() ? dir : path.join(root, dir);
}
