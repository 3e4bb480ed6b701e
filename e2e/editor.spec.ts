import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Locator, type Page, type Route } from "@playwright/test";
import { focusText, moveCaret, test, textSettles, uniqueHeadline } from "./support";

const SAVED = /^Saved \d\d:\d\d$/;
const wordFixture = readFileSync(path.join(__dirname, "fixtures", "word-paste.html"), "utf8");

/** Creates a draft with one paragraph and returns its id; the page is left on the release's editor. */
async function createDraft(page: Page, headline: string, firstParagraph = "The Office announced today a new programme.") {
  await page.goto("/desk/releases/new");
  await page.getByLabel("Headline", { exact: true }).fill(headline);
  await page.getByRole("textbox", { name: "Release text" }).click();
  await page.keyboard.type(firstParagraph);
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page).toHaveURL(/\/desk\/releases\/[0-9a-f-]{36}$/);
  await expect(toolbar(page).getByRole("button", { name: "Bold" })).toBeVisible(); // The editor has loaded.
  return page.url().split("/").pop()!;
}

function body(page: Page): Locator {
  return page.getByRole("textbox", { name: "Release text" });
}

/** The body's toolbar (the notes to editors have their own). */
function toolbar(page: Page): Locator {
  return page.getByRole("toolbar", { name: "Formatting" }).first();
}

/** Clicks a toolbar button and waits for the focus to be back in the text. */
async function tool(page: Page, name: string) {
  await toolbar(page).getByRole("button", { name, exact: true }).click();
  await expect(body(page)).toBeFocused();
  await textSettles(page);
}

async function endOfText(page: Page) {
  await focusText(page, body(page));
  await moveCaret(page, "Control+End");
}

