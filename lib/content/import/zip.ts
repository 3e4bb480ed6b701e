/**
 * Just enough of the zip format to decide what an upload is before handing it to mammoth: the names
 * and declared sizes in the central directory (no decompression). Bounds-checked; null when the
 * archive cannot be read.
 */

export type ZipEntry = { name: string; compressedSize: number; size: number };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const MAX_ENTRIES = 10_000;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 22 + 65,535 bytes (its comment may be that long).
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i -= 1) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  const offset = view.getUint32(eocd + 16, true);
  if (count > MAX_ENTRIES || offset >= bytes.length) return null;
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  let position = offset;
  for (let i = 0; i < count; i += 1) {
    if (position + 46 > bytes.length || view.getUint32(position, true) !== CENTRAL) return null;
    const compressedSize = view.getUint32(position + 20, true);
    const size = view.getUint32(position + 24, true);
    const nameLength = view.getUint16(position + 28, true);
    const extraLength = view.getUint16(position + 30, true);
    const commentLength = view.getUint16(position + 32, true);
    if (position + 46 + nameLength > bytes.length) return null;
    entries.push({ name: decoder.decode(bytes.subarray(position + 46, position + 46 + nameLength)), compressedSize, size });
    position += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
