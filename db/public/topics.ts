import "server-only";
import { asc } from "drizzle-orm";
import { unstable_cache } from "next/cache";
import { db } from "../client";
import { topics } from "../schema";

export const TOPICS_TAG = "topics";

/** Topic names by slug (cached until an admin edits topics). */
export const getTopicNames = (): Promise<Record<string, string>> =>
  unstable_cache(
    async () => Object.fromEntries((await (await db()).select().from(topics).orderBy(asc(topics.name))).map((topic) => [topic.slug, topic.name])),
    ["topics:names"],
    { tags: [TOPICS_TAG] },
  )();

export type PublicTopic = { slug: string; name: string; description: string };

/** Every topic with its description, by name (cached until an admin edits topics). */
export const getTopics = (): Promise<PublicTopic[]> =>
  unstable_cache(
    async () =>
      (await (await db()).select({ slug: topics.slug, name: topics.name, description: topics.description }).from(topics).orderBy(asc(topics.name))),
    ["topics:all"],
    { tags: [TOPICS_TAG] },
  )();
