import { StoreRequest, StoreResponse } from "../http";
import { StoreState } from "../state";

// PLACEHOLDER (being written): serves nothing yet.
export function giftCertificateRoutes(_state: StoreState, _req: StoreRequest): StoreResponse | undefined {
  return undefined;
}
