import { describe, expect, it } from "vitest";
import { factSheetDocx, zip } from "@/tests/fixtures/import/docx";
import { fixture } from "@/tests/fixtures/import/helpers";
import { validateBody } from "../validate";
import { decodeText, detectFormat, importFile, importPastedText, looksLikeHtml, MAX_IMPORT_BYTES } from "./detect";

const text = (value: string) => new TextEncoder().encode(value);

describe("detectFormat", () => {
  it("reads the fixtures by content", () => {
    expect(detectFormat(fixture("fact-sheet.docx")).format).toBe("docx");
    expect(detectFormat(fixture("statement-word.html")).format).toBe("html");
    expect(detectFormat(fixture("media-advisory-gdocs.html")).format).toBe("html");
    expect(detectFormat(fixture("press-release.txt")).format).toBe("text");
  });

  it("tells markup from prose that mentions a tag", () => {
    expect(looksLikeHtml("  <!DOCTYPE html><p>x</p>")).toBe(true);
    expect(looksLikeHtml("<meta charset='utf-8'><b>x</b>")).toBe(true);
    expect(looksLikeHtml("Intro\n<p>one</p><p>two</p><br>")).toBe(true);
    expect(looksLikeHtml("Use the <b> tag for bold, says the guide.")).toBe(false);
    expect(looksLikeHtml("Prices < 5 francs > 3 francs")).toBe(false);
  });

  it("decodes UTF-8 (with or without BOM), UTF-16 and Windows-1252", () => {
    expect(decodeText(text("\uFEFFCafé “news”"))).toBe("Café “news”");
    expect(decodeText(Uint8Array.from([0xff, 0xfe, ...Buffer.from("Café", "utf16le")]))).toBe("Café");
    expect(decodeText(Uint8Array.from(Buffer.from("Plain café text", "utf16le")))).toBe("Plain café text");
    expect(decodeText(Uint8Array.from([0x93, 0x43, 0x61, 0x66, 0xe9, 0x94, 0x20, 0x96, 0x20, 0x80, 0x35]))).toBe("“Café” – €5");
  });

  it("refuses what is not a document, with messages a press officer can act on", () => {
    const cases: [Uint8Array, RegExp][] = [
      [new Uint8Array(), /The file is empty/],
      [text("%PDF-1.7 binary"), /PDF files cannot be imported/],
      [Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /older Word document \(\.doc\) or a password-protected one/],
      [text("{\\rtf1\\ansi hello}"), /Rich Text files/],
      [Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), /This is an image/],
      [Uint8Array.from({ length: 600 }, (_, index) => (index * 7919) % 256), /could not be read/],
      [zip([{ name: "notes.txt", data: "hello" }]), /This is a zip archive, not a Word document/],
      [zip([{ name: "mimetype", data: "application/vnd.oasis.opendocument.text" }, { name: "content.xml", data: "<x/>" }]), /OpenDocument files \(\.odt\)/],
      [factSheetDocx().subarray(0, 300), /damaged/],
    ];
    for (const [bytes, message] of cases) expect(() => detectFormat(bytes), String(message)).toThrow(message);
  });

  it("refuses a .docx whose parts would unpack to more than 200 MB, or whose text part is over 25 MB", () => {
    const bomb = zip([{ name: "word/document.xml", data: "<w:document/>" }]);
    const central = bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bomb.writeUInt32LE(300 * 1024 * 1024, central + 24);
    expect(() => detectFormat(bomb)).toThrow(/too large to import once unpacked/);
    bomb.writeUInt32LE(30 * 1024 * 1024, central + 24);
    expect(() => detectFormat(bomb)).toThrow("This Word document is too long for one release (a release holds about 150,000 words). Split it into several documents.");
  });
});

describe("importFile", () => {
  it("goes by content when the file name lies, and says so", async () => {
    const docxAsText = await importFile(fixture("fact-sheet.docx"), "fact-sheet.txt");
    expect(docxAsText.format).toBe("docx");
    expect(docxAsText.content.headline).toBe("Coastal examples in numbers");
    expect(docxAsText.warnings[0]).toBe("The file's name ends like plain text, but it contains a Word document; it was read as such.");

    const htmlAsDocx = await importFile(fixture("statement-word.html"), "statement.docx");
    expect(htmlAsDocx.format).toBe("html");
    expect(htmlAsDocx.warnings[0]).toBe("The file's name ends like a Word document, but it contains a web page (HTML); it was read as such.");

    const textAsHtml = await importFile(fixture("press-release.txt"), "release.html");
    expect(textAsHtml.format).toBe("text");
    expect(textAsHtml.content.reference).toBe("2019/12");
  });

  it("adds no warning when the name agrees, and every result body is valid", async () => {
    for (const name of ["fact-sheet.docx", "statement-word.html", "media-advisory-gdocs.html", "press-release.txt"]) {
      const result = await importFile(fixture(name), name);
      expect(result.warnings.some((warning) => warning.startsWith("The file's name"))).toBe(false);
      expect(validateBody(result.content.body).ok).toBe(true);
    }
  });

  it("refuses files over 10 MB and documents without text", async () => {
    await expect(importFile(new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x61))).rejects.toThrow("The file is too large (10.0 MB). Files up to 10 MB can be imported.");
    await expect(importFile(text("<html><script>alert(1)</script></html>"))).rejects.toThrow("No text was found in this document.");
    await expect(importFile(text(" \n\n\t"))).rejects.toThrow("No text was found in this document.");
  });
});

describe("importPastedText", () => {
  it("reads pasted plain text, and pasted markup as HTML", () => {
    expect(importPastedText("PRESS RELEASE\n\nHeadline\n\nText.")).toMatchObject({ format: "text", content: { type: "press-release", headline: "Headline" } });
    expect(importPastedText("<h1>Headline</h1><p>Text.</p>")).toMatchObject({ format: "html", content: { headline: "Headline" } });
    expect(() => importPastedText("x".repeat(MAX_IMPORT_BYTES + 1))).toThrow("The pasted text is too long. Up to 10 MB can be imported.");
  });
});
