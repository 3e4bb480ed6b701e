/**
 * The browser's copy of a draft the server has not acknowledged yet (one per release, in localStorage):
 * written on every unsaved change, removed once the server has the same text, offered back after a
 * reload. Storage that is full or disabled leaves the server copy and the open page.
 */
export type StoredCopy = { json: string; baseVersion: number; at: string };

export function storageKeyFor(releaseId: string) {
  return `pressroom:unsaved:${releaseId}`;
}

export function readStoredCopy(key: string): StoredCopy | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<StoredCopy>;
    if (typeof parsed.json !== "string" || typeof parsed.baseVersion !== "number") return null;
    JSON.parse(parsed.json); // Must be readable.
    return { json: parsed.json, baseVersion: parsed.baseVersion, at: typeof parsed.at === "string" ? parsed.at : "" };
  } catch {
    return null;
  }
}

export function writeStoredCopy(key: string, copy: StoredCopy) {
  try {
    window.localStorage.setItem(key, JSON.stringify(copy));
  } catch {
    // Storage full or disabled: the server copy and the open page are what is left.
  }
}

export function removeStoredCopy(key: string) {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // Nothing to do.
  }
}
