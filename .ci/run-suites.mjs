// `npm test`: the type check, the unit and database tests (vitest) and the browser tests
// (Playwright), every one of them even when an earlier one fails, then one closing count read
// from the suites' JSON reports (closing-count.mjs), never from exit codes alone. Floors in
// test-floors.json keep a suite that silently ran nothing from passing. The last line is the
// plain "N passed, N failed" CI reads; skipped tests are counted on the line before it.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { closingCount } from "./closing-count.mjs";

const root = path.resolve(import.meta.dirname, "..");
const reports = {
  vitest: path.join(root, ".data/vitest-results.json"),
  playwright: path.join(root, ".data/playwright-results.json"),
};
const floors = JSON.parse(readFileSync(path.join(root, ".ci/test-floors.json"), "utf8"));
const started = Date.now();

mkdirSync(path.join(root, ".data"), { recursive: true });
for (const report of Object.values(reports)) rmSync(report, { force: true });

function run(title, command, args, env = {}) {
  console.log(`\n== ${title}: ${[command, ...args].join(" ")}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  return result.status ?? 1;
}

const typecheckStatus = run("typecheck", "npx", ["tsc", "--noEmit"]);
const vitestStatus = run("unit and database tests", "npx", [
  "vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${reports.vitest}`,
]);
const playwrightStatus = run("browser tests", "npx", ["playwright", "test", "--reporter=list,json"], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: reports.playwright,
});

const reportOf = (file) => (existsSync(file) ? readFileSync(file, "utf8") : undefined);
const { lines, failed } = closingCount({
  typecheckStatus,
  suites: [
    {
      name: "vitest",
      status: vitestStatus,
      // Without TEST_DATABASE_URL the database tests run on the embedded database only.
      floor: process.env.TEST_DATABASE_URL ? floors.vitest.postgres : floors.vitest.embedded,
      report: reportOf(reports.vitest),
    },
    { name: "playwright", status: playwrightStatus, floor: floors.playwright, report: reportOf(reports.playwright) },
  ],
});
console.log(`\nThe suites took ${Math.round((Date.now() - started) / 1000)} s.`);
for (const line of lines) console.log(line);
process.exit(failed === 0 ? 0 : 1);
