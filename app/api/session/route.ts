import { z } from "zod";
import { signIn } from "@/auth";
import { checkCredentials } from "@/db/auth/credentials";
import { authSecret, env, STAFF_DISABLED_MESSAGE } from "@/env";
import { cleanInput } from "@/lib/actions/clean-input";
import { clientAddressFrom } from "@/lib/auth/client-address";
import { mintSignInGrant } from "@/lib/auth/grant";
import { MAX_PASSWORD_LENGTH } from "@/lib/auth/password";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { TOO_MANY_ATTEMPTS_MESSAGE, WRONG_CREDENTIALS_MESSAGE } from "@/lib/auth/sign-in-limits";
import { isSameOrigin } from "@/lib/security/origin";

const signInInput = z.strictObject({
  email: z.string().trim().min(1, "Enter your email address.").max(320),
  password: z.string().min(1, "Enter your password.").max(MAX_PASSWORD_LENGTH),
  callbackUrl: z.string().max(2000).optional(),
});

/** Sign-in: rate limits and password here; Auth.js only mints the session for a grant we signed. */
export async function POST(request: Request) {
  if (!isSameOrigin(request.headers, env.siteUrl)) {
    return Response.json({ error: "This request did not come from this site." }, { status: 403 });
  }
  const secret = authSecret();
  if (!secret) return Response.json({ error: STAFF_DISABLED_MESSAGE }, { status: 503 });

  const parsed = signInInput.safeParse(await request.json().then(cleanInput).catch(() => null));
  if (!parsed.success) {
    return Response.json({ error: parsed.error.issues[0]?.message ?? "Enter your email and password." }, { status: 400 });
  }
  const result = await checkCredentials({ ...parsed.data, address: clientAddressFrom(request.headers) });
  if (!result.ok && result.reason === "rate_limited") {
    return Response.json(
      { error: TOO_MANY_ATTEMPTS_MESSAGE },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  if (!result.ok) return Response.json({ error: WRONG_CREDENTIALS_MESSAGE }, { status: 401 });

  await signIn("credentials", {
    grant: mintSignInGrant(secret, result.user.id, result.user.sessionVersion),
    redirect: false,
  });
  const redirectTo = result.user.mustChangePassword ? "/desk/password" : safeRedirectPath(parsed.data.callbackUrl);
  return Response.json({ redirectTo });
}
