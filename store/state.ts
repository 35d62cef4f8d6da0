import * as fs from "node:fs";
import * as path from "node:path";

/** Everything the local store holds. Each collection keeps its own id sequence. */
export type StoredObject = Record<string, unknown> & { id: number };

export interface StoreData {
  coupons: StoredObject[];
  banners: StoredObject[];
  gift_certificates: StoredObject[];
  /** v3 promotions (automatic and coupon). */
  promotions: StoredObject[];
  /** Coupon codes of the v3 coupon promotions, each with its `promotion_id`. */
  promotion_codes: StoredObject[];
  nextId: Record<string, number>;
}

export function emptyData(): StoreData {
  return { coupons: [], banners: [], gift_certificates: [], promotions: [], promotion_codes: [], nextId: {} };
}

/** The store's data, optionally kept in a JSON file (loaded at start, written after each change). */
export class StoreState {
  data: StoreData;

  constructor(private readonly file?: string) {
    this.data = emptyData();
    if (file && fs.existsSync(file)) {
      const loaded = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<StoreData>;
      this.data = { ...emptyData(), ...loaded };
    }
  }

  nextId(collection: string): number {
    const id = this.data.nextId[collection] ?? 1;
    this.data.nextId[collection] = id + 1;
    return id;
  }

  reset(): void {
    this.data = emptyData();
    this.save();
  }

  save(): void {
    if (!this.file) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.data, null, 2));
    fs.renameSync(tmp, this.file);
  }
}
