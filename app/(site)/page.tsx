import { connection } from "next/server";
import { ReleaseSummary } from "@/components/site/release-summary";
import { listLatestPublications } from "@/db/public/publications";
import { getPublicSettings } from "@/db/public/settings";

export default async function HomePage() {
  await connection();
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
