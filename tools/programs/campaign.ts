/**
 * The program that applies campaign files: every `*.yaml`/`*.yml` of a folder, or the files
 * given. The root Pulumi.yaml runs it (folder: stack config `campaignDir`, default `campaigns`);
 * tests and the demo run it through the driver with `programArgs`. Every file is loaded and
 * checked before any resource is declared: one mistake anywhere fails the whole run with the
 * list of problems, before any API call.
 */
import * as pulumi from "@pulumi/pulumi";
import { applyCampaign, campaignStem, CampaignOutputs, loadCampaignDir, loadCampaignFiles } from "../../provider/campaign";

export interface CampaignProgramArgs {
  /** Folder of campaign files; default: config `campaignDir`, else `campaigns` (relative to the working directory). */
  dir?: string;
  /** Campaign files to apply instead of a folder. */
  files?: string[];
}

export default function campaignProgram(args: CampaignProgramArgs = {}): Record<string, CampaignOutputs> {
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
