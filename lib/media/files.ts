import type { MediaKind } from "./kinds";

/**
 * Pure rules about stored media files: the accepted types, the shape of a key, the size message, the
 * original name as we keep and show it, and the headers a file is served with. No dependencies, so
 * proxy.ts can import it.
 */

export const DOCX_MIME_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** Every type we accept (lib/media/sniff.ts decides which one a file is), by the extension of its key. */
export const MEDIA_TYPES = {
  png: { kind: "image", mimeType: "image/png" },
  jpg: { kind: "image", mimeType: "image/jpeg" },
  gif: { kind: "image", mimeType: "image/gif" },
  webp: { kind: "image", mimeType: "image/webp" },
  pdf: { kind: "document", mimeType: "application/pdf" },
  docx: { kind: "document", mimeType: DOCX_MIME_TYPE },
} as const satisfies Record<string, { kind: MediaKind; mimeType: string }>;

export type MediaExtension = keyof typeof MEDIA_TYPES;

/** A key is always server-made: 32 hex characters (16 random bytes) and the extension of the sniffed type. */
export const MEDIA_KEY_PATTERN = new RegExp(`^[0-9a-f]{32}\\.(${Object.keys(MEDIA_TYPES).join("|")})$`);

export function isMediaKey(value: string): boolean {
  return MEDIA_KEY_PATTERN.test(value);
}

export function mediaUrl(key: string): string {
  return `/media/${key}`;
}

const MEGABYTE = 1024 * 1024;

function megabytes(value: number): number {
  return Math.round((value / MEGABYTE) * 10) / 10;
}

function formatMegabytes(value: number): string {
  return `${Number.isInteger(value) ? value.toFixed(0) : value.toFixed(1)} MB`;
}

/**
 * "The file is too large: 23.4 MB; the limit is 20 MB." The size never rounds down to the limit; null
 * when the size is not known (a body cut off as it passed the limit).
 */
export function tooLargeMessage(size: number | null, limit: number): string {
  const limitShown = megabytes(limit);
  if (size === null) return `The file is too large; the limit is ${formatMegabytes(limitShown)}.`;
  let sizeShown = megabytes(size);
  if (sizeShown <= limitShown) sizeShown = Math.round((limitShown + 0.1) * 10) / 10;
  return `The file is too large: ${formatMegabytes(sizeShown)}; the limit is ${formatMegabytes(limitShown)}.`;
}

const MAX_NAME_LENGTH = 200;

/**
 * The name the uploader's file had, as we keep it for display: no folders, no control or bidi
 * characters, white space collapsed, at most 200 characters. Empty names become "upload.<ext>".
 */
export function cleanOriginalName(name: string, extension: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  const short = [...cleaned].slice(0, MAX_NAME_LENGTH).join("");
  return short && short !== "." && short !== ".." ? short : `upload.${extension}`;
}

/** The file name offered on download: the original name, ending in the real type's extension. */
export function downloadName(originalName: string, extension: string): string {
  const name = cleanOriginalName(originalName, extension);
  return name.toLowerCase().endsWith(`.${extension}`) ? name : `${name}.${extension}`;
}

/** `attachment` with an ASCII fallback name and the UTF-8 name (RFC 6266 / RFC 5987). */
export function attachmentDisposition(originalName: string, extension: string): string {
  const name = downloadName(originalName, extension);
  const fallback = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\%;]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Served files can never run anything, even when opened directly: no sources at all, sandboxed. */
export const MEDIA_CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox";

export type MediaAudience = "public" | "staff";

export function mediaResponseHeaders(file: {
  key: string;
  kind: MediaKind;
  mimeType: string;
  size: number;
  originalName: string;
  audience: MediaAudience;
}): Headers {
  const extension = file.key.slice(file.key.lastIndexOf(".") + 1);
  return new Headers({
    "Content-Type": file.mimeType,
    "Content-Length": String(file.size),
    "X-Content-Type-Options": "nosniff",
    "Content-Disposition": file.kind === "image" ? "inline" : attachmentDisposition(file.originalName, extension),
    "Cache-Control": file.audience === "public" ? "public, max-age=300" : "private, no-store",
    "Content-Security-Policy": MEDIA_CONTENT_SECURITY_POLICY,
  });
}
