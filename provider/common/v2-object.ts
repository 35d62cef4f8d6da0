/**
 * Create, read and update of a v2 object whose API answers are the object itself and whose
 * state is its mapping (coupons, banners): a POST or PUT of the body `toApi` makes, and the
 * answer described as inputs (`fromApi`) and outputs (`outputsFromApi`).
 */
import { answered } from "../client/errors";
import { BigCommerceClient } from "../client/http";

type Props = Record<string, unknown>;

export interface V2Mapping<Api extends { id: number }, Inputs> {
  /** The collection (`/v2/coupons`). */
  path: string;
  /** One object in words, for an answer without it ("coupon"). */
  what: string;
  toApi(inputs: Inputs): Props;
  fromApi(a: Api): Inputs;
  outputsFromApi(a: Api): Props;
  /** One object by id (batched), or undefined when it is gone. */
  readOne(client: BigCommerceClient, id: string): Promise<Api | undefined>;
}

export function v2Object<Api extends { id: number }, Inputs>(m: V2Mapping<Api, Inputs>) {
  /** The state of an answer: what it holds as inputs, and its outputs. */
  const stateOf = (a: Api): Props => ({ ...(m.fromApi(a) as Props), ...m.outputsFromApi(a) });
  return {
    async create(client: BigCommerceClient, inputs: Inputs): Promise<{ id: string; outs: Props }> {
      const created = answered(await client.post<Api>(m.path, m.toApi(inputs)), "POST", m.path, m.what);
      return { id: String(created.id), outs: stateOf(created) };
    },
    async read(client: BigCommerceClient, id: string): Promise<{ inputs: Inputs; outs: Props } | undefined> {
      const a = await m.readOne(client, id);
      return a ? { inputs: m.fromApi(a), outs: m.outputsFromApi(a) } : undefined;
    },
    async update(client: BigCommerceClient, id: string, _olds: Props, news: Inputs): Promise<Props> {
      const path = `${m.path}/${id}`;
      const a = answered(await client.put<Api>(path, m.toApi(news)), "PUT", path, m.what);
      return stateOf(a);
    },
  };
}
