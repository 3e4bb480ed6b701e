import { z } from "zod";
import { ROLES } from "@/lib/access/roles";
import { CLI_ACTOR } from "@/db/staff/actor";
import { findStaffByEmail } from "@/db/staff/find-staff-by-email";
import { insertStaffMember } from "@/db/staff/insert";
import { resetStaffPasswordAs } from "@/db/staff/reset-staff-password-as";
import { selectStaff } from "@/db/staff/select-staff";
import { setStaffActiveAs } from "@/db/staff/set-staff-active-as";
import { setStaffRoleAs } from "@/db/staff/set-staff-role-as";
import type { StaffMember } from "@/db/staff/staff-member";
import { parseCliCommand } from "./cli-command";
import { openCliDatabase, runCli } from "./cli-database";

const USAGE = `Usage: npm run user -- <command> [options]

Commands:
  create --email E --role writer|editor|admin [--name N]
                               Add a staff member and print their one-time password.
  reset-password --email E     Print a new one-time password; their sessions end.
  deactivate --email E         Block sign-in and end their sessions.
  activate --email E           Allow sign-in again.
  set-role --email E --role writer|editor|admin
                               Change their role; their sessions end.
  list                         Show every staff account.

The last active admin can be neither demoted nor deactivated. Every change is written to the audit log
as the actor "cli".`;

const email = z.string("--email is required.").trim().pipe(z.email("--email must be an email address."));
const role = z.enum(ROLES, `--role must be one of: ${ROLES.join(", ")}.`);

const commandInput = z.discriminatedUnion("command", [
  z.strictObject({
    command: z.literal("create"),
    email,
    role,
    name: z.string().trim().min(1, "--name must not be empty.").max(200).optional(),
  }),
  z.strictObject({ command: z.literal("reset-password"), email }),
  z.strictObject({ command: z.literal("deactivate"), email }),
  z.strictObject({ command: z.literal("activate"), email }),
  z.strictObject({ command: z.literal("set-role"), email, role }),
  z.strictObject({ command: z.literal("list") }),
]);

const OPTIONS = {
  email: { type: "string" },
  role: { type: "string" },
  name: { type: "string" },
} as const;

function describeMember(member: StaffMember) {
  const status = [member.active ? "active" : "deactivated", member.mustChangePassword ? "must change password" : null]
    .filter(Boolean)
    .join(", ");
  const lastSignIn = member.lastSignInAt ? member.lastSignInAt.toISOString() : "never";
  return `${member.email}\t${member.name}\t${member.role}\t${status}\tlast sign-in: ${lastSignIn}`;
}

function printOneTimePassword(oneTimePassword: string) {
  console.log(`One-time password: ${oneTimePassword}`);
  console.log("Hand it over securely (in person or by phone, not in the same email or chat as the address).");
  console.log("It works once: they must choose a new password when they sign in.");
}

const command = parseCliCommand(process.argv.slice(2), { usage: USAGE, options: OPTIONS, schema: commandInput });

void runCli(async () => {
  const handle = await openCliDatabase();
  try {
    const database = handle.db;
    switch (command.command) {
      case "list": {
        const staff = await selectStaff(database);
        if (staff.length === 0) console.log("No staff accounts yet. Create one with: npm run user -- create --email E --role admin");
        for (const member of staff) console.log(describeMember(member));
        break;
      }
      case "create": {
        const name = command.name ?? command.email.split("@")[0] ?? command.email;
        const { user, oneTimePassword } = await insertStaffMember(database, { email: command.email, name, role: command.role }, CLI_ACTOR);
        console.log(`Created ${user.role} ${user.email} (${user.name}).`);
        printOneTimePassword(oneTimePassword);
        break;
      }
      case "reset-password": {
        const member = await findStaffByEmail(database, command.email);
        const { oneTimePassword } = await resetStaffPasswordAs(database, CLI_ACTOR, {
          userId: member.id,
          expectedVersion: member.version,
        });
        console.log(`Reset the password of ${member.email}; their sessions have ended.`);
        printOneTimePassword(oneTimePassword);
        break;
      }
      case "deactivate":
      case "activate": {
        const member = await findStaffByEmail(database, command.email);
        const active = command.command === "activate";
        await setStaffActiveAs(database, CLI_ACTOR, { userId: member.id, active, expectedVersion: member.version });
        console.log(active ? `Reactivated ${member.email}.` : `Deactivated ${member.email}; their sessions have ended.`);
        break;
      }
      case "set-role": {
        const member = await findStaffByEmail(database, command.email);
        await setStaffRoleAs(database, CLI_ACTOR, { userId: member.id, role: command.role, expectedVersion: member.version });
        console.log(`${member.email} is now ${command.role === "writer" ? "a" : "an"} ${command.role} (was ${member.role}); their sessions have ended.`);
        break;
      }
    }
  } finally {
    await handle.close();
  }
});
