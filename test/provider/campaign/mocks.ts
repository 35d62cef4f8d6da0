/** A Pulumi mock engine for the campaign tests: records what a program declares. */
import * as pulumi from "@pulumi/pulumi";

export interface Declared {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

/** The first store id the mocks hand out; each resource gets the next. */
const FIRST_ID = 100;

/**
 * Installs mocks that answer every resource with its inputs plus an id output named as the
 * resource's (`promotionId`, `codeId`...), numbered in the order of declaration.
 */
export async function recordResources(): Promise<Declared[]> {
  const declared: Declared[] = [];
  let next = FIRST_ID;
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const { __provider: _, ...inputs } = args.inputs as Record<string, unknown>;
        declared.push({ type: args.type, name: args.name, inputs });
        const kind = args.type.split(":").pop() as string;
        const idOutput = kind === "BulkCouponCodes" ? { codeIds: [next, next + 1] } : { [idName(kind)]: next };
        const id = next++;
        return { id: String(id), state: { ...inputs, ...idOutput } };
      },
      call: (args) => args.inputs,
    },
    "campaigns",
    "test",
  );
  return declared;
}

function idName(kind: string): string {
  if (kind === "CouponCode") return "codeId";
  return kind[0].toLowerCase() + kind.slice(1) + "Id";
}

/** The value of an output, once the mocks have answered. */
export function valueOf<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => o.apply(resolve));
}

/** Every resource answered: waits on one output of each, in any order. */
export async function settled(outputs: object): Promise<unknown> {
  const all: Promise<unknown>[] = [];
  const walk = (v: unknown): void => {
    if (pulumi.Output.isInstance(v)) all.push(valueOf(v));
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(outputs);
  return Promise.all(all);
}
