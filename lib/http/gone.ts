/**
 * Retracted releases answer 410 Gone. Next's page cache cannot store a 410, so the release page renders
 * its tombstone (status 200 to Next) and marks the address here; scripts/server.mjs, which runs Next in
 * the same process, turns the status of a marked address into 410. The mark is a cache of what the
 * page rendered, not a source of truth: it is set on every render of a tombstone and cleared whenever
 * the page's cache is expired (db/publishing/invalidate.ts), so it never outlives the cached page.
 */
const REGISTRY = Symbol.for("pressroom.gone-paths");

type Registry = Set<string>;

function registry(): Registry {
  const holder = globalThis as unknown as Record<symbol, Registry | undefined>;
  return (holder[REGISTRY] ??= new Set<string>());
}

/** Called by the release page while it renders a tombstone for `path` (e.g. /releases/old-news). */
export function markGone(path: string) {
  registry().add(path);
}

/** Called when the cached page at `path` is expired: its next render decides again. */
export function clearGone(path: string) {
  registry().delete(path);
}

export function isGone(path: string): boolean {
  return registry().has(path);
}
