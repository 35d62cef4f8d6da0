/**
 * The campaign program for the driver (tests, demo): `programArgs` is `{ dir?, files? }`. The
 * root Pulumi.yaml runs the same program (provider/campaign/root-program.ts), the folder coming
 * from the stack config `campaignDir` (default `campaigns`).
 */
import { campaignProgram, CampaignProgramArgs } from "../../provider/campaign/program";

export { CampaignProgramArgs };

export default function campaign(args: CampaignProgramArgs = {}) {
  return campaignProgram(args ?? {});
}