test("a writer uses every body element and every detail; autosave keeps it all across a reload", async ({ signedIn }) => {
  const headline = uniqueHeadline("Visitor centre opens");
  const page = await signedIn("writer");
  await createDraft(page, headline);

  await endOfText(page);
  await page.keyboard.press("Enter");
  await tool(page, "Subheading");
  await page.keyboard.type("Key facts");
  await page.keyboard.press("Enter");
  await tool(page, "Minor heading");
  await page.keyboard.type("Opening hours");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Plain, ");
  await page.keyboard.press("Control+b");
  await page.keyboard.type("bold words");
  await page.keyboard.press("Control+b");
  await page.keyboard.type(", ");
  await page.keyboard.press("Control+i");
  await page.keyboard.type("italic words");
  await page.keyboard.press("Control+i");
  await page.keyboard.type(" and our website");
  for (let i = 0; i < "our website".length; i++) await moveCaret(page, "Shift+ArrowLeft");
  await toolbar(page).getByRole("button", { name: "Link", exact: true }).click();
  await page.getByLabel("Link address", { exact: true }).fill("https://example.org/centre");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(body(page)).toBeFocused();
  await textSettles(page);
  await expect(body(page).locator('a[href="https://example.org/centre"]')).toHaveText("our website");
  await moveCaret(page, "End");
  await page.keyboard.press("Enter");
  await tool(page, "Bulleted list");
  await page.keyboard.type("First bullet");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Second bullet");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await tool(page, "Numbered list");
  await page.keyboard.type("Step one");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Step two");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await tool(page, "Quotation");
  await page.keyboard.type("We want to be easy to reach.");
  await page.keyboard.press("Enter");
  await tool(page, "Quotation"); // The new, empty paragraph leaves the quotation.
  await tool(page, "Insert table");
  for (const cell of ["Day", "Opens", "Closes", "Monday", "9:00", "17:00"]) {
    await page.keyboard.type(cell);
    await page.keyboard.press("Tab");
  }
  await expect(toolbar(page).getByRole("button", { name: "Add row below" })).toBeVisible();

  // Release details.
  await page.getByLabel("Type", { exact: true }).selectOption({ index: 1 });
  const typeValue = await page.getByLabel("Type", { exact: true }).inputValue();
  await page.getByLabel("Language", { exact: true }).selectOption("fr");
  await page.getByLabel("Date", { exact: true }).fill("2026-03-15");
  await page.getByLabel("Reference number", { exact: true }).fill("No. 2026/07");
  await page.getByLabel("Dateline", { exact: true }).fill("Geneva");
  await page.getByLabel("Subtitle", { exact: true }).fill("A place to learn about public health");
  await page.getByLabel("Summary", { exact: true }).fill("The new centre opens on Monday.");
  await page.getByRole("button", { name: "Add media contact" }).click();
  await page.getByLabel("Contact 1: name", { exact: true }).fill("Pat Press");
  await page.getByLabel("Contact 1: role", { exact: true }).fill("Spokesperson");
  await page.getByLabel("Contact 1: email", { exact: true }).fill("press@example.org");
  await page.getByLabel("Contact 1: phone", { exact: true }).fill("+41 22 555 01 01");
  await page.getByRole("button", { name: "Add related document link" }).click();
  await page.getByLabel("Document 1: title", { exact: true }).fill("Programme (PDF)");
  await page.getByLabel("Document 1: link", { exact: true }).fill("https://example.org/programme.pdf");
  await focusText(page, page.getByRole("textbox", { name: "Notes to editors" }));
  await page.keyboard.type("Photos on request.");
  await page.getByLabel("Boilerplate (About …)", { exact: true }).fill("The Ministry looks after public health.");

  await expect(page.getByTestId("save-status")).toHaveText("Saving…");
  await expect(page.getByTestId("save-status")).toHaveText(SAVED, { timeout: 20_000 });
  await expect(page.getByTestId("word-count").first()).toHaveText(/^\d+ words · about 1 min read$/);
  await expect(page.getByRole("button", { name: "Submit for review" })).toBeEnabled();

  await page.reload();
  const text = body(page);
  await expect(text.locator("h2", { hasText: "Key facts" })).toBeVisible();
  await expect(text.locator("h3", { hasText: "Opening hours" })).toBeVisible();
  await expect(text.locator("strong", { hasText: "bold words" })).toBeVisible();
  await expect(text.locator("em", { hasText: "italic words" })).toBeVisible();
  await expect(text.locator('a[href="https://example.org/centre"]')).toHaveText("our website");
  await expect(text.locator("ul > li")).toHaveText(["First bullet", "Second bullet"]);
  await expect(text.locator("ol > li")).toHaveText(["Step one", "Step two"]);
  await expect(text.locator("blockquote")).toContainText("We want to be easy to reach.");
  await expect(text.locator("table th")).toHaveText(["Day", "Opens", "Closes"]);
  await expect(text.locator("table tr").nth(1).locator("td")).toHaveText(["Monday", "9:00", "17:00"]);
  await expect(page.getByLabel("Type", { exact: true })).toHaveValue(typeValue);
  await expect(page.getByLabel("Language", { exact: true })).toHaveValue("fr");
  await expect(page.getByLabel("Date", { exact: true })).toHaveValue("2026-03-15");
  await expect(page.getByLabel("Reference number", { exact: true })).toHaveValue("No. 2026/07");
  await expect(page.getByLabel("Dateline", { exact: true })).toHaveValue("Geneva");
  await expect(page.getByLabel("Subtitle", { exact: true })).toHaveValue("A place to learn about public health");
  await expect(page.getByLabel("Summary", { exact: true })).toHaveValue("The new centre opens on Monday.");
  await expect(page.getByLabel("Contact 1: name", { exact: true })).toHaveValue("Pat Press");
  await expect(page.getByLabel("Contact 1: role", { exact: true })).toHaveValue("Spokesperson");
  await expect(page.getByLabel("Contact 1: email", { exact: true })).toHaveValue("press@example.org");
  await expect(page.getByLabel("Contact 1: phone", { exact: true })).toHaveValue("+41 22 555 01 01");
  await expect(page.getByLabel("Document 1: title", { exact: true })).toHaveValue("Programme (PDF)");
  await expect(page.getByLabel("Document 1: link", { exact: true })).toHaveValue("https://example.org/programme.pdf");
  await expect(page.getByRole("textbox", { name: "Notes to editors" })).toHaveText("Photos on request.");
  await expect(page.getByLabel("Boilerplate (About …)", { exact: true })).toHaveValue("The Ministry looks after public health.");
  await expect(page.getByRole("region", { name: "Unsaved text found" })).toHaveCount(0);
});

