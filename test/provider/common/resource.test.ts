/** The resources of one program that declare a value the store keeps unique: caught in the program, compared as the store compares. */
import * as pulumi from "@pulumi/pulumi";
import { Coupon, GiftCertificate } from "../../../provider";
import { recordResources, valueOf } from "../campaign/mocks";

const gift = (code: string) => ({
  toName: "A",
  toEmail: "a@example.com",
  fromName: "B",
  fromEmail: "b@example.com",
  amount: 5,
  code,
});

describe("a unique value declared twice in a program", () => {
  let errors: jest.SpyInstance;
  beforeEach(async () => {
    await recordResources();
    errors = jest.spyOn(pulumi.log, "error").mockImplementation(async () => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  test("two coupon codes that differ only in case clash, naming both resources", async () => {
    const first = new Coupon("first", { name: "First", code: "CASE10", type: "free_shipping", amount: 0 });
    const second = new Coupon("second", { name: "Second", code: "case10", type: "free_shipping", amount: 0 });
    await Promise.all([valueOf(first.urn), valueOf(second.urn)]);
    const logged = errors.mock.calls.map((c) => String(c[0]));
    expect(logged).toEqual([
      'Coupon "second" declares code "case10" as Coupon "first": a coupon code is unique in the store, whatever its case, ' +
        "so the second create would fail after the first was made. Give one of them another code",
    ]);
  });

  test("gift certificate codes that differ in case are two codes, as the store tells them apart; the same code clashes unquoted", async () => {
    const a = new GiftCertificate("a", gift("GIFTCASE1"));
    const b = new GiftCertificate("b", gift("giftcase1"));
    const c = new GiftCertificate("c", gift("GIFTCASE1"));
    await Promise.all([valueOf(a.urn), valueOf(b.urn), valueOf(c.urn)]);
    const logged = errors.mock.calls.map((call) => String(call[0]));
    expect(logged).toEqual([
      'GiftCertificate "c" declares the same code as GiftCertificate "a": a gift certificate code is unique in the ' +
        "store, so the second create would fail after the first was made. Give one of them another code",
    ]);
    expect(logged.join("\n")).not.toMatch(/giftcase1/i);
  });
});
