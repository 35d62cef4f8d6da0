/**
 * Campaign files: a YAML file per campaign declaring its promotions, codes, coupons, banners and
 * gift certificates (format: README, schema/campaign.schema.json). Load, then apply:
 *
 *   const campaign = loadCampaignFile("campaigns/holiday.yaml");
 *   applyCampaign(campaign, "holiday");
 */
export { applyCampaign, CampaignOutputs } from "./apply";
export { campaignProgram, CampaignProgramArgs } from "./program";
export {
  CampaignError,
  CampaignProblem,
  campaignStem,
  formatProblem,
  loadCampaignDir,
  loadCampaignFile,
  loadCampaignFiles,
  parseCampaign,
  validateCampaignValue,
} from "./load";
export { Campaign, CampaignSettings, campaignSectionSchema, KEY_PATTERN, SECTIONS, SECTION_NAMES } from "./model";
