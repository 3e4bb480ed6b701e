import type { ReactNode } from "react";
import type { ReleasePage } from "@/db/public/listing";
import type { Cursor } from "@/lib/public/cursor";
import { Pagination } from "./pagination";
import { ReleaseSummary } from "./release-summary";

/** A page of releases with its "Newer" / "Older" links; `href` builds the address of another page. */
export function ReleaseList({
  page,
  href,
  empty,
  headingLevel = 2,
}: {
  page: ReleasePage;
  href: (cursor: Cursor) => string;
  empty: ReactNode;
  headingLevel?: 2 | 3;
}) {
  return (
    <>
      {page.items.length === 0 ? (
        <div className="py-10 text-slate-700 dark:text-slate-300">{empty}</div>
      ) : (
        <div>
          {page.items.map((release) => (
            <ReleaseSummary key={release.releaseId} release={release} headingLevel={headingLevel} />
          ))}
        </div>
      )}
      <Pagination
        newer={page.newer ? { href: href(page.newer), label: "Newer releases" } : null}
        older={page.older ? { href: href(page.older), label: "Older releases" } : null}
      />
    </>
  );
}
