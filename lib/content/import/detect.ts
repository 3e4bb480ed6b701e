import { AppError } from "@/lib/errors";
import { importDocx } from "./docx";
import { WINDOWS_1252 } from "./windows-1252";
import { importHtml } from "./html";
import { MAX_IMPORT_BYTES, MAX_IMPORT_LABEL } from "./limits";
import type { ImportResult } from "./result";
import { importPlainText } from "./text";
import { isZip, zipEntries } from "./zip";

/**
 * What an upload is, decided by its content (never by its name): a Word document (a zip with
 * word/document.xml), HTML (if it looks like markup) or plain text (UTF-8, UTF-16 with a byte-order
 * mark, or Windows-1252). Other files get an error a press officer can act on.
 */

export { MAX_IMPORT_BYTES, MAX_IMPORT_LABEL };
/** Uncompressed parts of a .docx (images aside): a zip bomb is refused before mammoth inflates it. */
const MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024;
/**
 * The document part itself: Word writes 3 to 10 bytes of XML per character of text, and a release
 * holds at most about a million characters; longer documents are refused before mammoth reads them.
 */
const MAX_DOCUMENT_XML = 25 * 1024 * 1024;

export type ImportFormat = "docx" | "html" | "text";
export type DocumentImport = ImportResult & { format: ImportFormat };

const FORMAT_NAMES: Record<ImportFormat, string> = { docx: "a Word document", html: "a web page (HTML)", text: "plain text" };

function startsWith(bytes: Uint8Array, ...signature: number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}

function unreadable(what: string): AppError {
  return new AppError("invalid", `${what} Import a Word document (.docx), a web page (.html) or a text file (.txt), or paste the text.`);
}

/** Text from bytes: BOMs honoured, UTF-8 when valid, else Windows-1252; null when it is not text. */
export function decodeText(bytes: Uint8Array): string | null {
  let text: string;
  if (startsWith(bytes, 0xef, 0xbb, 0xbf)) text = new TextDecoder("utf-8").decode(bytes.subarray(3));
  else if (startsWith(bytes, 0xff, 0xfe)) text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
  else if (startsWith(bytes, 0xfe, 0xff)) text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
  else {
    const utf16 = guessUtf16(bytes);
    if (utf16) text = new TextDecoder(utf16).decode(bytes);
    else {
      try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      } catch {
        // Node's "windows-1252" decoder is Latin-1; the 0x80–0x9F range (curly quotes, dashes, €) is mapped here.
        text = new TextDecoder("latin1").decode(bytes).replace(/[\u0080-\u009f]/g, (char) => WINDOWS_1252[char.charCodeAt(0)] ?? char);
      }
    }
  }
  // Binary content: NUL bytes or many control characters.
  const sample = text.slice(0, 65_536);
  if (sample.includes("\u0000")) return null;
  const controls = sample.match(/[\u0001-\u0008\u000e-\u001f\u007f]/g)?.length ?? 0;
  if (controls > Math.max(8, sample.length / 100)) return null;
  return text;
}

/** UTF-16 without a byte-order mark: every other byte is zero in mostly-ASCII text. */
function guessUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const length = Math.min(bytes.length, 2000) & ~1;
  if (length < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < length; i += 2) {
    if (bytes[i] === 0) evenZeros += 1;
    if (bytes[i + 1] === 0) oddZeros += 1;
  }
  const half = length / 2;
  if (oddZeros > half * 0.6 && evenZeros < half * 0.1) return "utf-16le";
  if (evenZeros > half * 0.6 && oddZeros < half * 0.1) return "utf-16be";
  return null;
}

const DOCUMENT_START = /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|style|p|div|h[1-6]|ul|ol|table|span|b|strong|i|em|a|br|section|article|font|blockquote)(?=[\s/>])/i;
const TAG = /<\/?(?:p|div|br|h[1-6]|ul|ol|li|table|tr|td|span|strong|em|b|i|a|font|blockquote)(?=[\s/>])[^<>]{0,300}>/gi;

