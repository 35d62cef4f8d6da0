import { Banner, BannerArgs } from "../../provider";

/** A program of banners given by name: what the end-to-end tests apply. */
export default function banners(args: { banners: Record<string, BannerArgs> }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, bannerArgs] of Object.entries(args.banners)) {
    const b = new Banner(name, bannerArgs);
    out[name] = { id: b.bannerId, visible: b.visible, dateFrom: b.dateFrom, dateTo: b.dateTo };
  }
  return out;
}
