/**
 * Importing press releases written elsewhere: plain text, HTML and Word (.docx) to release content
 * (headline, a valid body, and the metadata recognised at the top: type, date, dateline, reference…).
 * Pure: no I/O, no DOM.
 */
export { importPlainText } from "./text";
export { importHtml } from "./html";
export { importDocx } from "./docx";
export { detectFormat, importFile, importPastedText, MAX_IMPORT_BYTES, MAX_IMPORT_LABEL, type DocumentImport, type ImportFormat } from "./detect";
export type { ImportedContent, ImportResult } from "./result";
