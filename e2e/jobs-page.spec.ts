import AxeBuilder from "@axe-core/playwright";
import { expect } from "@playwright/test";
import { test } from "./support";

test("an admin reaches the job queue from the desk's navigation; a writer is refused it", async ({ signedIn }) => {
  const admin = await signedIn("admin");
  const problems: string[] = [];
  admin.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(`${message.type()}: ${message.text()}`);
  });
  admin.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));

  await admin.goto("/desk");
  await admin.getByRole("link", { name: "Jobs", exact: true }).click();
  await expect(admin).toHaveURL(/\/desk\/jobs$/);
  await expect(admin.getByRole("heading", { level: 1, name: "Jobs" })).toBeVisible();
  await expect(admin.getByRole("heading", { level: 2, name: "By kind" })).toBeVisible();
  await expect(admin.getByRole("heading", { level: 2, name: "Jobs not yet done" })).toBeVisible();
  const axe = await new AxeBuilder({ page: admin }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);
  expect(problems).toEqual([]);

  const writer = await signedIn("writer");
  await writer.goto("/desk");
  await expect(writer.getByRole("link", { name: "Jobs", exact: true })).toHaveCount(0);
  await writer.goto("/desk/jobs");
  await expect(writer.getByTestId("jobs-forbidden")).toHaveText("You do not have access to the job queue.");
});
