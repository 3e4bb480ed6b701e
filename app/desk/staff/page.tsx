import type { Metadata } from "next";
import { connection } from "next/server";
import { AddStaffForm } from "@/components/staff/add-staff-form";
import { StaffRowControls } from "@/components/staff/staff-row-controls";
import { AccessRefused } from "@/components/desk/access-refused";
import { ROLES } from "@/lib/access/roles";
import { listStaff } from "@/db/staff/list-staff";
import { requireStaffPage } from "@/db/viewer";
import { can } from "@/lib/access/permissions";
import { ScrollingTable } from "@/components/ui/scrolling-table";

export const metadata: Metadata = { title: "Staff" };

const signInFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function StaffPage() {
  await connection();
  const viewer = await requireStaffPage("/desk/staff");

  if (!can(viewer.role, "staff:manage")) {
    return <AccessRefused title="Staff" what="staff management" testId="staff-forbidden" />;
  }

  const staff = await listStaff(viewer);

  return (
    <main id="main" className="mx-auto max-w-6xl space-y-8 px-4 py-8">
      <h1 className="text-2xl font-semibold">Staff</h1>

      <section className="rounded-xl border border-slate-200 bg-white p-6 dark:border-slate-700 dark:bg-slate-950">
        <AddStaffForm roles={ROLES} />
      </section>

      <section aria-labelledby="staff-list-heading" className="space-y-3">
        <h2 id="staff-list-heading" className="text-lg font-semibold">
          Staff accounts
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Changing a role, deactivating or resetting a password signs that person out everywhere.
        </p>
        <ScrollingTable boxClassName="rounded-xl border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-950">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-4 py-3">Name</th>
              <th scope="col" className="px-4 py-3">Email</th>
              <th scope="col" className="px-4 py-3">Role</th>
              <th scope="col" className="px-4 py-3">Status</th>
              <th scope="col" className="px-4 py-3">Last sign-in</th>
              <th scope="col" className="px-4 py-3">Actions</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
            {staff.map((member) => (
              <tr key={member.id} data-testid="staff-row" className="align-top">
                <th scope="row" className="px-4 py-3 font-medium">
                  {member.name}
                </th>
                <td className="px-4 py-3">{member.email}</td>
                <td className="px-4 py-3">{member.role}</td>
                <td className="px-4 py-3">
                  {member.active ? "Active" : <span className="text-red-700 dark:text-red-400">Deactivated</span>}
                  {member.mustChangePassword && (
                    <span className="block text-xs text-slate-500">Has not chosen a password yet</span>
                  )}
                </td>
                <td className="px-4 py-3 whitespace-nowrap">
                  {member.lastSignInAt ? (
                    <time dateTime={member.lastSignInAt.toISOString()}>{signInFormat.format(member.lastSignInAt)} UTC</time>
                  ) : (
                    "Never"
                  )}
                </td>
                <td className="px-4 py-3">
                  <StaffRowControls
                    member={{ id: member.id, name: member.name, role: member.role, active: member.active, version: member.version }}
                    roles={ROLES}
                    isSelf={member.id === viewer.id}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      </section>
    </main>
  );
}