test("an autosave keeps the header's revision number and the web address form up to date without a reload", async ({ signedIn }) => {
  const page = await signedIn("writer");
  const id = await createDraft(page, uniqueHeadline("Autosave and address"), "First paragraph.");
  await expect(page.getByText("By Wim Writer · revision 1")).toBeVisible();
  // The writer's own autosave is folded into their revision: same number, but a new version.
  await endOfText(page);
  await page.keyboard.type(" Autosaved words.");
  await expect(page.getByTestId("save-status")).toHaveText(SAVED, { timeout: 20_000 });
  await expect(page.getByText("By Wim Writer · revision 1")).toBeVisible();
  // The address form is based on the version that autosave made, not the one the page was drawn with.
  const slug = `${await page.getByLabel("Web address").inputValue()}-moved`;
  await page.getByLabel("Web address").fill(slug);
  await page.getByRole("button", { name: "Change address" }).click();
  await expect(page.getByTestId("slug-saved")).toHaveText(`The address is now /releases/${slug}.`);

  // Someone else's autosave is a revision of its own: the header shows its number.
  const editor = await signedIn("editor");
  await editor.goto(`/desk/releases/${id}`);
  await focusText(editor, body(editor));
  await moveCaret(editor, "Control+End");
  await editor.keyboard.type(" The editor's words.");
  await expect(editor.getByTestId("save-status")).toHaveText(SAVED, { timeout: 20_000 });
  await expect(editor.getByText("By Wim Writer · revision 2")).toBeVisible();
  await expect(body(editor)).toHaveText("First paragraph. Autosaved words. The editor's words.");
});

test("two people on one draft: the later save gets the conflict choice and can overwrite", async ({ signedIn }) => {
  const headline = uniqueHeadline("Conflicting edits");
  const page = await signedIn("writer");
  const id = await createDraft(page, headline, "Original paragraph.");

  const editor = await signedIn("editor");
  await editor.goto(`/desk/releases/${id}`);
  await expect(toolbar(editor).getByRole("button", { name: "Bold" })).toBeVisible();
  await expect(page.getByTestId("presence")).toHaveText("Also open by: Eli Editor", { timeout: 20_000 });

  await focusText(editor, body(editor));
  await moveCaret(editor, "Control+End");
  await editor.keyboard.type(" Editor's addition.");
  await editor.getByRole("button", { name: "Save", exact: true }).click();
  await expect(editor.getByTestId("save-status")).toHaveText(SAVED);

  await endOfText(page);
  await page.keyboard.type(" Writer's own sentence.");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("save-status")).toHaveText("Conflict");
  const conflict = page.getByRole("region", { name: "Someone else saved this release" });
  await expect(conflict).toBeVisible();
  await expect(body(page)).toHaveText("Original paragraph. Writer's own sentence.");
  await expect(page.getByRole("button", { name: "Submit for review" })).toBeDisabled();

  await conflict.getByRole("button", { name: "See the other version" }).click();
  const other = page.getByRole("region", { name: "The other version" });
  await expect(other).toContainText("Original paragraph. Editor's addition.");
  await expect(other).toContainText("Saved by Eli Editor");
  await conflict.getByRole("button", { name: "See the difference" }).click();
  const difference = page.getByRole("region", { name: "Difference" });
  await expect(difference.locator("ins").filter({ hasText: "Writer" })).toHaveCount(1);
  await expect(difference.locator("del").filter({ hasText: "addition" })).toHaveCount(1);
  // Autosave stays off while the conflict is open.
  await page.waitForTimeout(3500);
  await expect(page.getByTestId("save-status")).toHaveText("Conflict");

  await conflict.getByRole("button", { name: "Overwrite with my version" }).click();
  await expect(page.getByTestId("save-status")).toHaveText(SAVED);
  await expect(conflict).toHaveCount(0);
  await expect(body(page)).toHaveText("Original paragraph. Writer's own sentence.");

  await editor.reload();
  await expect(body(editor)).toHaveText("Original paragraph. Writer's own sentence.");
  await editor.context().close();

  await page.reload();
  await expect(body(page)).toHaveText("Original paragraph. Writer's own sentence.");
  await expect(page.getByRole("button", { name: "Submit for review" })).toBeEnabled();
});

