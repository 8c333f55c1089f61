import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script CI runs with node, without type declarations
import { closingCount } from "./closing-count.mjs";

const vitestReport = (passed: number, failed: number, extra: object = {}) =>
  JSON.stringify({
    numPassedTests: passed,
    numFailedTests: failed,
    numPendingTests: 2,
    numTodoTests: 0,
    testResults: [{ status: failed ? "failed" : "passed", assertionResults: [{}] }],
    ...extra,
  });
const playwrightReport = (expected: number, unexpected: number) =>
  JSON.stringify({ stats: { expected, unexpected, flaky: 0, skipped: 1 }, errors: [] });

const passing = () => [
  { name: "vitest", status: 0, floor: 10, report: vitestReport(12, 0) },
  { name: "playwright", status: 0, floor: 5, report: playwrightReport(6, 0) },
];

describe("the closing count of npm test", () => {
  it("adds up every suite and ends with the plain line CI reads, skipped counted before it", () => {
    const { lines, failed } = closingCount({ typecheckStatus: 0, suites: passing() });
    expect(failed).toBe(0);
    expect(lines.at(-1)).toBe("18 passed, 0 failed");
    expect(lines.at(-2)).toBe("skipped: 3");
  });

  it("counts a suite that wrote no report as a failure instead of leaving it out", () => {
    const suites = passing();
    suites[1] = { name: "playwright", status: 0, floor: 5, report: undefined };
    const { lines, failed } = closingCount({ typecheckStatus: 0, suites });
    expect(failed).toBe(1);
    expect(lines.at(-1)).toBe("12 passed, 1 failed");
  });

  it("counts a report cut short as a failure and still prints the closing line", () => {
    const suites = passing();
    suites[0] = { name: "vitest", status: 1, floor: 10, report: vitestReport(12, 0).slice(0, 30) };
    const { lines, failed } = closingCount({ typecheckStatus: 0, suites });
    expect(failed).toBe(1);
    expect(lines.at(-1)).toBe("6 passed, 1 failed");
  });

  it("fails a suite that ran fewer tests than its floor, though every test it ran passed", () => {
    const suites = passing();
    suites[0] = { name: "vitest", status: 0, floor: 100, report: vitestReport(12, 0) };
    const { lines, failed } = closingCount({ typecheckStatus: 0, suites });
    expect(failed).toBe(1);
    expect(lines.join("\n")).toContain("fewer than its floor of 100");
  });

  it("fails a suite that exited non-zero with no failing test (a crashed web server, say)", () => {
    const suites = passing();
    suites[1] = { ...suites[1]!, status: 1 };
    expect(closingCount({ typecheckStatus: 0, suites }).failed).toBe(1);
  });

  it("fails a vitest file that could not load, which holds no test", () => {
    const suites = passing();
    const report = JSON.parse(vitestReport(12, 0));
    report.testResults.push({ status: "failed", assertionResults: [] });
    suites[0] = { ...suites[0]!, status: 1, report: JSON.stringify(report) };
    expect(closingCount({ typecheckStatus: 0, suites }).failed).toBe(1);
  });

  it("counts a failed type check even when every test passed", () => {
    const { lines, failed } = closingCount({ typecheckStatus: 2, suites: passing() });
    expect(failed).toBe(1);
    expect(lines[0]).toBe("typecheck: FAILED");
  });

  it("counts real failures as they are", () => {
    const suites = passing();
    suites[0] = { name: "vitest", status: 1, floor: 10, report: vitestReport(10, 2) };
    expect(closingCount({ typecheckStatus: 0, suites }).lines.at(-1)).toBe("16 passed, 2 failed");
  });
});
