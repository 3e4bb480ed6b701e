// `npm test`: typecheck, lint, unit, integration (PGlite, and the Postgres server when TEST_DATABASE_URL
// is set), then Playwright end-to-end against a production build. Prints one closing tally line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
delete env.DATABASE_URL; // the app's database is never a test database
const serverUrl = process.env.TEST_DATABASE_URL || "";
const tally = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(title, command, args, extraEnv = {}) {
  console.log(`\n━━ ${title}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  if (result.status !== 0) failures.push(title);
  return result.status === 0;
}

function countVitest(file) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, "utf8"));
  tally.passed += report.numPassedTests;
  tally.failed += report.numFailedTests;
  tally.skipped += report.numPendingTests + (report.numTodoTests ?? 0);
}

function countPlaywright(file) {
  if (!existsSync(file)) return;
  const { stats } = JSON.parse(readFileSync(file, "utf8"));
  tally.passed += stats.expected + (stats.flaky ?? 0);
  tally.failed += stats.unexpected;
  tally.skipped += stats.skipped;
}

rmSync("test-results", { recursive: true, force: true });
mkdirSync("test-results", { recursive: true });

run("typecheck", "npx", ["tsc", "--noEmit"]);
run("lint", "npx", ["eslint", "--max-warnings=0", "."]);
run("unit tests", "npx", ["vitest", "run", "--project", "unit", "--reporter=default", "--reporter=json", "--outputFile=test-results/unit.json"]);
countVitest("test-results/unit.json");
run(
  "integration tests on PGlite",
  "npx",
  ["vitest", "run", "--project", "integration", "--reporter=default", "--reporter=json", "--outputFile=test-results/integration-pglite.json"],
  { TEST_DRIVER: "pglite" },
);
countVitest("test-results/integration-pglite.json");
if (serverUrl) {
  run(
    "integration tests on the Postgres server",
    "npx",
    ["vitest", "run", "--project", "integration", "--reporter=default", "--reporter=json", "--outputFile=test-results/integration-server.json"],
    { TEST_DATABASE_URL: serverUrl },
  );
  countVitest("test-results/integration-server.json");
} else {
  console.log("\nTEST_DATABASE_URL is not set: the tests that need a Postgres server were skipped (listed above by name).");
}

const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!existsSync(chromium) && !process.env.PLAYWRIGHT_BROWSERS_PATH) {
  console.error(
    `\nNo Chromium found at ${chromium}. Install one (Debian: apt-get install -y chromium), or set CHROMIUM_PATH ` +
      "to a Chromium or Chrome binary, or run `npx playwright install chromium` where downloads work.",
  );
  failures.push("end-to-end tests (no Chromium)");
} else if (run("production build", "node", ["--import", "tsx", "scripts/build.ts"])) {
  run("end-to-end tests", "npx", ["playwright", "test"]);
  countPlaywright("test-results/e2e.json");
}

console.log(`\n${failures.length ? `Failed steps: ${failures.join(", ")}` : "All steps passed."}`);
console.log(`tests: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
process.exit(failures.length ? 1 : 0);
