import {
  STATE_VERSION,
  STATE_VERSION_KEY,
  StateUpgrade,
  stateVersionOf,
  upgradeState,
  withStateVersion,
} from "../../../provider/common/state-version";

// Two made-up changes of shape, as later versions would add them to STATE_UPGRADES.
const upgrades: StateUpgrade[] = [
  {
    to: 2,
    change: "leftToStore is called setByStore",
    apply: ({ leftToStore, ...rest }) => ({ ...rest, setByStore: leftToStore ?? [] }),
  },
  {
    to: 3,
    change: "codes are kept as a count",
    apply: ({ codes, ...rest }) => ({ ...rest, codeCount: (codes as string[]).length }),
  },
];

describe("state versions", () => {
  it("reads state that records no version as version 1, the shape 0.1.0 wrote", () => {
    expect(stateVersionOf({ name: "x" })).toBe(1);
    expect(stateVersionOf({ [STATE_VERSION_KEY]: 2 })).toBe(2);
    expect(stateVersionOf({ [STATE_VERSION_KEY]: "2" })).toBe(1);
  });

  it("applies every upgrade after the state's version, in order, and records the last version", () => {
    expect(upgradeState({ name: "x", leftToStore: ["code"], codes: ["A", "B"] }, upgrades)).toEqual({
      name: "x",
      setByStore: ["code"],
      codeCount: 2,
      [STATE_VERSION_KEY]: 3,
    });
    expect(upgradeState({ name: "x", setByStore: [], codes: ["A"], [STATE_VERSION_KEY]: 2 }, upgrades)).toEqual({
      name: "x",
      setByStore: [],
      codeCount: 1,
      [STATE_VERSION_KEY]: 3,
    });
  });

  it("leaves state of the current version as it is", () => {
    const current = { name: "x", codeCount: 1, [STATE_VERSION_KEY]: 3 };
    expect(upgradeState(current, upgrades)).toEqual(current);
  });

  it("refuses state of a newer version than the code knows, naming both versions and the fix", () => {
    expect(() => upgradeState({ [STATE_VERSION_KEY]: 4 }, upgrades)).toThrow(
      /state version 4; this version reads up to 3\): upgrade the package/,
    );
  });

  it("records no version while the shape is still version 1's, so that such state never changes", () => {
    expect(STATE_VERSION).toBe(1);
    expect(withStateVersion({ name: "x" })).toEqual({ name: "x" });
    expect(upgradeState({ name: "x" })).toEqual({ name: "x" });
    expect(withStateVersion({ name: "x" }, 2)).toEqual({ name: "x", [STATE_VERSION_KEY]: 2 });
  });
});
