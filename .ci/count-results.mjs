// Adds up what vitest and Playwright report in their JSON files and prints the plain closing line.
// A failed run with nothing counted (a type error stops `npm test` before any suite) counts as one failure.
import { existsSync, readFileSync } from "node:fs";

const status = Number(process.argv[2] ?? 1);
let passed = 0;
let failed = 0;

const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : undefined);

const unit = read(".data/vitest-results.json");
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
  console.log(`vitest: ${unit.numPassedTests} passed, ${unit.numFailedTests} failed`);
}
const e2e = read(".data/playwright-results.json");
if (e2e) {
  passed += e2e.stats.expected + e2e.stats.flaky;
  failed += e2e.stats.unexpected;
  console.log(`playwright: ${e2e.stats.expected + e2e.stats.flaky} passed, ${e2e.stats.unexpected} failed`);
}
if (status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(status === 0 && failed === 0 ? 0 : 1);
