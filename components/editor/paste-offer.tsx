"use client";

import { Button } from "@/components/ui/button";
import type { PastedRelease } from "@/lib/content/paste";
import { formatCalendarDate } from "@/lib/format/dates";

const FIELDS = [
  ["headline", "headline"],
  ["releaseDate", "release date"],
  ["type", "type"],
  ["dateline", "dateline"],
  ["reference", "reference"],
  ["subtitle", "subtitle"],
  ["language", "language"],
] as const;

function listed(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

function shown(key: (typeof FIELDS)[number][0], value: string): string {
  if (key === "releaseDate") return formatCalendarDate(value);
  if (key === "type") return value.replace(/-/g, " ");
  return value;
}

/** Shown after a paste that starts like a whole release: fill in its details, or keep the text as pasted. */
export function PasteOffer({ release, onAccept, onDecline }: { release: PastedRelease; onAccept: () => void; onDecline: () => void }) {
  const present = FIELDS.filter(([key]) => release.details[key]);
  const letterhead = release.setAside.length > 0 ? ", and set the letterhead aside" : "";
  return (
    <div
      role="region"
      aria-label="Whole release pasted"
      data-testid="paste-offer"
      className="space-y-2 border-b border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-50"
    >
      <p>
        This looks like a whole release: fill in the {listed(present.map(([, name]) => name))}
        {letterhead}?
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
        {present.map(([key, name]) => (
          <div key={key} className="contents">
            <dt className="font-medium first-letter:uppercase">{name}</dt>
            <dd>{shown(key, release.details[key]!)}</dd>
          </div>
        ))}
        {release.setAside.length > 0 && (
          <div className="contents">
            <dt className="font-medium">Set aside</dt>
            <dd>{release.setAside.join(" / ")}</dd>
          </div>
        )}
      </dl>
      <div className="flex flex-wrap gap-2">
        <Button onClick={onAccept}>Fill in the details</Button>
        <Button variant="secondary" onClick={onDecline}>
          Keep as pasted
        </Button>
      </div>
    </div>
  );
}
