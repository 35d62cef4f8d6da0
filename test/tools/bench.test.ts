/** The benchmark's arithmetic and arguments, and the mixed program's plan (no timing here). */
import { declaredMix, floorMs, parseBenchArgs, workRequests } from "../../tools/bench/run";
import { mixedPlan } from "../../tools/programs/mixed";

describe("bench floor", () => {
  const f = { left0: 150, resetIn0: 30_000, quota: 150, windowMs: 30_000, latencyMs: 80, parallel: 8 };

  test("within what is left, only the latency counts", () => {
    expect(floorMs(150, f)).toEqual({ quotaFloorMs: 0, latencyFloorMs: 19 * 80 });
  });

  test("past it, the reset and then one window per further quota", () => {
    expect(floorMs(151, f).quotaFloorMs).toBe(30_000);
    expect(floorMs(300, f).quotaFloorMs).toBe(30_000);
    expect(floorMs(301, f).quotaFloorMs).toBe(60_000);
    expect(floorMs(500, f).quotaFloorMs).toBe(90_000);
  });

  test("a window already partly spent by the operation before", () => {
    expect(floorMs(100, { ...f, left0: 40, resetIn0: 12_000 }).quotaFloorMs).toBe(12_000);
    expect(floorMs(200, { ...f, left0: 40, resetIn0: 12_000 }).quotaFloorMs).toBe(42_000);
  });

  test("no request, no floor", () => {
    expect(floorMs(0, f)).toEqual({ quotaFloorMs: 0, latencyFloorMs: 0 });
  });
});

describe("the floor of the work", () => {
  test("the 500 mix: 500 POSTs up, 500 DELETEs down, and for a refresh one page per kind plus the codes of each of the 50 promotions", () => {
    const d = declaredMix(500);
    expect(d.listed).toEqual({ coupon: 200, banner: 100, giftCertificate: 100, promotion: 50 });
    expect(workRequests("up", d)).toBe(500);
    expect(workRequests("destroy", d)).toBe(500);
    expect(workRequests("refresh", d)).toBe(4 + 50);
    expect(workRequests("preview", d)).toBe(0);
  });

  test("list pages of 250: 3,000 codes of one promotion and 600 coupons", () => {
    expect(
      workRequests("refresh", { listed: { coupon: 600 }, codesPerPromotion: [3000], creates: 0, deletes: 0 }),
    ).toBe(3 + 12);
  });
});

describe("bench arguments", () => {
  test("defaults: N = 50, 200, 500 with the baseline, 80 ms, 150 / 30 s", () => {
    expect(parseBenchArgs([])).toEqual({
      ns: [50, 200, 500],
      baseline: true,
      latencyMs: 80,
      quota: 150,
      windowMs: 30_000,
      repeat: 1,
      scenarios: false,
      mix: true,
    });
  });

  test("--scenarios adds the scenarios; --no-mix leaves the mix out", () => {
    expect(parseBenchArgs(["--scenarios", "--no-mix"])).toMatchObject({ scenarios: true, mix: false });
  });

  test("--quick is N = 50; --n takes one or a list and repeats", () => {
    expect(parseBenchArgs(["--quick"]).ns).toEqual([50]);
    expect(parseBenchArgs(["--n", "50", "--n", "200,500"]).ns).toEqual([50, 200, 500]);
    expect(parseBenchArgs(["--no-baseline", "--repeat", "3"])).toMatchObject({ baseline: false, repeat: 3 });
  });

  test.each([
    [["--n", "0"], /--n: must be positive integers/],
    [["--quota", "x"], /--quota: must be a non-negative integer/],
    [["--fast"], /unknown argument --fast/],
  ])("refuses %j", (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });
});

describe("mixedPlan", () => {
  test("N objects of every kind in a fixed mix, each code after its promotion", () => {
    const plan = mixedPlan(100);
    expect(plan).toHaveLength(100);
    const count = (k: string) => plan.filter((o) => o.kind === k).length;
    expect([
      count("coupon"),
      count("banner"),
      count("giftCertificate"),
      count("promotion"),
      count("couponCode"),
    ]).toEqual([40, 20, 20, 10, 10]);
    for (const [i, o] of plan.entries()) {
      if (o.kind === "couponCode") expect(plan[i - 1]).toMatchObject({ kind: "promotion", name: o.promotion });
    }
    // names and keys unique
    expect(new Set(plan.map((o) => o.name)).size).toBe(100);
    expect(new Set(plan.map((o) => `${o.kind}:${o.key}`)).size).toBe(100);
  });

  test("deterministic, and a larger N keeps the objects of a smaller one", () => {
    expect(mixedPlan(50, "x")).toEqual(mixedPlan(50, "x"));
    expect(mixedPlan(200, "x").slice(0, 50)).toEqual(mixedPlan(50, "x"));
  });

  test("a mix cut right after a promotion leaves it without a code", () => {
    const plan = mixedPlan(6);
    expect(plan.map((o) => o.kind)).toEqual([
      "coupon",
      "banner",
      "giftCertificate",
      "coupon",
      "promotion",
      "couponCode",
    ]);
    expect(
      mixedPlan(5)
        .map((o) => o.kind)
        .pop(),
    ).toBe("promotion");
  });

  test("refuses a bad prefix or N, naming it", () => {
    expect(() => mixedPlan(10, "has space")).toThrow(/prefix: must be 1 to 8 letters or digits/);
    expect(() => mixedPlan(-1)).toThrow(/n: must be a non-negative integer/);
  });
});
