import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "../client";
import { users } from "../schema";

export async function findActiveUserForSession(userId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) return null;
  const [user] = await (await db())
    .select()
    .from(users)
    .where(and(eq(users.id, userId), eq(users.active, true)))
    .limit(1);
  return user ?? null;
}
