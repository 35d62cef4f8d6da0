import { has, type Inherited } from "../campaign/inherit";
import { defineKind } from "../common/definition";
import { Banner } from "./index";
import { bannerKind } from "./provider";

/** The Banner resource: its kind, class, campaign section and words (listed in provider/kinds.ts). */
export const bannerDefinition = defineKind({
  kind: bannerKind,
  Resource: Banner,
  campaign: {
    section: "banners",
    what: "a banner",
    def: "banner",
    text: "Storefront banners, by key.",
    prefixName: true,
    // Banners take the campaign's dates only when it has both: a banner that sets neither
    // `dateType` nor a date becomes `dateType: custom` from `startDate` to `endDate`; a banner
    // with `dateType: custom` takes the dates it does not set; `dateType: always` takes none.
    inherit(own, c) {
      if (c.startDate === undefined || c.endDate === undefined) return [];
      const out: Inherited[] = [];
      const declaresDates = has(own, "dateFrom") || has(own, "dateTo");
      if (!has(own, "dateType") && !declaresDates)
        out.push({ property: "dateType", from: "campaign.startDate", value: "custom" });
      else if (own.dateType !== "custom") return [];
      if (!has(own, "dateFrom")) out.push({ property: "dateFrom", from: "campaign.startDate", value: c.startDate });
      if (!has(own, "dateTo")) out.push({ property: "dateTo", from: "campaign.endDate", value: c.endDate });
      return out;
    },
    outputs: ["bannerId"],
  },
  export: { writes: true },
  summary: {
    label: "Banner",
    labelBy: { property: "name", form: "quoted" },
    fieldNames: { itemId: "category or brand", dateType: "schedule", dateFrom: "shown from", dateTo: "shown until" },
    keyFields: ["page", "location", "visible", "dateFrom", "dateTo"],
    keyFieldsWhenSet: ["dateFrom", "dateTo"],
    expiryFields: ["dateTo"],
  },
});
