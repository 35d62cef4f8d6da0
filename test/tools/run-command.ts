/** Runs a command's exported `main(argv)` in this process: its exit code and what it wrote. */
export async function runMain(
  main: (argv: string[]) => Promise<number>,
  argv: string[],
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const capture = (into: string[]) => (s: string | Uint8Array) => {
    into.push(String(s));
    return true;
  };
  const spies = [
    jest.spyOn(process.stdout, "write").mockImplementation(capture(out)),
    jest.spyOn(process.stderr, "write").mockImplementation(capture(err)),
  ];
  try {
    const code = await main(argv);
    return { code, out: out.join(""), err: err.join("") };
  } finally {
    for (const s of spies) s.mockRestore();
  }
}
