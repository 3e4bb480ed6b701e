import { imageSize } from "image-size";
import type { MediaKind } from "./kinds";
import { MEDIA_TYPES, type MediaExtension } from "./files";

/**
 * What an uploaded file really is, decided from its bytes alone: never from its name or the
 * Content-Type the browser sent. Pure; no I/O.
 */
export type SniffedFile = {
  kind: MediaKind;
  mimeType: string;
  /** The extension our stored key gets (no dot). */
  extension: MediaExtension;
  /** Images only: the displayed size (EXIF rotation applied). */
  width: number | null;
  height: number | null;
};

export type SniffResult = ({ ok: true } & SniffedFile) | { ok: false; reason: "empty" | "svg" | "unsupported" | "damaged"; message: string };

export const ACCEPTED_DESCRIPTION = "a PNG, JPEG, GIF or WebP image, a PDF or a Word document (.docx)";

export const SVG_REFUSED_MESSAGE = "SVG images are not accepted; export the image as PNG or JPEG.";

export function notAcceptedMessage(what: string): string {
  return `This file type is not accepted: ${what}. Upload ${ACCEPTED_DESCRIPTION}.`;
}

const refuse = (reason: "empty" | "svg" | "unsupported" | "damaged", message: string): SniffResult => ({ ok: false, reason, message });

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

const ascii = (text: string) => [...text].map((character) => character.charCodeAt(0));

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GIF87 = ascii("GIF87a");
const GIF89 = ascii("GIF89a");
const RIFF = ascii("RIFF");
const WEBP = ascii("WEBP");
const PDF = ascii("%PDF-");
const ZIP_LOCAL_FILE = [0x50, 0x4b, 0x03, 0x04];

function imageSignature(bytes: Uint8Array): "png" | "jpg" | "gif" | "webp" | null {
  if (startsWith(bytes, PNG)) return "png";
  if (startsWith(bytes, JPEG)) return "jpg";
  if (startsWith(bytes, GIF87) || startsWith(bytes, GIF89)) return "gif";
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return "webp";
  return null;
}

/** image-size's names for the four image types we accept. */
const IMAGE_SIZE_TYPE: Record<"png" | "jpg" | "gif" | "webp", string> = { png: "png", jpg: "jpg", gif: "gif", webp: "webp" };

export function sniffMedia(bytes: Uint8Array): SniffResult {
  if (bytes.length === 0) return refuse("empty", "The file is empty.");

  const image = imageSignature(bytes);
  if (image) {
    let size: ReturnType<typeof imageSize>;
    try {
      size = imageSize(bytes);
    } catch {
      return refuse("damaged", `This ${image === "jpg" ? "JPEG" : image.toUpperCase()} image could not be read; it may be damaged. Export it again and retry.`);
    }
    if (size.type !== IMAGE_SIZE_TYPE[image] || !(size.width > 0) || !(size.height > 0)) {
      return refuse("damaged", "This image could not be read; it may be damaged. Export it again and retry.");
    }
    // EXIF orientations 5–8 turn the picture a quarter: the reader sees width and height swapped.
    const turned = size.orientation !== undefined && size.orientation >= 5 && size.orientation <= 8;
    return {
      ok: true,
      ...MEDIA_TYPES[image],
      extension: image,
      width: turned ? size.height : size.width,
      height: turned ? size.width : size.height,
    };
  }

  if (startsWith(bytes, PDF)) return { ok: true, ...MEDIA_TYPES.pdf, extension: "pdf", width: null, height: null };

  if (startsWith(bytes, ZIP_LOCAL_FILE)) {
    const names = zipEntryNames(bytes);
    if (names === null) return refuse("damaged", "This ZIP-based file could not be read; it may be damaged. Save it again and retry.");
    if (names.includes("word/document.xml")) {
      if (names.some((name) => name.toLowerCase() === "word/vbaproject.bin")) {
        return refuse("unsupported", notAcceptedMessage("a Word document with macros (.docm)"));
      }
      return { ok: true, ...MEDIA_TYPES.docx, extension: "docx", width: null, height: null };
    }
    if (names.includes("xl/workbook.xml")) return refuse("unsupported", notAcceptedMessage("an Excel workbook"));
    if (names.includes("ppt/presentation.xml")) return refuse("unsupported", notAcceptedMessage("a PowerPoint presentation"));
    return refuse("unsupported", notAcceptedMessage("a ZIP archive"));
  }

  return refuse(...describeRefused(bytes));
}

