/** How objects of a campaign file take campaign-wide values they do not set themselves. */
import type { CampaignSettings } from "./model";

/** A value inherited from the campaign section: the object property and where it came from. */
export interface Inherited {
  property: string;
  from: string;
  value: unknown;
}

export const has = (o: Record<string, unknown>, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** Each property the object does not set takes the campaign setting paired with it, when there is one. */
export function fromCampaign(pairs: Array<[property: string, setting: keyof CampaignSettings]>) {
  return (own: Record<string, unknown>, c: CampaignSettings): Inherited[] =>
    pairs
      .filter(([p, s]) => !has(own, p) && c[s] !== undefined)
      .map(([p, s]) => ({ property: p, from: `campaign.${s}`, value: c[s] }));
}
