#!/usr/bin/env node
// The mutation check: plausible one-line bugs, applied to the working tree one at a time, each
// confirmed caught by the tests that guard its rule. A bug the tests let through is a rule nobody
// enforces. Stryker would mutate everything; this holds the bugs a reviewer found, cheaply enough
// for two cores, and grows whenever a review finds another.
//
//   node e2e/mutation-check.mjs                 every mutant; on Postgres too when TEST_DATABASE_URL is set
//   node e2e/mutation-check.mjs --only <name>   one mutant (repeat, or separate names with commas)
//   node e2e/mutation-check.mjs --list          the mutants, and whether each still finds its code
//   node e2e/mutation-check.mjs --lock <file>   hold flock(1) on <file> while a mutant is applied
//                                               (a working tree shared with others running vitest)
//
// A mutant is `{ name, file, find, replace, tests, postgresOnly? }`: `find` is exact text that must
// occur exactly once in `file`, else the mutant is reported STALE (a refactor moved the code: point
// the mutant at its new home instead of letting it be "caught" by nothing). `tests` are the test
// files that should catch it. Each mutant is judged on the embedded database, and on Postgres when
// TEST_DATABASE_URL is set; a postgresOnly mutant (a race: PGlite runs calls one after another)
// only on Postgres. Caught means some test that passes without the mutant does not pass with it;
// the tests run once without any mutant first, so a test already failing catches nothing.
//
// The script refuses to touch a file with uncommitted changes, restores every file it changed
// (finally, and on SIGINT/SIGTERM), and exits non-zero when a mutant survived, is stale or could
// not be judged. Each vitest run's output is kept in .data/mutation-check/.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import Table from "cli-table3";

/** Today's list; the first seven are issue 13's. Add to the end. */
const mutants = [
  {
    name: "lock-request-any-organisation",
    file: "lib/requests/find-request.ts",
    find: `.where(and(eq(accessRequests.id, requestId), eq(accessRequests.organisationId, organisationId)))\n    .for("update");`,
    replace: `.where(eq(accessRequests.id, requestId))\n    .for("update");`,
    tests: ["lib/requests/lock-request.test.ts"],
  },
  {
    name: "active-grant-allows-second-request",
    file: "lib/requests/open-request.ts",
    find: ": or(openPending, openGrant),",
    replace: ": openPending,",
    tests: ["lib/requests/one-open-request.test.ts"],
  },
  {
    name: "scheduled-window-grants-before-start",
    file: "lib/access/decide-access.ts",
    find: " and r.starts_at <= now()",
    replace: "",
    tests: ["lib/access/scheduled-window.test.ts"],
  },
  {
    name: "auto-grant-satisfies-manual-strictest",
    file: "lib/access/decide-access.ts",
    find: "((select approval_type from strictest) = 'auto' or gp.approval_type = 'manual')",
    replace: "true",
    tests: ["lib/access/strictest-manual-policy.test.ts"],
  },
  {
    name: "excluded-honoured-while-pam-off",
    file: "lib/access/decide-access.ts",
    find: "if (row.pam_enabled && row.excluded) {",
    replace: "if (row.excluded) {",
    tests: ["lib/access/pam-off.test.ts"],
  },
  {
    name: "verify-ignores-chain-head",
    file: "lib/audit/verify-audit-chain.ts",
    find: "const headMatches = head ? head.lastSeq === checked && head.lastHash === prevHash : checked === 0;",
    replace: "const headMatches = true;",
    tests: ["lib/audit/verify-audit-chain.test.ts"],
  },
  {
    name: "outbox-insert-without-on-conflict",
    file: "lib/notify/enqueue-email.ts",
    find: "    on conflict (event_key, to_email) do nothing\n",
    replace: "",
    tests: ["lib/notify/enqueue-email.test.ts"],
  },
  {
    name: "approval-opens-window-now-not-at-scheduled-start",
    file: "lib/requests/open-window.ts",
    find: "startsAt: sql`greatest(now(), ${accessRequests.requestedStartAt})`,",
    replace: "startsAt: sql`now()`,",
    tests: ["lib/access/scheduled-window.test.ts"],
  },
  {
    // A race: on the embedded database calls run one after another, so only Postgres can tell.
    name: "decisions-without-request-row-lock",
    file: "lib/requests/find-request.ts",
    find: '    .for("update");\n  if (!row) throw requestNotFound();',
    replace: "    ;\n  if (!row) throw requestNotFound();",
    tests: ["lib/concurrency.test.ts"],
    postgresOnly: true,
  },
];

