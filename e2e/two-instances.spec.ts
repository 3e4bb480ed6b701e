import { spawn, type ChildProcess } from "node:child_process";
import { expect, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { approveAndPublish, press, signIn, uniqueHeadline, writeRelease } from "./support";

const SECOND_PORT = 3102;
const SECOND = `http://localhost:${SECOND_PORT}`;
const databaseUrl = process.env.E2E_DATABASE_URL;

let second: ChildProcess | undefined;

/** A second app instance on the same Postgres database, as a second server behind a load balancer would be. */
async function startSecondInstance() {
  const child = spawn(process.execPath, ["scripts/server.mjs"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(SECOND_PORT),
      SITE_URL: baseURL,
      AUTH_SECRET: "e2e-only-secret-e2e-only-secret-e2e-only",
      DATA_DIR: ".test-data/e2e-second",
      DATABASE_URL: databaseUrl,
      SEED_DEMO: "false",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  second = child;
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Pressroom is serving")) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`the second instance exited with ${code}:\n${output}`)));
  });
}

test.afterAll(async () => {
  if (!second || second.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    second!.on("exit", () => resolve());
    second!.kill("SIGTERM");
  });
});

test("a release published or retracted through one instance shows on another instance's next request", async ({ page, browser, request }) => {
  test.skip(!databaseUrl, "needs E2E_DATABASE_URL: several instances share a Postgres server, not an embedded database");
  test.setTimeout(120_000);
  await startSecondInstance();

  const headline = uniqueHeadline("Two instances agree");
  // The second instance has cached its home page and feed before the change.
  for (let i = 0; i < 2; i++) {
    expect(await (await request.get(`${SECOND}/`)).text()).not.toContain(headline);
    expect(await (await request.get(`${SECOND}/feed.xml`)).text()).not.toContain(headline);
  }

  await signIn(page, "writer");
  const id = await writeRelease(page, headline);
  await press(page, "Submit for review");
  await expect(page.getByTestId("release-status")).toHaveText("In review");
  await approveAndPublish(browser, id);

  // The change reaches the second instance through Postgres, not through this browser.
  await expect.poll(async () => (await request.get(`${SECOND}/`)).text(), { timeout: 5_000 }).toContain(headline);
  expect(await (await request.get(`${SECOND}/feed.xml`)).text()).toContain(headline);
  const slug = (await page.getByRole("textbox", { name: "Headline" }).inputValue()).toLowerCase().replace(/[^a-z0-9]+/g, "-");
  expect((await request.get(`${SECOND}/releases/${slug}`)).status()).toBe(200);

  const context = await browser.newContext();
  const editor = await context.newPage();
  await signIn(editor, "editor");
  await editor.goto(`/desk/releases/${id}`);
  await editor.getByLabel("Comment or reason").fill("Issued in error.");
  await press(editor, "Retract");
  await expect(editor.getByTestId("release-status")).toHaveText("Retracted");
  await context.close();

  await expect.poll(async () => (await request.get(`${SECOND}/releases/${slug}`)).status(), { timeout: 5_000 }).toBe(410);
  expect(await (await request.get(`${SECOND}/`)).text()).not.toContain(headline);
  expect(await (await request.get(`${SECOND}/feed.xml`)).text()).not.toContain(headline);
});
