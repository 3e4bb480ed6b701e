import { describe, expect, it } from "vitest";
import { attachmentDisposition, cleanOriginalName, downloadName, isMediaKey, mediaResponseHeaders, tooLargeMessage } from "./files";

const MB = 1024 * 1024;

describe("tooLargeMessage", () => {
  it("names the size and the limit in MB", () => {
    expect(tooLargeMessage(Math.round(23.4 * MB), 20 * MB)).toBe("The file is too large: 23.4 MB; the limit is 20 MB.");
    expect(tooLargeMessage(30 * MB, 20 * MB)).toBe("The file is too large: 30 MB; the limit is 20 MB.");
  });

  it("never shows a size that rounds down to the limit", () => {
    expect(tooLargeMessage(20 * MB + 1, 20 * MB)).toBe("The file is too large: 20.1 MB; the limit is 20 MB.");
  });

  it("says only the limit when the size is unknown", () => {
    expect(tooLargeMessage(null, 20 * MB)).toBe("The file is too large; the limit is 20 MB.");
  });
});

describe("keys", () => {
  it("accepts only server-made keys", () => {
    expect(isMediaKey("0123456789abcdef0123456789abcdef.png")).toBe(true);
    expect(isMediaKey("0123456789abcdef0123456789abcdef.docx")).toBe(true);
    for (const bad of ["../etc/passwd", "0123456789abcdef0123456789abcdef.svg", "0123456789ABCDEF0123456789abcdef.png", "report.pdf", "0123456789abcdef0123456789abcdef.png/x", ""]) {
      expect(isMediaKey(bad), bad).toBe(false);
    }
  });
});

describe("original names", () => {
  it("keep the file's own name only, without control or bidi characters", () => {
    expect(cleanOriginalName("C:\\Users\\ana\\Annual report.pdf", "pdf")).toBe("Annual report.pdf");
    expect(cleanOriginalName("../../etc/passwd", "pdf")).toBe("passwd");
    expect(cleanOriginalName("evil\u202Efdp.exe\r\n", "pdf")).toBe("evilfdp.exe");
    expect(cleanOriginalName("  ", "png")).toBe("upload.png");
    expect(cleanOriginalName("x".repeat(500), "png")).toHaveLength(200);
  });

  it("downloads end in the real type's extension", () => {
    expect(downloadName("Statement.pdf", "pdf")).toBe("Statement.pdf");
    expect(downloadName("Statement.PDF", "pdf")).toBe("Statement.PDF");
    expect(downloadName("Statement.png", "pdf")).toBe("Statement.png.pdf");
  });

  it("the attachment header carries a safe ASCII name and the UTF-8 name", () => {
    expect(attachmentDisposition('Pressemitteilung "Überblick"; 2026.docx', "docx")).toBe(
      "attachment; filename=\"Pressemitteilung __berblick__ 2026.docx\"; filename*=UTF-8''Pressemitteilung%20%22%C3%9Cberblick%22%3B%202026.docx",
    );
  });
});

describe("mediaResponseHeaders", () => {
  const base = { key: "0123456789abcdef0123456789abcdef.png", kind: "image" as const, mimeType: "image/png", size: 68, originalName: "a.png" };

  it("images: inline; public files are cacheable, staff-only ones are not", () => {
    const headers = mediaResponseHeaders({ ...base, audience: "public" });
    expect(Object.fromEntries(headers)).toEqual({
      "content-type": "image/png",
      "content-length": "68",
      "x-content-type-options": "nosniff",
      "content-disposition": "inline",
      "cache-control": "public, max-age=300",
      "content-security-policy": "default-src 'none'; sandbox",
    });
    expect(mediaResponseHeaders({ ...base, audience: "staff" }).get("cache-control")).toBe("private, no-store");
  });

  it("documents: an attachment with the original name", () => {
    const headers = mediaResponseHeaders({
      ...base,
      key: "0123456789abcdef0123456789abcdef.pdf",
      kind: "document",
      mimeType: "application/pdf",
      originalName: "Statement.pdf",
      audience: "public",
    });
    expect(headers.get("content-disposition")).toBe("attachment; filename=\"Statement.pdf\"; filename*=UTF-8''Statement.pdf");
  });
});
