import type { Metadata } from "next";
import Link from "next/link";
import { FeedLinks } from "@/components/site/feed-links";
import { PageHeading } from "@/components/site/page-heading";
import { getPublicSettings } from "@/db/public/settings";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const settings = await getPublicSettings();
  return {
    title: `About ${settings.organisationName}`,
    description: settings.boilerplate || undefined,
    alternates: { canonical: "/about" },
  };
}

function telHref(phone: string) {
  return `tel:${phone.replace(/[^\d+]/g, "")}`;
}

/** The organisation page: who publishes here and how journalists reach the press office. */
export default async function AboutPage() {
  const settings = await getPublicSettings();
  const { letterhead, defaultContact: contact } = settings;
  return (
    <main id="main" className="mx-auto max-w-5xl px-4 py-10">
      <div className="max-w-3xl">
        <PageHeading kicker="About" title={settings.organisationName} />
        {settings.boilerplate && <p className="mt-6 max-w-prose whitespace-pre-line font-serif text-lg leading-relaxed text-slate-800 dark:text-slate-200">{settings.boilerplate}</p>}

        <div className="mt-10 grid gap-8 sm:grid-cols-2">
          <section aria-labelledby="address-heading">
            <h2 id="address-heading" className="text-sm font-semibold uppercase tracking-[0.14em] text-slate-600 dark:text-slate-400">
              Address
            </h2>
            <address className="mt-3 not-italic leading-relaxed">
              {letterhead.address.map((line) => (
                <span key={line} className="block">
                  {line}
                </span>
              ))}
            </address>
          </section>
          <section aria-labelledby="contact-heading">
            <h2 id="contact-heading" className="text-sm font-semibold uppercase tracking-[0.14em] text-slate-600 dark:text-slate-400">
              Contact
            </h2>
            <dl className="mt-3 space-y-1">
              {letterhead.phones.map((phone) => (
                <div key={phone} className="flex gap-2">
                  <dt className="w-16 shrink-0 text-slate-600 dark:text-slate-400">Tel.</dt>
                  <dd>
                    <a href={telHref(phone)} className="underline underline-offset-2">
                      {phone}
                    </a>
                  </dd>
                </div>
              ))}
              {letterhead.fax && (
                <div className="flex gap-2">
                  <dt className="w-16 shrink-0 text-slate-600 dark:text-slate-400">Fax</dt>
                  <dd>{letterhead.fax}</dd>
                </div>
              )}
              {letterhead.email && (
                <div className="flex gap-2">
                  <dt className="w-16 shrink-0 text-slate-600 dark:text-slate-400">Email</dt>
                  <dd>
                    <a href={`mailto:${letterhead.email}`} className="underline underline-offset-2">
                      {letterhead.email}
                    </a>
                  </dd>
                </div>
              )}
              {letterhead.website && /^https?:\/\//.test(letterhead.website) && (
                <div className="flex gap-2">
                  <dt className="w-16 shrink-0 text-slate-600 dark:text-slate-400">Website</dt>
                  <dd>
                    <a href={letterhead.website} className="underline underline-offset-2">
                      {letterhead.website.replace(/^https?:\/\//, "").replace(/\/$/, "")}
                    </a>
                  </dd>
                </div>
              )}
            </dl>
          </section>
        </div>

        {contact && (
          <section aria-labelledby="media-contact-heading" className="mt-10 rounded-md border border-slate-200 p-5 dark:border-slate-800">
            <h2 id="media-contact-heading" className="text-sm font-semibold uppercase tracking-[0.14em] text-slate-600 dark:text-slate-400">
              Media enquiries
            </h2>
            <p className="mt-3 font-medium">{contact.name}</p>
            {contact.role && <p className="text-slate-600 dark:text-slate-400">{contact.role}</p>}
            {contact.email && (
              <p>
                <a href={`mailto:${contact.email}`} className="underline underline-offset-2">
                  {contact.email}
                </a>
              </p>
            )}
            {contact.phone && (
              <p>
                <a href={telHref(contact.phone)} className="underline underline-offset-2">
                  {contact.phone}
                </a>
              </p>
            )}
          </section>
        )}

        <section aria-labelledby="follow-heading" className="mt-10">
          <h2 id="follow-heading" className="text-sm font-semibold uppercase tracking-[0.14em] text-slate-600 dark:text-slate-400">
            Follow our releases
          </h2>
          <div className="mt-3 space-y-2">
            <FeedLinks scope={{ kind: "all" }} label="Every release by" />
            <p className="text-sm text-slate-600 dark:text-slate-400">
              Or by subject on the <Link href="/topics" className="underline underline-offset-2">topic pages</Link>, and everything we have published in the{" "}
              <Link href="/archive" className="underline underline-offset-2">archive</Link>.
            </p>
          </div>
        </section>
      </div>
    </main>
  );
}
