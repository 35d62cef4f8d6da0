import { BigCommerceApiError, unlessGone } from "../../../provider/client/errors";

const apiError = (status: number) => new BigCommerceApiError({ status, method: "GET", path: "/v2/coupons/1" });

describe("unlessGone", () => {
  it("passes the answer through", async () => {
    await expect(unlessGone(Promise.resolve({ id: 1 }))).resolves.toEqual({ id: 1 });
  });

  it("reads a 404 as gone (undefined)", async () => {
    await expect(unlessGone(Promise.reject(apiError(404)))).resolves.toBeUndefined();
  });

  it("throws every other error", async () => {
    await expect(unlessGone(Promise.reject(apiError(500)))).rejects.toMatchObject({ status: 500 });
    await expect(unlessGone(Promise.reject(new Error("boom")))).rejects.toThrow("boom");
  });
});
