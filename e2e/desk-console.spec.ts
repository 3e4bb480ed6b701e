import { expect, type Page } from "@playwright/test";
import { focusText, moveCaret, press, test, uniqueHeadline, writeRelease } from "./support";

// Every desk page, and the parts of the editor loaded only on demand (the link form, the conflict panel),
// in Chromium with its console watched: no error, no warning, no uncaught exception, no CSP violation.
// (The public pages have e2e/public-console.spec.ts; the jobs page e2e/jobs-page.spec.ts.)

/** Collects console errors and warnings, uncaught errors and CSP violations of every page `page` loads. */
async function watch(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(`${message.type()}: ${message.text()} (${page.url()})`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message} (${page.url()})`));
  // Injected by the browser's debugger, not by the page, so the page's CSP does not stop it.
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) =>
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI || "inline"}`),
    );
  });
  return problems;
}

const body = (page: Page) => page.getByRole("textbox", { name: "Release text" });

test("desk pages and the editor's on-demand parts load without a console message", async ({ signedIn }) => {
  test.setTimeout(180_000);
  const writer = await signedIn("writer");
  const writerProblems = await watch(writer);

  // New release, then the release workspace; the link form is loaded on demand (Ctrl+K).
  const id = await writeRelease(writer, uniqueHeadline("Console check"));
  await focusText(writer, body(writer));
  await moveCaret(writer, "Control+End");
  await writer.keyboard.press("Control+k");
  const linkForm = writer.getByRole("group", { name: "Add link" });
  await expect(writer.getByLabel("Link address")).toBeFocused();
  await writer.keyboard.press("Escape");
  await expect(linkForm).toHaveCount(0);
  await expect(body(writer)).toBeFocused();
  // Pages a writer may not open answer with the refusal, not an error.
  await writer.goto("/desk/staff");
  await expect(writer.getByTestId("staff-forbidden")).toHaveText("You do not have access to staff management.");
  await writer.goto("/desk/audit");
  await expect(writer.getByTestId("audit-forbidden")).toHaveText("You do not have access to the audit trail.");

  await writer.goto(`/desk/releases/${id}`);
  await expect(writer.getByTestId("release-status")).toHaveText("Draft");

  // Someone else's save, then the writer's own on top of it: the conflict panel is loaded on demand.
  const editor = await signedIn("editor");
  const editorProblems = await watch(editor);
  await editor.goto(`/desk/releases/${id}`);
  await focusText(editor, body(editor));
  await moveCaret(editor, "Control+End");
  await editor.keyboard.type(" An editor's sentence.");
  await press(editor, "Save");
  await expect(editor.getByTestId("save-status")).toHaveText(/^Saved /);
  await focusText(writer, body(writer));
  await moveCaret(writer, "Control+End");
  await writer.keyboard.type(" A writer's sentence.");
  await press(writer, "Save");
  await expect(writer.getByTestId("save-status")).toHaveText("Conflict");
  const conflict = writer.getByRole("region", { name: "Someone else saved this release" });
  await conflict.getByRole("button", { name: "See the difference" }).click();
  await expect(writer.getByRole("region", { name: "Difference" }).locator("ins", { hasText: "writer" })).toHaveCount(1);

  // History and the difference between two revisions, the week calendar, staff, audit and settings.
  const admin = await signedIn("admin");
  const adminProblems = await watch(admin);
  await admin.goto(`/desk/releases/${id}`);
  await admin.getByRole("link", { name: "History", exact: true }).click();
  await expect(admin.getByRole("heading", { level: 2, name: "Revisions" })).toBeVisible();
  await admin.getByRole("link", { name: "Changes in this revision (2)" }).click();
  await expect(admin.getByRole("heading", { level: 2, name: "Changes from revision 1 to revision 2" })).toBeVisible();
  await expect(admin.locator("ins", { hasText: "editor's sentence" })).toHaveCount(1);
  const nav = admin.getByRole("navigation", { name: "Desk" });
  await nav.getByRole("link", { name: "Releases", exact: true }).click();
  await expect(admin.getByRole("heading", { level: 2, name: /^Week of / })).toBeVisible();
  await admin.getByRole("navigation", { name: "Weeks" }).getByRole("link", { name: "Next week →" }).click();
  await expect(admin).toHaveURL(/week=/);
  await expect(admin.getByRole("heading", { level: 2, name: /^Week of / })).toBeVisible();
  for (const [link, heading] of [
    ["Staff", "Staff"],
    ["Audit trail", "Audit trail"],
    ["Settings", "Settings"],
  ] as const) {
    await nav.getByRole("link", { name: link, exact: true }).click();
    await expect(admin.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  }
  await nav.getByRole("link", { name: "Releases", exact: true }).click();
  await admin.getByRole("link", { name: "New release", exact: true }).click();
  await expect(body(admin)).toBeVisible();

  expect(writerProblems).toEqual([]);
  expect(editorProblems).toEqual([]);
  expect(adminProblems).toEqual([]);
});
