"use client";

import { startTransition, useActionState, useEffect, useRef } from "react";
import { createStaffAction } from "@/app/desk/staff/actions";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Select, TextInput } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { Role } from "@/lib/access/roles";
import { OneTimePasswordNotice } from "./one-time-password-notice";

/** Adds a staff member, then shows their one-time password once. */
export function AddStaffForm({ roles }: { roles: readonly Role[] }) {
  const [state, formAction, pending] = useActionState(createStaffAction, null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);

  // Submitting by hand keeps what was typed when the server refuses it (a form `action` resets the fields).
  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  }

  const fieldErrors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const error = (field: string) => fieldErrors[field]?.[0];

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-4" aria-labelledby="add-staff-heading">
      <h2 id="add-staff-heading" className="text-lg font-semibold">
        Add a staff member
      </h2>
      {state?.ok && <OneTimePasswordNotice {...state.value} />}
      {state && !state.ok && Object.keys(fieldErrors).length === 0 && (
        <Notice tone="error" testId="add-staff-error">
          {state.message}
        </Notice>
      )}
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="new-staff-name" label="Name" error={error("name")}>
          <TextInput
            id="new-staff-name"
            name="name"
            autoComplete="off"
            required
            aria-invalid={error("name") ? true : undefined}
            aria-describedby={describedBy("new-staff-name", { error: Boolean(error("name")) })}
          />
        </Field>
        <Field id="new-staff-email" label="Email" error={error("email")}>
          <TextInput
            id="new-staff-email"
            name="email"
            type="email"
            autoComplete="off"
            required
            aria-invalid={error("email") ? true : undefined}
            aria-describedby={describedBy("new-staff-email", { error: Boolean(error("email")) })}
          />
        </Field>
        <Field id="new-staff-role" label="Role" error={error("role")}>
          <Select
            id="new-staff-role"
            name="role"
            defaultValue="writer"
            aria-invalid={error("role") ? true : undefined}
            aria-describedby={describedBy("new-staff-role", { error: Boolean(error("role")) })}
          >
            {roles.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add staff member"}
      </Button>
    </form>
  );
}
