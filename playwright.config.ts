import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://localhost:${port}`;

/** Debian's Chromium here; CHROMIUM_PATH elsewhere; Playwright's own browser when neither exists. */
const chromium = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

const serverEnv = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  PORT: String(port),
  SITE_URL: baseURL,
  AUTH_SECRET: "e2e-only-secret-e2e-only-secret-e2e-only",
  DATA_DIR: ".test-data/e2e",
  // E2E_DATABASE_URL: a database of its own on a Postgres server; without it, embedded PGlite.
  DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
  SEED_DEMO: "false",
} as Record<string, string>;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-dev-shm-usage"],
    },
  },
  projects: [
    // Signs each role in once through the sign-in form and saves its state (e2e/sign-in.setup.ts).
    { name: "sign-in", testMatch: /sign-in\.setup\.ts$/, use: { ...devices["Desktop Chrome"] } },
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, dependencies: ["sign-in"] },
  ],
  webServer: {
    command: "node --conditions=react-server --import tsx scripts/e2e-prepare.ts && node scripts/server.mjs",
    url: `${baseURL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    env: serverEnv,
    stdout: "pipe",
    stderr: "pipe",
  },
});
