import Link from "next/link";

type Target = { href: string; label: string } | null;

/** Plain links, so paging works without JavaScript; absent when there is nowhere to go. */
export function Pagination({ newer, older, label = "Pages" }: { newer: Target; older: Target; label?: string }) {
  if (!newer && !older) return null;
  return (
    <nav aria-label={label} className="site-pagination mt-8 flex items-center justify-between gap-4 border-t border-slate-200 pt-6 text-sm dark:border-slate-800">
      {newer ? (
        <Link href={newer.href} rel="prev" className="button-link">
          <span aria-hidden="true">← </span>
          {newer.label}
        </Link>
      ) : (
        <span />
      )}
      {older ? (
        <Link href={older.href} rel="next" className="button-link">
          {older.label}
          <span aria-hidden="true"> →</span>
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