test("pasting from Word keeps structure and drops styles and scripts", async ({ signedIn }) => {
  const page = await signedIn("writer2");
  await createDraft(page, uniqueHeadline("Pasted from Word"), "Before the paste.");
  await endOfText(page);
  await page.keyboard.press("Enter");
  await page.evaluate((html) => {
    const target = document.querySelector('[role="textbox"][aria-label="Release text"]');
    if (!target) throw new Error("no editor");
    const data = new DataTransfer();
    data.setData("text/html", html);
    data.setData("text/plain", "plain fallback");
    target.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, wordFixture);

  const text = body(page);
  await expect(text.locator("h2", { hasText: "Ministry opens new visitor centre" })).toBeVisible();
  await expect(text.locator("ul > li")).toHaveText(["An exhibition on public health", "Guided tours every Friday"]);
  await expect(text.locator("ol > li")).toHaveText(["Book online", "Bring an ID"]);
  await expect(text.locator('a[href="https://example.org/centre"]')).toHaveText("full programme");
  await expect(text.locator("strong", { hasText: "today opened" })).toBeVisible();
  await expect(text.locator("em", { hasText: "Geneva" })).toBeVisible();
  // An all-bold first row is a header row, as on import.
  await expect(text.locator("table th")).toHaveText(["Day", "Hours"]);
  await expect(text.locator("table td").first()).toHaveText("Monday");
  await expect(text).toContainText("Google bold");
  await expect(text).not.toContainText("plain fallback");
  await expect(text).not.toContainText("alert");
  await expect(text.locator("[style]:not(table):not(col), [class*='Mso'], span, img:not(.ProseMirror-separator), script, font")).toHaveCount(0);
  await expect(text.locator('a[href^="javascript"]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { pasted?: boolean }).pasted)).toBeUndefined();

  await expect(page.getByTestId("save-status")).toHaveText(SAVED, { timeout: 15_000 });
  await page.reload();
  await expect(body(page).locator("h2", { hasText: "Ministry opens new visitor centre" })).toBeVisible();
});

test("text typed just before a reload is offered back and can be restored", async ({ signedIn }) => {
  const page = await signedIn("writer2");
  await createDraft(page, uniqueHeadline("Reloaded too soon"), "Saved paragraph.");
  page.on("dialog", (dialog) => void dialog.accept()); // The "leave the page?" question.

  await endOfText(page);
  await page.keyboard.type(" Typed just before the reload.");
  await expect(page.getByTestId("save-status")).toHaveText("Saving…");
  await page.reload();

  const offer = page.getByRole("region", { name: "Unsaved text found" });
  await expect(offer).toBeVisible();
  await expect(body(page)).toHaveText("Saved paragraph.");
  await offer.getByRole("button", { name: "Restore my unsaved text" }).click();
  await expect(body(page)).toHaveText("Saved paragraph. Typed just before the reload.");
  await expect(page.getByTestId("save-status")).toHaveText(SAVED, { timeout: 15_000 });

  await page.reload();
  await expect(body(page)).toHaveText("Saved paragraph. Typed just before the reload.");
  await expect(page.getByRole("region", { name: "Unsaved text found" })).toHaveCount(0);
});

test("Discard drops the stored copy", async ({ signedIn }) => {
  const page = await signedIn("writer2");
  await createDraft(page, uniqueHeadline("Discarded copy"), "Kept paragraph.");
  page.on("dialog", (dialog) => void dialog.accept());
  await endOfText(page);
  await page.keyboard.type(" Thrown away.");
  await page.reload();
  const offer = page.getByRole("region", { name: "Unsaved text found" });
  await offer.getByRole("button", { name: "Discard" }).click();
  await expect(offer).toHaveCount(0);
  await expect(body(page)).toHaveText("Kept paragraph.");
  await page.reload();
  await expect(page.getByRole("region", { name: "Unsaved text found" })).toHaveCount(0);
});

test("an uploaded image is inserted as a figure with its required description and a caption", async ({ signedIn }) => {
  const page = await signedIn("writer");
  await createDraft(page, uniqueHeadline("With a picture"), "Text above the picture.");
  await endOfText(page);
  await page.keyboard.press("Enter");

  const chooser = page.waitForEvent("filechooser");
  await toolbar(page).getByRole("button", { name: "Insert image", exact: true }).click();
  await (await chooser).setFiles(path.join(__dirname, "fixtures", "red-8x6.png"));
  const form = page.getByRole("group", { name: "Describe the image" });
  await expect(form).toBeVisible();
  await form.getByRole("button", { name: "Insert this image" }).click();
  await expect(form.getByTestId("image-error")).toHaveText("Every image needs a description (alt text).");
  await form.getByLabel("Description (alt text, required)").fill("A red rectangle");
  await form.getByLabel("Caption (optional)").fill("Our new logo");
  await form.getByRole("button", { name: "Insert this image" }).click();
  await expect(form).toHaveCount(0);

  const figure = body(page).locator("figure");
  await expect(figure.getByRole("img", { name: "A red rectangle" })).toHaveAttribute("src", /^\/media\/[a-z0-9][a-z0-9._-]+$/);
  await expect(figure.locator("figcaption")).toHaveText("Our new logo");
  await expect(page.getByTestId("save-status")).toHaveText(SAVED, { timeout: 15_000 });

  await page.reload();
  await expect(body(page).locator("figure").getByRole("img", { name: "A red rectangle" })).toBeVisible();
  await expect(body(page).locator("figcaption")).toHaveText("Our new logo");
});

test("a save that cannot reach the server says so, retries, and succeeds once the server answers again", async ({ signedIn }) => {
  const page = await signedIn("writer2");
  await createDraft(page, uniqueHeadline("Flaky network"), "Steady paragraph.");
  const status = page.getByTestId("save-status");
  // Autosave is a PUT to the release's draft address: those fail; presence and the rest pass.
  const offline = async (route: Route) => {
    if (route.request().method() === "PUT") await route.abort("internetdisconnected");
    else await route.continue();
  };
  await page.route("**/api/releases/*/draft", offline);

  await endOfText(page);
  await page.keyboard.type(" Written while offline.");
  await expect(status).toHaveText("Not saved — retrying", { timeout: 10_000 });
  await expect(page.getByRole("button", { name: "Submit for review" })).toBeDisabled();
  await expect(body(page)).toHaveText("Steady paragraph. Written while offline.");

  await page.unroute("**/api/releases/*/draft", offline);
  await expect(status).toHaveText(SAVED, { timeout: 20_000 });
  await expect(page.getByRole("button", { name: "Submit for review" })).toBeEnabled();
  await page.reload();
  await expect(body(page)).toHaveText("Steady paragraph. Written while offline.");
});
