import * as pulumi from "@pulumi/pulumi";
import { applyCampaign, CampaignOutputs } from "./apply";
import { campaignStem, loadCampaignDir, loadCampaignFiles } from "./load";

export interface CampaignProgramArgs {
  /** Folder of campaign files; default: stack config `campaignDir`, else `campaigns` (relative to the working directory). */
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
    : loadCampaignDir(args.dir ?? new pulumi.Config().get("campaignDir") ?? "campaigns");
  const out: Record<string, CampaignOutputs> = {};
  for (const c of campaigns) {
    const stem = campaignStem(c.file);
    out[stem] = applyCampaign(c, stem);
  }
  return out;
}
