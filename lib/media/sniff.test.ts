import { describe, expect, it } from "vitest";
import { bytesOf, docx, exe, gif, HTML, jpeg, pdf, png, SVG, webp, zip } from "@/tests/support/media-fixtures";
import { DOCX_MIME_TYPE } from "./files";
import { SVG_REFUSED_MESSAGE, sniffMedia, zipEntryNames } from "./sniff";

describe("sniffMedia: accepted types, by content", () => {
  it.each([
    ["a 1×1 PNG", png(1, 1), "image/png", "png", 1, 1],
    ["a 640×480 PNG", png(640, 480), "image/png", "png", 640, 480],
    ["a JPEG", jpeg(4, 3), "image/jpeg", "jpg", 4, 3],
    ["a GIF", gif(2, 5), "image/gif", "gif", 2, 5],
    ["a WebP", webp(7, 9), "image/webp", "webp", 7, 9],
  ])("%s is an image with its size", (_label, bytes, mimeType, extension, width, height) => {
    expect(sniffMedia(bytes)).toEqual({ ok: true, kind: "image", mimeType, extension, width, height });
  });

  it("turns width and height for a JPEG whose EXIF orientation rotates it a quarter", () => {
    expect(sniffMedia(jpeg(400, 300, { orientation: 6 }))).toMatchObject({ ok: true, width: 300, height: 400 });
    expect(sniffMedia(jpeg(400, 300, { orientation: 3 }))).toMatchObject({ ok: true, width: 400, height: 300 });
  });

  it("a PDF is a document", () => {
    expect(sniffMedia(pdf())).toEqual({ ok: true, kind: "document", mimeType: "application/pdf", extension: "pdf", width: null, height: null });
  });

  it("a ZIP whose central directory lists word/document.xml is a Word document", () => {
    expect(sniffMedia(docx())).toEqual({ ok: true, kind: "document", mimeType: DOCX_MIME_TYPE, extension: "docx", width: null, height: null });
  });
});

describe("sniffMedia: refused", () => {
  it("refuses SVG with its own message, with or without an XML prolog, BOM or leading space", () => {
    for (const text of [SVG, '<svg xmlns="http://www.w3.org/2000/svg"/>', `\ufeff  \n${SVG}`, '<!-- x -->\n<!DOCTYPE svg>\n<SVG viewBox="0 0 1 1"></SVG>']) {
      expect(sniffMedia(bytesOf(text))).toEqual({ ok: false, reason: "svg", message: SVG_REFUSED_MESSAGE });
    }
    expect(SVG_REFUSED_MESSAGE).toBe("SVG images are not accepted; export the image as PNG or JPEG.");
  });

  it("refuses an HTML page (whatever its name says)", () => {
    const result = sniffMedia(bytesOf(HTML));
    expect(result).toMatchObject({ ok: false, reason: "unsupported" });
    expect(!result.ok && result.message).toBe(
      "This file type is not accepted: an HTML page. Upload a PNG, JPEG, GIF or WebP image, a PDF or a Word document (.docx).",
    );
  });

  it.each([
    ["a Windows program", exe(), /not accepted: a Windows program\./],
    ["an ELF program", Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), /not accepted: a program\./],
    ["plain text", bytesOf("Just some words.\n"), /not accepted: its content is not a recognised image or document\./],
    ["other XML", bytesOf('<?xml version="1.0"?><rss/>'), /not accepted: an XML or markup document\./],
    ["a plain ZIP", zip({ "readme.txt": "hi" }), /not accepted: a ZIP archive\./],
    ["an Excel workbook", zip({ "xl/workbook.xml": "<workbook/>" }), /not accepted: an Excel workbook\./],
    ["a macro-enabled Word file", docx({ "word/vbaProject.bin": "macro" }), /not accepted: a Word document with macros/],
    ["an old .doc", Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /old-format Office file/],
  ])("refuses %s", (_label, bytes, message) => {
    const result = sniffMedia(bytes);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
    expect(!result.ok && result.message).toMatch(/^This file type is not accepted: /);
  });

  it("refuses an empty file", () => {
    expect(sniffMedia(new Uint8Array())).toEqual({ ok: false, reason: "empty", message: "The file is empty." });
  });

  it("refuses an image whose signature is right but whose header is cut off", () => {
    expect(sniffMedia(png().subarray(0, 10))).toMatchObject({ ok: false, reason: "damaged" });
    expect(sniffMedia(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]))).toMatchObject({ ok: false, reason: "damaged" });
  });

  it("refuses a ZIP signature without a readable central directory", () => {
    const broken = docx().subarray(0, 60);
    expect(sniffMedia(broken)).toMatchObject({ ok: false, reason: "damaged" });
  });

  it("does not take a mention of word/document.xml inside an entry's content for the directory", () => {
    expect(sniffMedia(zip({ "notes.txt": "see word/document.xml" }))).toMatchObject({ ok: false, reason: "unsupported" });
  });
});

describe("zipEntryNames", () => {
  it("lists the central directory's names in order", () => {
    expect(zipEntryNames(zip({ a: "1", "b/c.xml": "2" }))).toEqual(["a", "b/c.xml"]);
  });

  it("finds the end record behind an archive comment", () => {
    const archive = zip({ "word/document.xml": "<w:document/>" });
    const comment = bytesOf("a comment");
    const withComment = new Uint8Array(archive.length + comment.length);
    withComment.set(archive);
    withComment.set(comment, archive.length);
    const view = new DataView(withComment.buffer);
    view.setUint16(archive.length - 2, comment.length, true);
    expect(zipEntryNames(withComment)).toEqual(["word/document.xml"]);
  });
});
