/** Keys of exported objects: /^[a-z0-9][a-z0-9-]*$/, derived from a code or a name, unique in the file. */

export const KEY_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/** Longest key written (long names make unwieldy Pulumi resource names). */
export const MAX_KEY_LENGTH = 48;

/**
 * A code or a name as a key: lower case, accents dropped, every run of other characters one
 * hyphen, no hyphen at either end, at most {@link MAX_KEY_LENGTH} characters. "" when nothing
 * is left (a name of symbols only).
 */
export function slugify(text: string): string {
  const ascii = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  const slug = ascii
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug.slice(0, MAX_KEY_LENGTH).replace(/-+$/, "");
}

/**
 * Hands out unique keys: the slug of the wanted text, else `fallback`; a key already taken gets
 * `-2`, `-3`, ... The same allocator serves every section, so a key names one object of the file.
 */
export class KeyAllocator {
  private readonly taken = new Set<string>();

  key(wanted: string, fallback: string): string {
    const base = slugify(wanted) || slugify(fallback);
    if (!KEY_PATTERN.test(base)) throw new Error(`cannot derive a key from ${JSON.stringify(fallback)}`);
    let key = base;
    for (let n = 2; this.taken.has(key); n++) {
      const suffix = `-${n}`;
      key = `${base.slice(0, MAX_KEY_LENGTH - suffix.length).replace(/-+$/, "")}${suffix}`;
    }
    this.taken.add(key);
    return key;
  }
}