const root = path.resolve(import.meta.dirname, "..");
const logs = path.join(root, ".data/mutation-check");
const postgresUrl = process.env.TEST_DATABASE_URL || undefined;

function parseArgs(argv) {
  const options = { only: [], list: false, lock: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--list") options.list = true;
    else if (arg === "--only" && argv[i + 1]) options.only.push(...argv[++i].split(",").filter(Boolean));
    else if (arg === "--lock" && argv[i + 1]) options.lock = argv[++i];
    else usage(`unknown argument ${arg}`);
  }
  const unknown = options.only.filter((name) => !mutants.some((m) => m.name === name));
  if (unknown.length > 0) usage(`no mutant named ${unknown.join(", ")}`);
  return options;
}

function usage(problem) {
  console.error(`mutation-check: ${problem}`);
  console.error("usage: node e2e/mutation-check.mjs [--list] [--only <name>[,<name>…]] [--lock <file>]");
  console.error(`mutants: ${mutants.map((m) => m.name).join(", ")}`);
  process.exit(2);
}

const occurrences = (text, find) => (find === "" ? 0 : text.split(find).length - 1);
const read = (file) => readFileSync(path.join(root, file), "utf8");

/** Why a mutant cannot be applied as written, or null when it can. */
function staleness(mutant) {
  if (!existsSync(path.join(root, mutant.file))) return `${mutant.file} does not exist`;
  const count = occurrences(read(mutant.file), mutant.find);
  if (count !== 1) return `its code occurs ${count} times in ${mutant.file}, not once`;
  const missing = mutant.tests.filter((test) => !existsSync(path.join(root, test)));
  if (missing.length > 0) return `no test file ${missing.join(", ")}`;
  return null;
}

function uncommitted(files) {
  if (files.length === 0) return []; // `git status -- ` with no paths would list the whole tree
  const output = execFileSync("git", ["status", "--porcelain", "--", ...files], { cwd: root, encoding: "utf8" });
  return output.split("\n").filter(Boolean);
}

// ---- applying and always restoring ----------------------------------------------------------

/** The file currently mutated: what it held, and what the mutant made of it. */
let applied = null;
/** The running vitest (its own process group) and the lock holder, to end on a signal. */
let child = null;
let lockHolder = null;

function apply(mutant) {
  const original = read(mutant.file);
  const mutated = original.replace(mutant.find, () => mutant.replace);
  applied = { mutant, original, mutated };
  writeFileSync(path.join(root, mutant.file), mutated);
}

function restore() {
  if (!applied) return;
  const { mutant, original, mutated } = applied;
  applied = null;
  const target = path.join(root, mutant.file);
  const now = readFileSync(target, "utf8");
  if (now === mutated) {
    writeFileSync(target, original);
    return;
  }
  // Someone changed the file while the mutant was in it: undo only the mutant, keep their edit.
  if (mutant.replace !== "" && occurrences(now, mutant.replace) === 1 && occurrences(now, mutant.find) === 0) {
    writeFileSync(target, now.replace(mutant.replace, () => mutant.find));
    console.error(`mutation-check: ${mutant.file} changed during the run; only the mutant was undone.`);
    return;
  }
  console.error(
    `mutation-check: COULD NOT RESTORE ${mutant.file}: it changed during the run. Put back by hand:\n` +
      `  ${JSON.stringify(mutant.replace)}  ->  ${JSON.stringify(mutant.find)}`,
  );
  process.exitCode = 3;
}

function endChildren() {
  if (child?.pid) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {}
  }
  lockHolder?.stdin.end();
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    console.error(`\nmutation-check: ${signal}, restoring and stopping`);
    endChildren();
    restore();
    process.exit(130);
  });
}
process.on("exit", restore);

