import { describe, expect, it } from "vitest";
import { notificationEmail } from "./notification-email";

describe("notificationEmail", () => {
  it("names the event and the headline in the subject and links to the release in both parts", () => {
    const email = notificationEmail({
      kind: "review_requested",
      headline: "Harbour reopens",
      notice: "Ana asks for a review of “Harbour reopens”.",
      releaseUrl: "https://news.example.org/desk/releases/5b0c",
      organisationName: "Port Authority",
    });
    expect(email.subject).toBe("Review requested: Harbour reopens");
    expect(email.text).toContain("Ana asks for a review of “Harbour reopens”.");
    expect(email.text).toContain("Open the release to review it: https://news.example.org/desk/releases/5b0c");
    expect(email.html).toContain('<a href="https://news.example.org/desk/releases/5b0c">Open the release to review it</a>');
    expect(email.text).toContain("Pressroom · Port Authority");
  });

  it("keeps a headline with line breaks on one subject line and escapes markup in the HTML", () => {
    const email = notificationEmail({
      kind: "changes_requested",
      headline: "Line one\r\nBcc: victim@example.org",
      notice: 'Bo requested changes to “<img src=x onerror="alert(1)">”.',
      releaseUrl: "https://news.example.org/desk/releases/1?a=1&b=2",
    });
    expect(email.subject).toBe("Changes requested: Line one Bcc: victim@example.org");
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.html).not.toContain("<img");
    expect(email.html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(email.html).toContain('href="https://news.example.org/desk/releases/1?a=1&amp;b=2"');
  });

  it("has a subject for every kind", () => {
    expect(["approved", "published"].map((kind) => notificationEmail({ kind: kind as "approved" | "published", headline: "H", notice: "n", releaseUrl: "u" }).subject)).toEqual([
      "Approved: H",
      "Published: H",
    ]);
  });
});
