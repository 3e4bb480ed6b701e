import path from "node:path";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { E2E_TOPICS } from "./accounts";
import { focusText, moveCaret, test, uniqueHeadline } from "./support";

/**
 * One release in each state, each with an image and a topic. Only the published one may appear on any
 * public surface: its page, the lists, search, every feed, the sitemaps, its share image and its media.
 */
const STATES = ["draft", "scheduled", "embargoed", "trashed", "retracted", "published"] as const;
type State = (typeof STATES)[number];
type Release = { state: State; id: string; token: string; slug: string; mediaPath: string };

const topic = E2E_TOPICS[0];

/** A draft with a unique word in its headline, a topic and an uploaded image. */
async function draftWithImage(page: Page, state: State): Promise<Release> {
  const headline = uniqueHeadline(`Visibility ${state}`);
  const token = headline.split(" ").pop()!;
  await page.goto("/desk/releases/new");
  await page.getByLabel("Headline", { exact: true }).fill(headline);
  await focusText(page, page.getByRole("textbox", { name: "Release text" }));
  await page.keyboard.type(`Text of the ${state} release.`);
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByTestId("release-status")).toHaveText("Draft");
  const id = page.url().split("/").pop()!;

  await focusText(page, page.getByRole("textbox", { name: "Release text" }));
  await moveCaret(page, "Control+End");
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("toolbar", { name: "Formatting" }).first().getByRole("button", { name: "Insert image", exact: true }).click();
  await (await chooser).setFiles(path.join(__dirname, "fixtures", "red-8x6.png"));
  const form = page.getByRole("group", { name: "Describe the image" });
  await form.getByLabel("Description (alt text, required)").fill("A red rectangle");
  await form.getByRole("button", { name: "Insert this image" }).click();
  await page.getByRole("checkbox", { name: topic.name }).check();
  await expect(page.getByTestId("save-status")).toHaveText(/^Saved /, { timeout: 20_000 });
  const mediaPath = (await page.getByRole("textbox", { name: "Release text" }).getByRole("img").getAttribute("src"))!;
  const slug = (await page.getByRole("textbox", { name: "Headline" }).inputValue()).toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return { state, id, token, slug, mediaPath };
}

/** The same transition the desk's buttons take, through the HTTP route, at the release's current version. */
async function transition(request: APIRequestContext, id: string, action: string, extra: Record<string, unknown> = {}) {
  const current = await request.get(`/api/releases/${id}`);
  expect(current.status()).toBe(200);
  const { version } = (await current.json()) as { version: number };
  const response = await request.post(`/api/releases/${id}/transitions`, {
    headers: { Origin: baseURL },
    data: { action, expectedVersion: version, ...extra },
  });
  expect(response.status(), `${action} on ${id}: ${await response.text()}`).toBe(200);
}

test("only the published release appears on any public surface; draft, scheduled, embargoed, trashed and retracted ones appear nowhere", async ({ signedIn, request }) => {
  test.setTimeout(240_000);
  const page = await signedIn("writer");
  const releases: Release[] = [];
  for (const state of STATES) releases.push(await draftWithImage(page, state));

  const editor = await signedIn("editor");
  const later = { local: "2099-01-15T09:00" };
  for (const release of releases) {
    if (release.state === "draft") continue;
    if (release.state === "trashed") {
      await transition(editor.request, release.id, "trash");
      continue;
    }
    await transition(page.request, release.id, "submit");
    await transition(editor.request, release.id, "approve");
    if (release.state === "scheduled") await transition(editor.request, release.id, "schedule", { at: later });
    if (release.state === "embargoed") await transition(editor.request, release.id, "embargo", { at: later });
    if (release.state === "published" || release.state === "retracted") await transition(editor.request, release.id, "publish");
    if (release.state === "retracted") await transition(editor.request, release.id, "retract", { comment: "Issued in error." });
  }
  await editor.context().close();

  const year = new Date().getUTCFullYear();
  const lists = ["/", `/archive/${year}`, `/topics/${topic.slug}`, "/sitemap.xml", "/news-sitemap.xml"];
  const feeds = ["", `/topics/${topic.slug}`, "/languages/en"].flatMap((prefix) => ["feed.xml", "atom.xml", "feed.json"].map((file) => `${prefix}/${file}`));
  const surfaces: Record<string, string> = {};
  for (const address of [...lists, ...feeds]) {
    const response = await request.get(address);
    expect(response.status(), address).toBe(200);
    surfaces[address] = await response.text();
  }

  for (const release of releases) {
    const visible = release.state === "published";
    const label = `${release.state} release`;
    const pageStatus = (await request.get(`/releases/${release.slug}`)).status();
    expect(pageStatus, `${label}: its page`).toBe(visible ? 200 : release.state === "retracted" ? 410 : 404);
    for (const [address, text] of Object.entries(surfaces)) {
      expect(text.includes(release.token) || text.includes(`/releases/${release.slug}`), `${label} on ${address}`).toBe(visible);
    }
    const search = await (await request.get(`/search?q=${release.token}`)).text();
    expect(search.includes(`/releases/${release.slug}`), `${label} in search`).toBe(visible);
    expect((await request.get(`/releases/${release.slug}/share-image.png`)).status(), `${label}: share image`).toBe(visible ? 200 : 404);
    expect((await request.get(release.mediaPath)).status(), `${label}: its image ${release.mediaPath}`).toBe(visible ? 200 : 404);
  }
});
