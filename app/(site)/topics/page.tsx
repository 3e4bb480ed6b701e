import type { Metadata } from "next";
import Link from "next/link";
import { PageHeading } from "@/components/site/page-heading";
import { getPublicFacets } from "@/db/public/facets";
import { getTopics } from "@/db/public/topics";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Topics", alternates: { canonical: "/topics" } };

export default async function TopicsPage() {
  const [facets, topics] = await Promise.all([getPublicFacets(), getTopics()]);
  const counts = new Map(facets.topics.map((topic) => [topic.slug, topic.count]));
  // Topics with live releases only; a topic nobody uses yet would lead to an empty page.
  const listed = topics.filter((topic) => counts.has(topic.slug));
  return (
    <main id="main" className="mx-auto max-w-5xl px-4 py-10">
      <div className="max-w-3xl">
        <PageHeading kicker="Topics" title="Releases by topic" />
        {listed.length === 0 ? (
          <p className="py-10 text-slate-700 dark:text-slate-300">No topics yet.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200 dark:divide-slate-800">
            {listed.map((topic) => (
              <li key={topic.slug} className="py-4">
                <Link href={`/topics/${topic.slug}`} className="font-serif text-xl text-slate-900 underline-offset-4 hover:underline dark:text-slate-50">
                  {topic.name}
                </Link>
                <span className="ml-2 text-sm text-slate-600 dark:text-slate-400">
                  {counts.get(topic.slug)} {counts.get(topic.slug) === 1 ? "release" : "releases"}
                </span>
                {topic.description && <p className="mt-1 max-w-prose text-sm text-slate-700 dark:text-slate-300">{topic.description}</p>}
              </li>
            ))}
          </ul>
        )}
      </div>
    </main>
  );
}
