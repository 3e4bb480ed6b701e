import "server-only";
import { sql } from "drizzle-orm";
import { generateOneTimePassword, hashPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { appendAudit } from "../audit/append";
import type { Database } from "../connect";
import { users, type Role } from "../schema";

export type NewStaffMember = { email: string; name: string; role: Role };

/**
 * Inserts a staff member with a one-time password they must change at first sign-in. No permission check:
 * callers are the CLI, first-start bootstrap, and createStaff (which authorizes first).
 */
export async function insertStaffMember(
  database: Database,
  input: NewStaffMember,
  actor: { id: string | null; email: string | null } = { id: null, email: "cli" },
) {
  const email = input.email.trim().toLowerCase();
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  return database.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${email}`)
      .limit(1);
    if (existing) throw new AppError("conflict", `There is already a staff member with the email ${email}.`);
    const [user] = await tx
      .insert(users)
      .values({ email, name: input.name.trim(), role: input.role, passwordHash, mustChangePassword: true })
      .returning();
    if (!user) throw new Error("insert returned no row");
    await appendAudit(tx, {
      action: "staff_created",
      actorId: actor.id,
      actorEmail: actor.email,
      subjectUserId: user.id,
      toState: input.role,
    });
    return { user, oneTimePassword };
  });
}
