/**
 * Auth.js, as the integration tests that call actions and route handlers directly see it. The one seam:
 * auth() says whose session cookie came with the request (the test sets `authSeam.session`); db/viewer.ts
 * then re-reads that account as the database has it now, exactly as in production. Sign-in and sign-out
 * record what they were asked. Use it as the module itself:
 *
 *   vi.mock("@/auth", () => import("../support/fake-auth"));
 *
 * (AUTH_SECRET must still be set in the test's own vi.hoisted block: env.ts reads it when it loads.)
 */
export const authSeam = {
  session: null as null | { staffId: string; sessionVersion: number },
  signIns: [] as unknown[][],
  signOuts: [] as unknown[][],
};

export async function auth() {
  return authSeam.session;
}

export async function signIn(...args: unknown[]) {
  authSeam.signIns.push(args);
  return "http://localhost/desk";
}

export async function signOut(...args: unknown[]) {
  authSeam.signOuts.push(args);
}

export const handlers = { GET: async () => new Response(null, { status: 404 }), POST: async () => new Response(null, { status: 404 }) };
