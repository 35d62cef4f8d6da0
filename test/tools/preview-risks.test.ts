import { ObjectChange, Plan } from "../../tools/summary/plan";
import { previewRisks } from "../../tools/summary/preview-risks";

const NOW = Date.parse("2027-01-01T00:00:00Z");

function change(c: Partial<ObjectChange> & Pick<ObjectChange, "op" | "kind" | "name">): ObjectChange {
  return { urn: `urn::${c.name}`, fields: [], replaceReasons: [], deletedInStore: false, drift: [], ...c };
}

const plan = (changes: ObjectChange[]): Plan => ({
  refreshed: false,
  refreshOnly: false,
  changes,
  unexplainedRefreshUpdates: 0,
  errors: [],
});

describe("preview risk flags", () => {
  test("a created coupon whose expiry is already past is a risk; a future one is not", () => {
    const flags = previewRisks(
      plan([
        change({
          op: "create",
          kind: "Coupon",
          name: "a",
          after: { code: "OLD1", expires: "Thu, 31 Dec 2026 00:00:00 +0000" },
        }),
        change({
          op: "create",
          kind: "Coupon",
          name: "b",
          after: { code: "NEW1", expires: "Fri, 31 Dec 2027 00:00:00 +0000" },
        }),
      ]),
      NOW,
    );
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatch(/^Coupon OLD1: expires .*2026.* is already past$/);
  });

  test("an update that keeps a past date raises nothing; one that sets it does", () => {
    const past = "2026-06-30T00:00:00Z";
    const kept = change({
      op: "update",
      kind: "Promotion",
      name: "p",
      before: { name: "P", endDate: past },
      after: { name: "P", endDate: past },
    });
    const set = change({
      op: "update",
      kind: "Promotion",
      name: "q",
      before: { name: "Q", endDate: "" },
      after: { name: "Q", endDate: past },
    });
    expect(previewRisks(plan([kept]), NOW)).toEqual([]);
    expect(previewRisks(plan([set]), NOW)).toEqual([expect.stringMatching(/^Promotion "Q": ends .* is already past$/)]);
  });

  test("a bulk batch replaced or deleted is a risk: its handed-out codes stop working", () => {
    const flags = previewRisks(
      plan([
        change({
          op: "replace",
          kind: "BulkCouponCodes",
          name: "batch",
          before: { batchSize: 10 },
          after: { batchSize: 20 },
        }),
        change({ op: "delete", kind: "BulkCouponCodes", name: "old", before: { batchSize: 5 } }),
        change({ op: "delete", kind: "BulkCouponCodes", name: "gone", before: { batchSize: 5 }, deletedInStore: true }),
      ]),
      NOW,
    );
    expect(flags).toEqual([
      expect.stringMatching(
        /replaced \(the old batch is deleted\): every code of the batch already handed out stops working$/,
      ),
      expect.stringMatching(/deleted: every code of the batch already handed out stops working$/),
    ]);
  });
});
