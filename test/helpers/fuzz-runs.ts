/**
 * How many generated inputs a fuzz suite tries: BG_LINT_FUZZ_RUNS when set (10000 for the issue's
 * full count, or a long soak), else the suite's default, chosen so that the fuzz suites together
 * stay within ~60 s of an idle 2-core machine (each suite says what it measured).
 */
export function fuzzRuns(defaultRuns: number): number {
  const n = Number(process.env.BG_LINT_FUZZ_RUNS);
  return Number.isInteger(n) && n > 0 ? n : defaultRuns;
}
