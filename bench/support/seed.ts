import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/connect";
import { bodyToPlainText, renderBodyHtml } from "@/lib/content/render";

/** Published releases for the benchmarks, written straight into `publications` on either driver. */

export const TOPICS = ["health", "trade", "climate", "human-rights", "migration", "disarmament", "development", "culture", "education", "science"];

const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });

/** A realistic one-page release body (about 5 KB as JSON with `extraParagraphs` = 12). */
export function sampleBody(extraParagraphs = 6) {
  return {
    type: "doc",
    content: [
      paragraph("The Mission welcomes the adoption today of the resolution on public health preparedness, which the delegations negotiated over several months."),
      { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Key points" }] },
      {
        type: "bulletList",
        content: ["Argentina", "Brazil", "Canada", "Denmark", "Egypt", "Finland"].map((name) => ({
          type: "listItem",
          content: [paragraph(`${name} joined the sponsors of the text.`)],
        })),
      },
      { type: "blockquote", content: [paragraph("We are proud of what the delegations achieved together.")] },
      ...Array.from({ length: extraParagraphs }, (_, i) =>
        paragraph(`Paragraph ${i + 1}: delegations discussed the follow-up in detail and agreed on next steps for the coming year, including reporting and financing.`),
      ),
    ],
  };
}

/**
 * `count` published releases (slugs bench-release-0…), one page each, ten topics, a tenth in French,
 * one every 53 minutes back from now; each row gets the same rendered HTML with its own headline.
 * Needs the first admin (bootstrap) to exist. Returns the seconds it took.
 */
export async function seedPublished(handle: DatabaseHandle, count: number): Promise<number> {
  const body = sampleBody();
  const html = renderBodyHtml(body);
  const text = bodyToPlainText(body);
  const topicArray = sql`array[${sql.join(
    TOPICS.map((topic) => sql`${topic}`),
    sql`, `,
  )}]::text[]`;
  for (const slug of TOPICS) await handle.db.execute(sql`insert into topics (slug, name) values (${slug}, ${slug.replace("-", " ")}) on conflict do nothing`);
  const [admin] = await handle.rows<{ id: string }>(sql`select id from users limit 1`);
  const started = Date.now();
  const batch = 10_000;
  for (let from = 0; from < count; from += batch) {
    const to = Math.min(count, from + batch) - 1;
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`
        insert into releases (slug, status, created_by)
        select 'bench-release-' || i, 'published', ${admin!.id}::uuid from generate_series(${from}::int, ${to}::int) as i`);
      await tx.execute(sql`
        insert into publications (release_id, revision_id, content_hash, slug, type_slug, type_name, language, topics,
          headline, summary, html, plain_text, published_at, updated_at, time_zone)
        select r.id, gen_random_uuid(), 'bench', r.slug, 'press-release', 'Press release',
          case when i % 10 = 0 then 'fr' else 'en' end,
          jsonb_build_array((${topicArray})[(i % ${TOPICS.length}) + 1]),
          case when i % 10 = 0 then 'La Mission salue la résolution numéro ' || i else 'Mission welcomes resolution number ' || i || ' on public health' end,
          'Summary of release ' || i || ': the Mission welcomes the resolution.',
          ${html}, ${text} || ' release ' || i,
          now() - make_interval(mins => i * 53), now() - make_interval(mins => i * 53), 'UTC'
        from generate_series(${from}::int, ${to}::int) as i
        join releases r on r.slug = 'bench-release-' || i`);
    });
  }
  await handle.db.execute(sql`analyze`);
  return (Date.now() - started) / 1000;
}