function describeRefused(bytes: Uint8Array): ["svg" | "unsupported", string] {
  const head = textHead(bytes);
  const htmlPage = /^<(!doctype\s+html|html)\b/i.test(head);
  if (!htmlPage && /<svg[\s>/:]/i.test(head)) return ["svg", SVG_REFUSED_MESSAGE];
  if (startsWith(bytes, ascii("MZ"))) return ["unsupported", notAcceptedMessage("a Windows program")];
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return ["unsupported", notAcceptedMessage("a program")];
  if (startsWith(bytes, [0x1f, 0x8b])) return ["unsupported", notAcceptedMessage("a compressed (gzip) file")];
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return ["unsupported", notAcceptedMessage("an old-format Office file (.doc); save it as .docx or PDF")];
  }
  if (startsWith(bytes, ascii("{\\rtf"))) return ["unsupported", notAcceptedMessage("a rich-text file (.rtf); save it as .docx or PDF")];
  if (htmlPage || /<(html|head|body|script|iframe)\b/i.test(head)) {
    return ["unsupported", notAcceptedMessage("an HTML page")];
  }
  if (head.startsWith("<")) return ["unsupported", notAcceptedMessage("an XML or markup document")];
  return ["unsupported", notAcceptedMessage("its content is not a recognised image or document")];
}

/** The first few kilobytes as text, without a byte-order mark or leading white space. */
function textHead(bytes: Uint8Array): string {
  let start = 0;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) start = 3;
  let text: string;
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    text = new TextDecoder(bytes[0] === 0xff ? "utf-16le" : "utf-16be").decode(bytes.subarray(2, 16_384));
  } else {
    text = new TextDecoder("utf-8").decode(bytes.subarray(start, 16_384));
  }
  return text.replace(/^\s+/, "");
}

// ---------------------------------------------------------------------------------------------
// ZIP: just enough of the central directory to list the entry names.

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_MIN_LENGTH = 22;
const MAX_COMMENT = 0xffff;
const MAX_ENTRIES = 10_000;

/** The entry names of a ZIP file's central directory, or null when it cannot be read (or needs ZIP64). */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lowest = Math.max(0, bytes.length - EOCD_MIN_LENGTH - MAX_COMMENT);
  let eocd = -1;
  for (let offset = bytes.length - EOCD_MIN_LENGTH; offset >= lowest; offset--) {
    if (view.getUint32(offset, true) === EOCD_SIGNATURE && offset + EOCD_MIN_LENGTH + view.getUint16(offset + 20, true) === bytes.length) {
      eocd = offset;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = view.getUint16(eocd + 10, true);
  const directorySize = view.getUint32(eocd + 12, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  if (entries === 0xffff || directoryOffset === 0xffffffff || directorySize === 0xffffffff) return null; // ZIP64
  if (entries > MAX_ENTRIES || directoryOffset + directorySize > eocd) return null;

  const decoder = new TextDecoder("utf-8");
  const names: string[] = [];
  let offset = directoryOffset;
  for (let index = 0; index < entries; index++) {
    if (offset + 46 > eocd || view.getUint32(offset, true) !== CENTRAL_SIGNATURE) return null;
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const nameEnd = offset + 46 + nameLength;
    if (nameEnd > eocd) return null;
    names.push(decoder.decode(bytes.subarray(offset + 46, nameEnd)));
    offset = nameEnd + extraLength + commentLength;
  }
  return names;
}
