"use client";

import { useSyncExternalStore } from "react";

// The editor's autosave moves a release's version on without rendering the page again. Forms beside
// the editor that name the version they are based on (the web address) read it here, so the writer's
// own autosave does not turn their next change into a conflict.

const versions = new Map<string, number>();
const listeners = new Set<() => void>();

/** Called by the editor after each save the server acknowledged. */
export function publishVersion(releaseId: string, version: number) {
  if (versions.get(releaseId) === version) return;
  versions.set(releaseId, version);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The newest version of the release known in this page: the one it was rendered with, or a later one
 * the editor's autosave published (versions only grow, so the larger is the newer).
 */
export function useLiveVersion(releaseId: string, rendered: number): number {
  const published = useSyncExternalStore(
    subscribe,
    () => versions.get(releaseId) ?? 0,
    () => 0,
  );
  return Math.max(published, rendered);
}
