import { z } from "zod";
import { MAX_PASSWORD_LENGTH } from "@/lib/auth/password";
import { ROLES } from "../schema/users";

const userId = z.uuid("Unknown staff member.");
const expectedVersion = z.number().int().min(1);

export const newStaffInput = z.strictObject({
  email: z.string().trim().max(320, "Use at most 320 characters.").pipe(z.email("Enter a valid email address.")),
  name: z.string().trim().min(1, "Enter a name.").max(200, "Use at most 200 characters."),
  role: z.enum(ROLES, "Choose a role."),
});

export const staffRoleInput = z.strictObject({ userId, role: z.enum(ROLES, "Choose a role."), expectedVersion });
export const staffActiveInput = z.strictObject({ userId, active: z.boolean(), expectedVersion });
export const staffPasswordResetInput = z.strictObject({ userId, expectedVersion });

export const ownPasswordInput = z.strictObject({
  currentPassword: z.string().min(1, "Enter your current password.").max(MAX_PASSWORD_LENGTH),
  newPassword: z.string().max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`),
});
