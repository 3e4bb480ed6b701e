/**
 * Keyset pagination over (effective_date desc, published_at desc, release_id desc). A cursor names the
 * row a page starts after ("older": the next page down) or before ("newer": back up), as opaque
 * base64url text in the address. Anything that does not decode to exactly that shape is no cursor at
 * all (an address from before the date was part of it included): the list starts at the top rather
 * than failing.
 */
export type Cursor = { direction: "older" | "newer"; date: string; at: string; id: string };

/** The row's effective date (a calendar date, YYYY-MM-DD). */
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An instant as Postgres prints it for the cursor: UTC, up to microseconds. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_CURSOR_CHARS = 200;

export function encodeCursor(cursor: Cursor): string {
  const payload = `${cursor.direction === "older" ? "o" : "n"}|${cursor.date}|${cursor.at}|${cursor.id.toLowerCase()}`;
  return Buffer.from(payload, "utf8").toString("base64url");
}

export function decodeCursor(value: unknown): Cursor | null {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_CURSOR_CHARS) return null;
  if (!/^[A-Za-z0-9_-]+$/.test(value)) return null;
  const parts = Buffer.from(value, "base64url").toString("utf8").split("|");
  if (parts.length !== 4) return null;
  const [direction, date, at, id] = parts as [string, string, string, string];
  if ((direction !== "o" && direction !== "n") || !DATE.test(date) || !INSTANT.test(at) || !UUID.test(id)) return null;
  if (!isRealInstant(`${date}T00:00:00Z`) || !isRealInstant(at)) return null;
  return { direction: direction === "o" ? "older" : "newer", date, at, id: id.toLowerCase() };
}

/** JavaScript rolls 30 February over into March; Postgres refuses it (and year 0) with an error. */
function isRealInstant(at: string): boolean {
  const [year, month, day, hour, minute, second] = at.split(/[-T:.Z]/).slice(0, 6).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  date.setUTCFullYear(year);
  return (
    year >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second
  );
}
