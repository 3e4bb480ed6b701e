import Link from "next/link";
import type { PublicSettings } from "@/db/public/settings";
import { mediaUrl } from "@/lib/media/files";
import { SearchForm } from "@/components/site/search-form";

const NAVIGATION = [
  { href: "/", label: "Latest" },
  { href: "/archive", label: "Archive" },
  { href: "/topics", label: "Topics" },
  { href: "/about", label: "About" },
];

/** Organisation name, the sections, and a search box that is a plain GET form (no JavaScript). */
export function SiteHeader({ settings }: { settings: PublicSettings }) {
  return (
    <header className="site-header border-t-4 border-accent bg-white dark:bg-slate-950">
      <div className="mx-auto flex max-w-5xl flex-wrap items-end justify-between gap-x-8 gap-y-4 px-4 pt-6 pb-4">
        <Link href="/" className="group flex items-end gap-4">
          {settings.logoKey && (
            // eslint-disable-next-line @next/next/no-img-element -- an uploaded file from our own /media route, no optimiser
            <img src={mediaUrl(settings.logoKey)} alt="" className="h-14 w-auto" />
          )}
          <span>
          <span className="block text-xs font-semibold uppercase tracking-[0.2em] text-slate-600 dark:text-slate-400">Newsroom</span>
          <span className="mt-1 block font-serif text-2xl leading-tight text-slate-900 text-balance group-hover:underline sm:text-3xl dark:text-slate-50">
            {settings.organisationName}
          </span>
          </span>
        </Link>
        <SearchForm id="site-search" className="flex w-full items-stretch gap-2 sm:w-auto" inputClassName="min-w-0 flex-1 rounded border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-900 placeholder:text-slate-500 sm:w-56 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100" />
      </div>
      <nav aria-label="Sections" className="border-b border-slate-200 dark:border-slate-800">
        <ul className="mx-auto flex max-w-5xl flex-wrap gap-x-6 gap-y-1 px-4 pb-3 text-sm font-medium text-slate-700 dark:text-slate-300">
          {NAVIGATION.map((item) => (
            <li key={item.href}>
              <Link href={item.href} className="underline-offset-4 hover:text-slate-950 hover:underline dark:hover:text-white">
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