/** Holds flock(1) on `file` until the returned release is called (or this process ends). */
async function acquireLock(file) {
  if (!file) return () => {};
  lockHolder = spawn("flock", [file, "sh", "-c", "echo locked; exec cat >/dev/null"], { stdio: ["pipe", "pipe", "inherit"] });
  await new Promise((resolve, reject) => {
    lockHolder.stdout.once("data", resolve);
    lockHolder.once("exit", (code) => reject(new Error(`flock ${file} ended with ${code}`)));
  });
  const holder = lockHolder;
  return () => {
    holder.stdin.end();
    if (lockHolder === holder) lockHolder = null;
  };
}

// ---- running the tests ----------------------------------------------------------------------

/** Which database a test ran on, from its titles ("… on postgres"); null when they do not say. */
function kindOf(result) {
  const titles = [...(result.ancestorTitles ?? []), result.title ?? ""];
  for (const pattern of [/\bon (embedded|postgres)\b/i, /\b(embedded|postgres)\b/i]) {
    for (const title of titles) {
      const match = pattern.exec(title);
      if (match) return match[1].toLowerCase();
    }
  }
  return null;
}

/** Runs vitest on `tests`; the passing and the failing tests by kind, or an error. */
async function runTests(tests, label) {
  mkdirSync(logs, { recursive: true });
  const report = path.join(logs, `${label}.json`);
  const log = path.join(logs, `${label}.log`);
  writeFileSync(report, "");
  const env = { ...process.env, CI: "" };
  // Without TEST_DATABASE_URL the harness runs the embedded database only.
  if (!postgresUrl) delete env.TEST_DATABASE_URL;
  const args = ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...tests];
  const output = [];
  const status = await new Promise((resolve) => {
    child = spawn(path.join(root, "node_modules/.bin/vitest"), args, { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (chunk) => output.push(chunk));
    child.stderr.on("data", (chunk) => output.push(chunk));
    child.on("close", (code) => resolve(code));
    child.on("error", () => resolve(-1));
  });
  child = null;
  writeFileSync(log, Buffer.concat(output));
  let json;
  try {
    json = JSON.parse(readFileSync(report, "utf8"));
  } catch {
    return { error: `vitest (status ${status}) wrote no report: see ${path.relative(root, log)}` };
  }
  const tests_ = json.testResults.flatMap((file) =>
    file.assertionResults.map((result) => ({
      id: `${path.relative(root, file.name)} > ${result.fullName}`,
      title: result.title,
      kind: kindOf(result),
      passed: result.status === "passed",
      failed: result.status === "failed",
    })),
  );
  // A file that failed to load or whose hooks threw: its tests never ran, which proves nothing.
  const broken = json.testResults.filter((file) => file.status === "failed" && file.message).map((file) => file.message.split("\n").filter(Boolean).slice(0, 2).join(" "));
  return { tests: tests_, broken };
}

/**
 * On one kind of database: caught when a test that passed without the mutant fails with it. A test
 * that merely did not run (its file failed to load, say while someone saves a file it imports)
 * leaves the mutant not judged rather than caught.
 */
function judge(baseline, mutated, kind) {
  if (baseline.error) return { verdict: "not judged", detail: `without the mutant: ${baseline.error}` };
  if (baseline.broken.length > 0) return { verdict: "not judged", detail: `without the mutant: ${baseline.broken[0]}` };
  if (mutated.error) return { verdict: "not judged", detail: mutated.error };
  const onKind = (test) => test.kind === kind || test.kind === null;
  const failing = baseline.tests.filter((t) => onKind(t) && t.failed);
  if (failing.length > 0) return { verdict: "not judged", detail: `fails without the mutant: ${failing[0].id}` };
  const guards = baseline.tests.filter((t) => onKind(t) && t.passed);
  if (guards.length === 0) return { verdict: "not judged", detail: `no test ran on ${kind}` };
  const passing = new Set(mutated.tests.filter((t) => t.passed).map((t) => t.id));
  const failed = new Set(mutated.tests.filter((t) => t.failed).map((t) => t.id));
  const catching = guards.filter((t) => failed.has(t.id));
  if (catching.length > 0) return { verdict: "caught", detail: catching[0].title };
  const missing = guards.filter((t) => !passing.has(t.id));
  if (missing.length > 0) {
    const why = mutated.broken[0] ?? "see the log in .data/mutation-check";
    return { verdict: "not judged", detail: `${missing.length} tests did not run with the mutant: ${why}` };
  }
  return { verdict: "survived", detail: `${guards.length} tests passed` };
}

