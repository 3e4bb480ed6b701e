/**
 * Tiny files built byte by byte for the media tests: just enough of each format for the sniffer and
 * image-size to recognise it. Not real pictures.
 */

const ascii = (text: string) => Array.from(text, (character) => character.charCodeAt(0));
const u16be = (value: number) => [(value >> 8) & 0xff, value & 0xff];
const u16le = (value: number) => [value & 0xff, (value >> 8) & 0xff];
const u24le = (value: number) => [value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff];
const u32be = (value: number) => [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
const u32le = (value: number) => [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];

export const bytesOf = (text: string) => new TextEncoder().encode(text);

/** Signature, IHDR (width × height, 8-bit RGBA), an empty IDAT and IEND. CRCs are not checked by anyone here. */
export function png(width = 1, height = 1): Uint8Array<ArrayBuffer> {
  const chunk = (type: string, data: number[]) => [...u32be(data.length), ...ascii(type), ...data, 0, 0, 0, 0];
  return Uint8Array.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
    ...chunk("IHDR", [...u32be(width), ...u32be(height), 8, 6, 0, 0, 0]),
    ...chunk("IDAT", []),
    ...chunk("IEND", []),
  ]);
}

/** SOI, an APP0 (JFIF) or APP1 (Exif orientation) segment, SOF0 with the size, EOI. */
export function jpeg(width = 4, height = 3, options: { orientation?: number } = {}): Uint8Array<ArrayBuffer> {
  const app0 = [0xff, 0xe0, ...u16be(16), ...ascii("JFIF"), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const tiff = [...ascii("II"), 0x2a, 0, ...u32le(8), ...u16le(1), ...u16le(0x0112), ...u16le(3), ...u32le(1), ...u16le(options.orientation ?? 1), 0, 0, ...u32le(0)];
  const exif = [...ascii("Exif"), 0, 0, ...tiff];
  const app1 = [0xff, 0xe1, ...u16be(exif.length + 2), ...exif];
  const sof0 = [0xff, 0xc0, ...u16be(17), 8, ...u16be(height), ...u16be(width), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return Uint8Array.from([0xff, 0xd8, ...(options.orientation ? app1 : app0), ...sof0, 0xff, 0xd9]);
}

export function gif(width = 2, height = 5): Uint8Array<ArrayBuffer> {
  return Uint8Array.from([...ascii("GIF89a"), ...u16le(width), ...u16le(height), 0, 0, 0, 0x3b]);
}

/** RIFF/WEBP with a VP8X header (the canvas size). */
export function webp(width = 7, height = 9): Uint8Array<ArrayBuffer> {
  const vp8x = [0, 0, 0, 0, ...u24le(width - 1), ...u24le(height - 1)];
  const body = [...ascii("WEBP"), ...ascii("VP8X"), ...u32le(vp8x.length), ...vp8x];
  return Uint8Array.from([...ascii("RIFF"), ...u32le(body.length), ...body]);
}

export function pdf(): Uint8Array<ArrayBuffer> {
  return bytesOf("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
}

/** A stored (uncompressed) ZIP archive with the given entries: local headers, central directory, end record. */
export function zip(entries: Record<string, string>): Uint8Array<ArrayBuffer> {
  const local: number[] = [];
  const central: number[] = [];
  let count = 0;
  for (const [name, content] of Object.entries(entries)) {
    const nameBytes = [...bytesOf(name)];
    const data = [...bytesOf(content)];
    const offset = local.length;
    local.push(...u32le(0x04034b50), ...u16le(20), ...u16le(0), ...u16le(0), ...u16le(0), ...u16le(0), ...u32le(0));
    local.push(...u32le(data.length), ...u32le(data.length), ...u16le(nameBytes.length), ...u16le(0), ...nameBytes, ...data);
    central.push(...u32le(0x02014b50), ...u16le(20), ...u16le(20), ...u16le(0), ...u16le(0), ...u16le(0), ...u16le(0), ...u32le(0));
    central.push(...u32le(data.length), ...u32le(data.length), ...u16le(nameBytes.length), ...u16le(0), ...u16le(0));
    central.push(...u16le(0), ...u16le(0), ...u32le(0), ...u32le(offset), ...nameBytes);
    count++;
  }
  const end = [...u32le(0x06054b50), ...u16le(0), ...u16le(0), ...u16le(count), ...u16le(count), ...u32le(central.length), ...u32le(local.length), ...u16le(0)];
  return Uint8Array.from([...local, ...central, ...end]);
}

export function docx(extra: Record<string, string> = {}): Uint8Array<ArrayBuffer> {
  return zip({
    "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    "_rels/.rels": '<?xml version="1.0"?><Relationships/>',
    "word/document.xml": '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>',
    ...extra,
  });
}

export const SVG = '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>\n';

export const HTML = "<!DOCTYPE html>\n<html><body><script>fetch('/api/media')</script></body></html>\n";

/** A DOS/PE header: "MZ" and the start of a stub. */
export function exe(): Uint8Array<ArrayBuffer> {
  return Uint8Array.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00, ...bytesOf("This program cannot be run in DOS mode.")]);
}
