"use client";

import clsx from "clsx";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { diffRevisions, type RevisionDiff } from "@/lib/content/diff";
import { renderBodyHtml } from "@/lib/content/render";
import type { ReleaseDraft } from "./metadata-panel";

/** What GET /api/releases/[id] answers. */
export type ServerVersion = {
  version: number;
  content: ReleaseDraft;
  savedBy: string;
  savedAt: string;
};

async function fetchServerVersion(releaseId: string): Promise<ServerVersion> {
  const response = await fetch(`/api/releases/${encodeURIComponent(releaseId)}`, { cache: "no-store", headers: { Accept: "application/json" } });
  const json = (await response.json().catch(() => null)) as (ServerVersion & { error?: string }) | null;
  if (!response.ok || !json || typeof json.version !== "number") {
    throw new Error(json?.error ?? "The other version could not be loaded. Try again.");
  }
  return json;
}

/**
 * Shown when someone else saved the release after this writer opened it. The writer's text stays in
 * the editor; autosave is stopped until they choose: look at the other version, compare, overwrite it
 * with their own, or copy their text somewhere safe.
 */
export function ConflictPanel({
  releaseId,
  message,
  currentVersion,
  mine,
  onOverwrite,
  onCopy,
}: {
  releaseId: string;
  message: string;
  currentVersion: number | null;
  mine: ReleaseDraft;
  onOverwrite: (version: number) => Promise<void>;
  onCopy: () => Promise<boolean>;
}) {
  const [other, setOther] = useState<ServerVersion | null>(null);
  const [view, setView] = useState<"none" | "other" | "diff">("none");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  async function load(): Promise<ServerVersion | null> {
    setError(null);
    try {
      const fresh = await fetchServerVersion(releaseId);
      setOther(fresh);
      return fresh;
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
      return null;
    }
  }

  async function show(next: "other" | "diff") {
    setBusy(true);
    const loaded = other ?? (await load());
    setBusy(false);
    if (loaded) setView(next);
  }

  async function overwrite() {
    setBusy(true);
    // The newest version, in case someone saved again since the conflict was reported.
    const fresh = await load();
    const version = fresh?.version ?? currentVersion;
    if (version === null) {
      setBusy(false);
      return;
    }
    await onOverwrite(version);
    setBusy(false);
  }

  async function copy() {
    setCopied((await onCopy()) ? "Your text is on the clipboard." : "The browser did not allow copying. Select the text in the editor and copy it yourself.");
  }

  return (
    <section
      aria-labelledby="conflict-heading"
      data-testid="conflict-panel"
      className="space-y-3 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-50"
    >
      <h2 id="conflict-heading" className="font-semibold">
        Someone else saved this release
      </h2>
      <p>{message} Autosave is paused until you choose what to do.</p>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" disabled={busy} aria-pressed={view === "other"} onClick={() => void show("other")}>
          See the other version
        </Button>
        <Button variant="secondary" disabled={busy} aria-pressed={view === "diff"} onClick={() => void show("diff")}>
          See the difference
        </Button>
        <Button variant="danger" disabled={busy} onClick={() => void overwrite()}>
          Overwrite with my version
        </Button>
        <Button variant="secondary" onClick={() => void copy()}>
          Copy my text
        </Button>
      </div>
      {copied && <p aria-live="polite">{copied}</p>}
      {error && <p className="font-medium">{error}</p>}
      {other && view === "other" && <OtherVersion other={other} />}
      {other && view === "diff" && <Difference diff={diffRevisions(other.content, mine)} other={other} />}
    </section>
  );
}

function savedLine(other: ServerVersion) {
  const at = new Date(other.savedAt);
  return `Saved by ${other.savedBy}${Number.isNaN(at.getTime()) ? "" : ` at ${at.toLocaleString()}`} (version ${other.version}).`;
}

function OtherVersion({ other }: { other: ServerVersion }) {
  let html: string;
  try {
    html = renderBodyHtml(other.content.body);
  } catch {
    html = "";
  }
  return (
    <div role="region" aria-label="The other version" className="space-y-2 rounded-md border border-slate-300 bg-white p-4 text-slate-900 dark:border-slate-600 dark:bg-slate-950 dark:text-slate-100">
      <p className="text-xs text-slate-600 dark:text-slate-400">{savedLine(other)}</p>
      <p className="font-serif text-lg font-semibold">{other.content.headline}</p>
      {/* Rendered by our own renderer: escaped text, allow-listed links only. */}
      <div className="release-body" dangerouslySetInnerHTML={{ __html: html }} />
    </div>
  );
}

function Difference({ diff, other }: { diff: RevisionDiff; other: ServerVersion }) {
  const unchanged = diff.metadata.length === 0 && diff.body.every((block) => block.change === "same");
  return (
    <div role="region" aria-label="Difference" className="space-y-3 rounded-md border border-slate-300 bg-white p-4 text-slate-900 dark:border-slate-600 dark:bg-slate-950 dark:text-slate-100">
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {savedLine(other)} <del className="bg-red-100 text-red-900 dark:bg-red-900/40 dark:text-red-100">Struck through</del>: only in the other version.{" "}
        <ins className="bg-emerald-100 text-emerald-900 no-underline dark:bg-emerald-900/40 dark:text-emerald-100">Highlighted</ins>: only in yours.
      </p>
      {unchanged && <p>The texts are the same.</p>}
      {diff.metadata.map((change) => (
        <p key={change.field}>
          <span className="font-medium">{change.label}: </span>
          <del className="bg-red-100 dark:bg-red-900/40">{change.before || "(empty)"}</del> → <ins className="bg-emerald-100 no-underline dark:bg-emerald-900/40">{change.after || "(empty)"}</ins>
        </p>
      ))}
      <div className="space-y-2">
        {diff.body.map((block, index) =>
          block.change === "same" ? null : (
            <p key={index} className={clsx(block.kind === "heading" && "font-semibold")}>
              {block.segments.map((segment, at) =>
                segment.kind === "added" ? (
                  <ins key={at} className="bg-emerald-100 no-underline dark:bg-emerald-900/40">
                    {segment.text}
                  </ins>
                ) : segment.kind === "removed" ? (
                  <del key={at} className="bg-red-100 dark:bg-red-900/40">
                    {segment.text}
                  </del>
                ) : (
                  <span key={at}>{segment.text}</span>
                ),
              )}
            </p>
          ),
        )}
      </div>
    </div>
  );
}
