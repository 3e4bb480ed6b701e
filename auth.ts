import "server-only";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authSecret, env } from "@/env";
import { readSignInGrant } from "@/lib/auth/grant";
import { findActiveUserForSession } from "@/db/auth/session-user";

declare module "next-auth" {
  interface Session {
    staffId?: string;
    sessionVersion?: number;
  }
  interface User {
    sessionVersion?: number;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    sv?: number;
    signedInAt?: number;
  }
}

const secret = authSecret();

/**
 * Sessions: a JWT cookie that expires after SESSION_IDLE_MINUTES without use (proxy.ts refreshes it on
 * staff requests) and at the latest SESSION_MAX_HOURS after sign-in. Every staff page and mutation still
 * re-reads the user (db/viewer.ts), so deactivation or a role change takes effect on the next request.
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: secret ?? undefined,
  trustHost: true,
  session: { strategy: "jwt", maxAge: env.SESSION_IDLE_MINUTES * 60, updateAge: 60 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    Credentials({
      credentials: { grant: {} },
      // Only our /api/session route mints grants, after checking the password and the rate limits.
      async authorize(credentials) {
        if (!secret) return null;
        const grant = readSignInGrant(secret, credentials?.grant);
        if (!grant) return null;
        const user = await findActiveUserForSession(grant.userId);
        if (!user || user.sessionVersion !== grant.sessionVersion) return null;
        return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      const now = Date.now();
      if (user) {
        token.uid = user.id;
        token.sv = user.sessionVersion;
        token.signedInAt = now;
      }
      if (!token.signedInAt || now - token.signedInAt > env.SESSION_MAX_HOURS * 3_600_000) return null;
      return token;
    },
    session({ session, token }) {
      session.staffId = token.uid;
      session.sessionVersion = token.sv;
      return session;
    },
  },
});
