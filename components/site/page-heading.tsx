import type { ReactNode } from "react";

/** The heading block at the top of every list page: a small label, the title, an optional lead. */
export function PageHeading({ kicker, title, children }: { kicker?: string; title: string; children?: ReactNode }) {
  return (
    <header className="border-b border-slate-200 pb-6 dark:border-slate-800">
      {kicker && <p className="text-xs font-semibold uppercase tracking-[0.2em] text-accent-readable">{kicker}</p>}
      <h1 className="mt-2 font-serif text-3xl leading-tight text-slate-900 text-balance sm:text-4xl dark:text-slate-50">{title}</h1>
      {children && <div className="mt-3 max-w-prose text-slate-700 dark:text-slate-300">{children}</div>}
    </header>
  );
}
