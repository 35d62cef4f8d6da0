import { definitionOf } from "../../provider/kinds";

/** One resource of any kind: its kind's name (`Coupon`), its Pulumi name and its args. */
export interface DeclaredResource {
  kind: string;
  name: string;
  args: Record<string, unknown>;
}

/** A program of resources of any kinds, declared in order: what the preview tests apply. */
export default function resources(args: { resources: DeclaredResource[] }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const r of args.resources) {
    const definition = definitionOf(r.kind);
    if (!definition) throw new Error(`unknown kind ${r.kind}`);
    const Resource = definition.Resource as unknown as new (name: string, args: unknown) => { id: unknown };
    out[r.name] = new Resource(r.name, r.args).id;
  }
  return out;
}
