import type { PublicSettings } from "@/db/public/settings";

export function SiteFooter({ settings }: { settings: PublicSettings }) {
  const { letterhead } = settings;
  return (
    <footer className="mt-16 border-t border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto grid max-w-5xl gap-6 px-4 py-8 text-sm text-slate-600 sm:grid-cols-2 dark:text-slate-400">
        <address className="not-italic">
          <strong className="block text-slate-800 dark:text-slate-200">{settings.organisationName}</strong>
          {letterhead.address.map((line) => (
            <span key={line} className="block">
              {line}
            </span>
          ))}
        </address>
        <div className="space-y-1 sm:text-right">
          {letterhead.phones.map((phone) => (
            <span key={phone} className="block">
              Tel. {phone}
            </span>
          ))}
          {letterhead.email && (
            <a className="block underline" href={`mailto:${letterhead.email}`}>
              {letterhead.email}
            </a>
          )}
          <a className="block underline" href="/feed.xml">
            Subscribe by RSS
          </a>
        </div>
      </div>
    </footer>
  );
}
