import { KEY_PATTERN, KeyAllocator, MAX_KEY_LENGTH, slugify } from "../../../tools/export/keys";

describe("export keys", () => {
  test("slugify makes codes and names into keys", () => {
    expect(slugify("SPRING15")).toBe("spring15");
    expect(slugify("VIP 30")).toBe("vip-30");
    expect(slugify("Winter sale: 20% off -- coats!")).toBe("winter-sale-20-off-coats");
    expect(slugify("STAFF_25")).toBe("staff-25");
    expect(slugify("Crème brûlée Süß")).toBe("creme-brulee-su"); // accents dropped; ß has no ASCII form
    expect(slugify("  --  ")).toBe("");
    expect(slugify("€€€")).toBe("");
  });

  test("long names are cut without a trailing hyphen", () => {
    const key = slugify("A very long promotion name that goes on and on - and on, well past any reasonable length");
    expect(key.length).toBeLessThanOrEqual(MAX_KEY_LENGTH);
    expect(key).toMatch(KEY_PATTERN);
    expect(key.endsWith("-")).toBe(false);
  });

  test("the allocator hands out unique keys, falling back when nothing is left of the text", () => {
    const keys = new KeyAllocator();
    expect(keys.key("Welcome", "banner-1")).toBe("welcome");
    expect(keys.key("WELCOME", "coupon-2")).toBe("welcome-2");
    expect(keys.key("welcome!", "coupon-3")).toBe("welcome-3");
    expect(keys.key("★★★", "banner-4")).toBe("banner-4");
    expect(keys.key("", "banner-4")).toBe("banner-4-2");
    const long = "x".repeat(80);
    const first = keys.key(long, "p-1");
    const second = keys.key(long, "p-2");
    expect(first).toBe("x".repeat(MAX_KEY_LENGTH));
    expect(second).toBe(`${"x".repeat(MAX_KEY_LENGTH - 2)}-2`);
    for (const k of [first, second]) expect(k).toMatch(KEY_PATTERN);
  });
});
