"use client";

import { startTransition, useActionState } from "react";
import { changePasswordAction } from "@/app/desk/password/actions";
import { Button } from "@/components/ui/button";
import { describedBy, Field, TextInput } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

const FIELDS = [
  { name: "currentPassword", label: "Current password", autoComplete: "current-password" },
  { name: "newPassword", label: "New password", autoComplete: "new-password" },
  { name: "confirmPassword", label: "Confirm new password", autoComplete: "new-password" },
] as const;

/** Current, new and confirmed password. On success the server re-issues the session and goes to the desk. */
export function ChangePasswordForm({ minLength }: { minLength: number }) {
  const [state, formAction, pending] = useActionState(changePasswordAction, null);

  // Submitting by hand keeps the fields when the server refuses (a form `action` would clear them).
  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  }

  const fieldErrors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const hint = `At least ${minLength} characters, different from your current password, and not containing your email address.`;

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      {state && !state.ok && Object.keys(fieldErrors).length === 0 && (
        <Notice tone="error" testId="password-error">
          {state.message}
        </Notice>
      )}
      {FIELDS.map((field) => {
        const id = `password-${field.name}`;
        const error = fieldErrors[field.name]?.[0];
        const withHint = field.name === "newPassword";
        return (
          <Field key={field.name} id={id} label={field.label} error={error} hint={withHint ? hint : undefined}>
            <TextInput
              id={id}
              name={field.name}
              type="password"
              autoComplete={field.autoComplete}
              required
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy(id, { hint: withHint, error: Boolean(error) })}
            />
          </Field>
        );
      })}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Change password"}
      </Button>
    </form>
  );
}