/** Plain text, one line a row: it goes to logs and reports. */
const tableStyle = {
  style: { head: [], border: [] },
  chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
};

// ---- main -----------------------------------------------------------------------------------

const options = parseArgs(process.argv.slice(2));
const selected = options.only.length > 0 ? mutants.filter((m) => options.only.includes(m.name)) : mutants;

if (options.list) {
  const table = new Table({ head: ["mutant", "file", "tests", "databases", "state"], ...tableStyle });
  for (const m of selected) {
    table.push([m.name, m.file, m.tests.join("\n"), m.postgresOnly ? "postgres" : "embedded, postgres", staleness(m) ?? "applies"]);
  }
  console.log(table.toString());
  process.exit(0);
}

const dirty = uncommitted([...new Set(selected.map((m) => m.file))].filter((file) => existsSync(path.join(root, file))));
if (dirty.length > 0) {
  console.error("mutation-check: refusing to run: files it would mutate have uncommitted changes (commit them first):");
  for (const line of dirty) console.error(`  ${line}`);
  console.error("If an earlier run was killed before it could restore, `git diff` shows the mutant; `git checkout -- <file>` undoes it.");
  process.exit(2);
}

const kinds = postgresUrl ? ["embedded", "postgres"] : ["embedded"];
console.log(`Mutation check: ${selected.length} mutants, on ${kinds.join(" and ")}${postgresUrl ? "" : " (set TEST_DATABASE_URL for Postgres)"}.`);

const baselines = new Map();
const rows = [];
for (const mutant of selected) {
  const started = Date.now();
  const row = { mutant, results: {}, verdict: "", detail: "" };
  rows.push(row);
  const stale = staleness(mutant);
  if (stale) {
    Object.assign(row, { verdict: "stale", detail: stale });
    console.log(`  ${mutant.name}: stale (${stale})`);
    continue;
  }
  const judged = mutant.postgresOnly ? ["postgres"] : kinds;
  if (mutant.postgresOnly && !postgresUrl) {
    Object.assign(row, { verdict: "not judged", detail: "a race: needs TEST_DATABASE_URL (Postgres)" });
    console.log(`  ${mutant.name}: not judged (needs TEST_DATABASE_URL)`);
    continue;
  }
  const key = mutant.tests.join(" ");
  if (!baselines.has(key)) {
    const release = await acquireLock(options.lock);
    try {
      baselines.set(key, await runTests(mutant.tests, `baseline-${baselines.size + 1}`));
    } finally {
      release();
    }
  }
  let mutated;
  const release = await acquireLock(options.lock);
  try {
    // Checked again right before: someone may have started editing the file since the run began.
    if (uncommitted([mutant.file]).length > 0) {
      mutated = { error: `${mutant.file} got uncommitted changes during the run: not mutated` };
    } else {
      apply(mutant);
      mutated = await runTests(mutant.tests, mutant.name);
    }
  } finally {
    restore();
    release();
  }
  for (const kind of judged) row.results[kind] = judge(baselines.get(key), mutated, kind);
  const verdicts = Object.values(row.results).map((r) => r.verdict);
  row.verdict = verdicts.includes("survived") ? "survived" : verdicts.every((v) => v === "caught") ? "caught" : "not judged";
  row.detail = Object.values(row.results).find((r) => r.verdict === row.verdict)?.detail ?? "";
  console.log(`  ${mutant.name}: ${row.verdict} (${Math.round((Date.now() - started) / 1000)} s)`);
}

const table = new Table({ head: ["mutant", "file", ...kinds, "verdict", "caught by / why"], ...tableStyle });
for (const row of rows) {
  table.push([
    row.mutant.name,
    row.mutant.file,
    // "-": not judged there (stale, or a race on the embedded database).
    ...kinds.map((kind) => row.results[kind]?.verdict ?? "-"),
    row.verdict.toUpperCase(),
    row.detail,
  ]);
}
console.log(table.toString());
const count = (verdict) => rows.filter((r) => r.verdict === verdict).length;
const unjudged = count("not judged");
console.log(`${count("caught")} caught, ${count("survived")} survived, ${count("stale")} stale${unjudged ? `, ${unjudged} not judged` : ""}`);
if (count("caught") !== rows.length) process.exitCode = 1;
