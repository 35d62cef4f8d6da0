/**
 * The export library: reads a store and writes a campaign file that reproduces its marketing
 * objects, each marked for adoption. `tools/export.ts` is its command line.
 */
import type { BigCommerceClient } from "../../provider/client/http";
import { buildCampaign, ExportedCampaign, ExportOptions } from "./build";
import { readStore, StoreSnapshot } from "./read";
import { renderCampaign, RenderOptions } from "./yaml";

export {
  buildCampaign,
  campaignObject,
  declare,
  managedIds,
  minimizeValue,
  verify,
  SECTIONS,
  SECTION_KINDS,
} from "./build";
export type { ExportEntry, ExportedCampaign, ExportOptions, ManagedIds, Section } from "./build";
export { KeyAllocator, slugify, KEY_PATTERN } from "./keys";
export { readStore, listAllV2, listAllPromotions, PAGE_SIZE } from "./read";
export type { StoreSnapshot } from "./read";
export { renderCampaign, schemaReference } from "./yaml";

/** Reads the store behind `client` and returns the campaign file's text with what it holds. */
export async function exportStore(
  client: BigCommerceClient,
  options: ExportOptions & RenderOptions = {},
): Promise<{ text: string; exported: ExportedCampaign; snapshot: StoreSnapshot }> {
  const snapshot = await readStore(client);
  const exported = buildCampaign(snapshot, options);
  return { text: renderCampaign(exported, options), exported, snapshot };
}
