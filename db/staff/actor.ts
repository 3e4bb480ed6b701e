import type { Viewer } from "../access";

/** Who makes a staff change: a signed-in admin, or the command line (no user id). */
export type StaffActor = { id: string | null; email: string };

export const CLI_ACTOR: StaffActor = { id: null, email: "cli" };

export function actorOf(viewer: Viewer): StaffActor {
  return { id: viewer.id, email: viewer.email };
}
