"use client";

import Link from "next/link";
import { useActionState, useId } from "react";
import {
  changeStaffRoleAction,
  resetStaffPasswordAction,
  setStaffActiveAction,
  type StaffChangeState,
} from "@/app/desk/staff/actions";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { Role } from "@/lib/access/roles";
import { OneTimePasswordNotice } from "./one-time-password-notice";

export type StaffRowMember = { id: string; name: string; role: Role; active: boolean; version: number };

/** Per-person controls on the staff page. The server re-checks every rule; this only offers them. */
export function StaffRowControls({ member, roles, isSelf }: { member: StaffRowMember; roles: readonly Role[]; isSelf: boolean }) {
  if (isSelf) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        This is you. Change your own password on the{" "}
        <Link href="/desk/password" className="underline">
          Password page
        </Link>
        .
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <RoleForm member={member} roles={roles} />
        <ActiveForm member={member} />
        <ResetPasswordForm member={member} />
      </div>
    </div>
  );
}

function Identity({ member }: { member: StaffRowMember }) {
  return (
    <>
      <input type="hidden" name="userId" value={member.id} />
      <input type="hidden" name="expectedVersion" value={member.version} />
    </>
  );
}

function Outcome({ state }: { state: StaffChangeState }) {
  if (!state) return null;
  return state.ok ? (
    <Notice tone="success" testId="staff-change-done">
      {state.value.message}
    </Notice>
  ) : (
    <Notice tone="error" testId="staff-change-error">
      {state.message}
    </Notice>
  );
}

function RoleForm({ member, roles }: { member: StaffRowMember; roles: readonly Role[] }) {
  const [state, formAction, pending] = useActionState(changeStaffRoleAction, null);
  const selectId = useId();
  return (
    <form action={formAction} className="flex flex-col gap-1">
      <div className="flex items-center gap-2">
        <Identity member={member} />
        <label htmlFor={selectId} className="sr-only">
          Role for {member.name}
        </label>
        <Select id={selectId} name="role" defaultValue={member.role} className="w-auto">
          {roles.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </Select>
        <Button type="submit" variant="secondary" disabled={pending} aria-label={`Change role for ${member.name}`}>
          Change role
        </Button>
      </div>
      <Outcome state={state} />
    </form>
  );
}

function ActiveForm({ member }: { member: StaffRowMember }) {
  const [state, formAction, pending] = useActionState(setStaffActiveAction, null);
  const verb = member.active ? "Deactivate" : "Reactivate";
  return (
    <form action={formAction} className="flex flex-col gap-1">
      <Identity member={member} />
      <input type="hidden" name="active" value={member.active ? "false" : "true"} />
      <Button type="submit" variant={member.active ? "danger" : "secondary"} disabled={pending} aria-label={`${verb} ${member.name}`}>
        {verb}
      </Button>
      <Outcome state={state} />
    </form>
  );
}

function ResetPasswordForm({ member }: { member: StaffRowMember }) {
  const [state, formAction, pending] = useActionState(resetStaffPasswordAction, null);
  return (
    <form action={formAction} className="flex flex-col gap-1">
      <Identity member={member} />
      <Button type="submit" variant="secondary" disabled={pending} aria-label={`Reset password for ${member.name}`}>
        Reset password
      </Button>
      {state?.ok && <OneTimePasswordNotice {...state.value} />}
      {state && !state.ok && (
        <Notice tone="error" testId="staff-change-error">
          {state.message}
        </Notice>
      )}
    </form>
  );
}