/** True when the text is markup rather than prose: it starts with a tag, or has several HTML tags early on. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 65_536).replace(/^[\s\uFEFF]+/, "");
  if (DOCUMENT_START.test(head.slice(0, 4096))) return true;
  let count = 0;
  TAG.lastIndex = 0;
  while (TAG.exec(head)) {
    count += 1;
    if (count >= 3) return true;
  }
  return false;
}

/** The format of an upload, decided by content; throws AppError("invalid") for what cannot be imported. */
export function detectFormat(bytes: Uint8Array): { format: "docx" } | { format: "html" | "text"; text: string } {
  if (bytes.length === 0) throw new AppError("invalid", "The file is empty.");
  if (isZip(bytes)) {
    const entries = zipEntries(bytes);
    if (!entries) throw new AppError("invalid", "This file looks like a Word document but is damaged (the archive cannot be read). Save it again as .docx and import that file.");
    const names = new Set(entries.map((entry) => entry.name));
    if (names.has("word/document.xml")) {
      const unpacked = entries.filter((entry) => !entry.name.startsWith("word/media/")).reduce((sum, entry) => sum + entry.size, 0);
      if (unpacked > MAX_DOCX_UNCOMPRESSED) throw new AppError("invalid", "This Word document is too large to import once unpacked. Split it into smaller documents.");
      const main = entries.find((entry) => entry.name === "word/document.xml")!;
      if (main.size > MAX_DOCUMENT_XML) {
        throw new AppError("invalid", "This Word document is too long for one release (a release holds about 150,000 words). Split it into several documents.");
      }
      return { format: "docx" };
    }
    if (names.has("content.xml") && names.has("mimetype")) {
      throw unreadable("OpenDocument files (.odt) cannot be imported yet: save it as a Word document (.docx) first.");
    }
    throw unreadable("This is a zip archive, not a Word document.");
  }
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
    throw unreadable("This is an older Word document (.doc) or a password-protected one, which cannot be read: save it in Word as .docx without a password.");
  }
  if (startsWith(bytes, 0x25, 0x50, 0x44, 0x46)) throw unreadable("PDF files cannot be imported: copy the text from the PDF and paste it instead.");
  if (startsWith(bytes, 0x7b, 0x5c, 0x72, 0x74, 0x66)) throw unreadable("Rich Text files (.rtf) cannot be imported: save it as .docx first.");
  if (startsWith(bytes, 0x89, 0x50, 0x4e, 0x47) || startsWith(bytes, 0xff, 0xd8, 0xff) || startsWith(bytes, 0x47, 0x49, 0x46, 0x38)) {
    throw unreadable("This is an image, not a document.");
  }
  const text = decodeText(bytes);
  if (text === null) throw unreadable("This file could not be read: it is not a document Pressroom knows.");
  return looksLikeHtml(text) ? { format: "html", text } : { format: "text", text };
}

function extensionFormat(fileName: string | undefined): ImportFormat | null {
  const extension = /\.([a-z0-9]{1,5})$/i.exec(fileName ?? "")?.[1]?.toLowerCase();
  if (extension === "docx") return "docx";
  if (extension === "html" || extension === "htm" || extension === "xhtml") return "html";
  if (extension === "txt" || extension === "text") return "text";
  return null;
}

function checkNotEmpty(result: ImportResult) {
  const empty = (result.content.body.content ?? []).every((node) => node.type === "paragraph" && !node.content);
  if (empty && result.content.headline === "") throw new AppError("invalid", "No text was found in this document.");
}

/**
 * Imports an uploaded file: format by content (a wrong file name extension only adds a warning),
 * at most MAX_IMPORT_BYTES, errors as AppError("invalid") with a message for the press officer.
 */
export async function importFile(bytes: Uint8Array, fileName?: string): Promise<DocumentImport> {
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new AppError("invalid", `The file is too large (${(bytes.length / 1024 / 1024).toFixed(1)} MB). Files up to ${MAX_IMPORT_LABEL} can be imported.`);
  }
  const detected = detectFormat(bytes);
  const result =
    detected.format === "docx"
      ? await importDocx(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
      : detected.format === "html"
        ? importHtml(detected.text)
        : importPlainText(detected.text);
  checkNotEmpty(result);
  const named = extensionFormat(fileName);
  if (named && named !== detected.format) {
    result.warnings.unshift(`The file's name ends like ${FORMAT_NAMES[named]}, but it contains ${FORMAT_NAMES[detected.format]}; it was read as such.`);
  }
  return { ...result, format: detected.format };
}

/** Imports pasted text (read as HTML if it is markup). */
export function importPastedText(text: string): DocumentImport {
  if (Buffer.byteLength(text, "utf8") > MAX_IMPORT_BYTES) {
    throw new AppError("invalid", `The pasted text is too long. Up to ${MAX_IMPORT_LABEL} can be imported.`);
  }
  const format = looksLikeHtml(text) ? "html" : "text";
  const result = format === "html" ? importHtml(text) : importPlainText(text);
  checkNotEmpty(result);
  return { ...result, format };
}
