"use client";

import { useEffect, useState } from "react";

/** How often the open editor reports in (the server counts someone present for 30 s). */
const POLL_MS = 10_000;

/** "Also open by: Eli Editor": other staff members with this release open now. */
export function Presence({ releaseId }: { releaseId: string }) {
  const [names, setNames] = useState<string[]>([]);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const report = async () => {
      if (document.visibilityState === "visible") {
        try {
          const response = await fetch(`/api/releases/${encodeURIComponent(releaseId)}/presence`, { method: "POST", cache: "no-store" });
          if (response.ok) {
            const json = (await response.json()) as { others?: { name: string }[] };
            if (!stopped) setNames((json.others ?? []).map((other) => other.name));
          }
        } catch {
          // Presence is a courtesy: a missed report changes nothing.
        }
      }
      if (!stopped) timer = setTimeout(() => void report(), POLL_MS);
    };
    void report();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [releaseId]);

  if (names.length === 0) return null;
  return (
    <p data-testid="presence" aria-live="polite" className="rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900 dark:bg-sky-950 dark:text-sky-100">
      Also open by: {names.join(", ")}
    </p>
  );
}
