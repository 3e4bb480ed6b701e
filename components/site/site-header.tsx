import Link from "next/link";
import type { PublicSettings } from "@/db/public/settings";

export function SiteHeader({ settings }: { settings: PublicSettings }) {
  return (
    <header className="border-b-4 bg-white dark:bg-slate-950" style={{ borderColor: settings.accentColor }}>
      <div className="mx-auto flex max-w-5xl flex-wrap items-end justify-between gap-4 px-4 py-6">
        <Link href="/" className="group">
          <span className="block text-xs font-semibold uppercase tracking-[0.2em] text-slate-500">Newsroom</span>
          <span className="mt-1 block font-serif text-2xl text-slate-900 group-hover:underline dark:text-slate-50">{settings.organisationName}</span>
        </Link>
        <nav aria-label="Site" className="flex gap-5 text-sm text-slate-700 dark:text-slate-300">
          <Link href="/" className="hover:underline">
            Latest releases
          </Link>
          <a href="/feed.xml" className="hover:underline">
            RSS feed
          </a>
        </nav>
      </div>
    </header>
  );
}
