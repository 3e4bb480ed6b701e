import { Notice } from "@/components/ui/notice";

/** Shows a one-time password the only time it exists in clear text: right after it was made. */
export function OneTimePasswordNotice({ name, email, oneTimePassword }: { name: string; email: string; oneTimePassword: string }) {
  return (
    <Notice tone="success" testId="one-time-password">
      <p>
        One-time password for <strong>{name}</strong> ({email}):
      </p>
      <p className="my-2">
        <code data-testid="one-time-password-value" className="select-all rounded bg-white/70 px-2 py-1 font-mono text-base dark:bg-black/30">
          {oneTimePassword}
        </code>
      </p>
      <p>
        Hand it over securely, in person or by phone, not in the same message as the email address. It is shown only
        this once, and they must choose a new password when they first sign in.
      </p>
    </Notice>
  );
}
