// The closing count of `npm test`, from each suite's exit status and JSON report. Pure, so its
// rules (a missing or cut-short report fails, a suite below its floor fails, a failing exit with
// no failing test fails) are tested on their own in closing-count.test.ts.

/** vitest's and Playwright's JSON reports, as counts. */
const countsOf = {
  vitest: (r) => ({
    passed: r.numPassedTests,
    failed: r.numFailedTests,
    skipped: r.numPendingTests + r.numTodoTests,
    // Files that failed to load hold no tests but are failures all the same.
    outsideTests: r.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0).length,
  }),
  playwright: (r) => ({
    passed: r.stats.expected + r.stats.flaky,
    failed: r.stats.unexpected,
    skipped: r.stats.skipped,
    // Global errors: a web server that never came up, a spec file that does not compile.
    outsideTests: r.errors?.length ?? 0,
  }),
};

function readSuite({ name, report }) {
  if (report === undefined) return { problem: "wrote no report" };
  try {
    const counts = countsOf[name](JSON.parse(report));
    if (![counts.passed, counts.failed, counts.skipped].every(Number.isInteger)) throw new Error("no counts");
    return counts;
  } catch {
    return { problem: "wrote a report that is cut short or not JSON" };
  }
}

/**
 * @param {{ typecheckStatus: number, suites: { name: "vitest" | "playwright", status: number, floor: number, report?: string }[] }} run
 * @returns {{ lines: string[], passed: number, failed: number, skipped: number }}
 */
export function closingCount({ typecheckStatus, suites }) {
  const lines = [`typecheck: ${typecheckStatus === 0 ? "passed" : "FAILED"}`];
  let passed = 0;
  let failed = typecheckStatus === 0 ? 0 : 1;
  let skipped = 0;
  for (const suite of suites) {
    const counts = readSuite(suite);
    if (counts.problem) {
      lines.push(`${suite.name}: FAILED, it ${counts.problem} (exit status ${suite.status})`);
      failed += 1;
      continue;
    }
    const ran = counts.passed + counts.failed;
    const problems = [];
    if (suite.status !== 0 && counts.failed === 0) problems.push(`exited with status ${suite.status} and no failing test`);
    if (counts.outsideTests > 0) problems.push(`${counts.outsideTests} error(s) outside any test`);
    if (ran < suite.floor) problems.push(`ran ${ran} tests, fewer than its floor of ${suite.floor}`);
    passed += counts.passed;
    // Each such problem is one more failure: the suite as a whole did not pass.
    failed += counts.failed + (problems.length > 0 && counts.failed === 0 ? 1 : 0);
    skipped += counts.skipped;
    lines.push(
      `${suite.name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped` +
        (problems.length ? ` — FAILED: ${problems.join("; ")}` : ""),
    );
  }
  lines.push(`skipped: ${skipped}`, `${passed} passed, ${failed} failed`);
  return { lines, passed, failed, skipped };
}
