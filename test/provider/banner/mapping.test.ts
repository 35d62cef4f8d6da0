import { ApiBanner, fromApi, fromApiDate, outputsFromApi, toApi, toApiDate } from "../../../provider/banner/mapping";
import type { BannerInputs } from "../../../provider/banner/schema";

const full: BannerInputs = {
  name: "Winter sale",
  content: "<p>Winter <b>sale</b></p>",
  page: "category_page",
  location: "bottom",
  dateType: "custom",
  dateFrom: "2026-12-01T00:00:00Z",
  dateTo: "2026-12-31T23:59:59Z",
  visible: false,
  itemId: 23,
};

const always: BannerInputs = {
  ...full,
  page: "home_page",
  location: "top",
  dateType: "always",
  dateFrom: "",
  dateTo: "",
  visible: true,
  itemId: 0,
};

/** The banner the API would answer after storing a request body. */
function stored(body: Record<string, unknown>, extra: Partial<ApiBanner> = {}): ApiBanner {
  return { id: 12, date_created: "1795651200", ...body, ...extra } as ApiBanner;
}

describe("banner mapping", () => {
  it("writes every field in the API's names and string forms", () => {
    expect(toApi(full)).toEqual({
      name: "Winter sale",
      content: "<p>Winter <b>sale</b></p>",
      page: "category_page",
      location: "bottom",
      date_type: "custom",
      date_from: "1796083200",
      date_to: "1798761599",
      visible: "0",
      item_id: "23",
    });
  });

  it('writes no dates and no item as "0", and visible as "1"', () => {
    expect(toApi(always)).toMatchObject({ date_from: "0", date_to: "0", item_id: "0", visible: "1" });
  });

  it("writes only strings, as the API takes them", () => {
    for (const v of Object.values(toApi(full))) expect(typeof v).toBe("string");
  });

  it("round-trips: what toApi writes, fromApi reads back as the same inputs", () => {
    expect(fromApi(stored(toApi(full)))).toEqual(full);
    expect(fromApi(stored(toApi(always)))).toEqual(always);
  });

  it("reads the API's example banners", () => {
    const example = {
      id: 2,
      name: "Banner #2",
      content: "<p>Banner # 2</p>",
      page: "category_page",
      item_id: "23",
      location: "top",
      date_created: "1522169169",
      date_type: "always",
      date_from: "0",
      date_to: "0",
      visible: "1",
    };
    expect(fromApi(example)).toEqual({
      name: "Banner #2",
      content: "<p>Banner # 2</p>",
      page: "category_page",
      location: "top",
      dateType: "always",
      dateFrom: "",
      dateTo: "",
      visible: true,
      itemId: 23,
    });
    expect(outputsFromApi(example)).toEqual({ bannerId: 2, dateCreated: "2018-03-27T16:46:09Z" });
  });

  it('reads visible other than "1" as hidden, and a boolean true as visible', () => {
    expect(fromApi(stored(toApi(full), { visible: "0" })).visible).toBe(false);
    expect(fromApi(stored(toApi(full), { visible: "" })).visible).toBe(false);
    expect(fromApi(stored(toApi(full), { visible: true as unknown as string })).visible).toBe(true);
  });

  it('reads an unset date written as "0", "" or null as none', () => {
    expect(fromApiDate("0")).toBe("");
    expect(fromApiDate("")).toBe("");
    expect(fromApiDate(null)).toBe("");
    expect(fromApiDate(0)).toBe("");
  });

  it("reads dates written as numbers or RFC 2822 (the spec's PUT example) as ISO 8601 UTC", () => {
    expect(fromApiDate(1796083200)).toBe("2026-12-01T00:00:00Z");
    expect(fromApiDate("Tue, 13 Mar 2018 16:18:59 +0000")).toBe("2018-03-13T16:18:59Z");
  });

  it("keeps a date that is no date as it is, so that it shows as drift", () => {
    expect(fromApiDate("garbage")).toBe("garbage");
  });

  it("writes a canonical date back as its unix timestamp, and refuses a non-date", () => {
    expect(toApiDate("2026-12-01T00:00:00Z")).toBe("1796083200");
    expect(toApiDate("")).toBe("0");
    expect(() => toApiDate("garbage")).toThrow(/not a date/);
  });

  it("reads item_id with leading zeros or as a number", () => {
    expect(fromApi(stored(toApi(full), { item_id: "023" })).itemId).toBe(23);
    expect(fromApi(stored(toApi(full), { item_id: 23 as unknown as string })).itemId).toBe(23);
  });

  it("reads the output-only values, dateCreated in ISO 8601 UTC", () => {
    expect(outputsFromApi(stored(toApi(full)))).toEqual({ bannerId: 12, dateCreated: "2026-11-26T00:00:00Z" });
  });
});
