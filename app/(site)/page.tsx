import { ReleaseSummary } from "@/components/site/release-summary";
import { listLatestPublications } from "@/db/public/publications";
import { getPublicSettings } from "@/db/public/settings";

// Rendered per request from cached data; never prerendered at build time, when there is no database.
export const dynamic = "force-dynamic";

export default async function HomePage() {
  const [settings, releases] = await Promise.all([getPublicSettings(), listLatestPublications()]);
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="font-serif text-3xl">Latest releases</h1>
      {releases.length === 0 ? (
        <p className="mt-6 text-slate-600">Nothing has been published yet.</p>
      ) : (
        <div className="mt-4">
          {releases.map((release) => (
            <ReleaseSummary key={release.slug} release={release} timeZone={settings.timeZone} />
          ))}
        </div>
      )}
    </main>
  );
}
