import Link from "next/link";
import type { PublicSettings } from "@/db/public/settings";
import { FeedLinks } from "./feed-links";

export function SiteFooter({ settings }: { settings: PublicSettings }) {
  const { letterhead } = settings;
  return (
    <footer className="site-footer mt-16 border-t border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto grid max-w-5xl gap-6 px-4 py-8 text-sm text-slate-600 sm:grid-cols-2 dark:text-slate-400">
        <address className="not-italic">
          <strong className="block font-serif text-base font-normal text-slate-900 dark:text-slate-100">{settings.organisationName}</strong>
          {letterhead.address.map((line) => (
            <span key={line} className="block">
              {line}
            </span>
          ))}
        </address>
        <div className="space-y-1 sm:text-right">
          {letterhead.phones.map((phone) => (
            <span key={phone} className="block">
              Tel. <a href={`tel:${phone.replace(/[^\d+]/g, "")}`}>{phone}</a>
            </span>
          ))}
          {letterhead.email && (
            <a className="block underline underline-offset-2" href={`mailto:${letterhead.email}`}>
              {letterhead.email}
            </a>
          )}
          <Link className="block underline underline-offset-2" href="/about">
            About us and media contacts
          </Link>
          <FeedLinks scope={{ kind: "all" }} label="All releases by" />
        </div>
      </div>
    </footer>
  );
}
