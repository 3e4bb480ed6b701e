// What a person does on another instance, for end-to-end tests that own their database: publish a
// release, retract one. Runs the same db functions as the desk (so the change notice goes out from the
// publishing transaction), in a process of its own:
//   DATABASE_URL=… node --conditions=react-server --import tsx tests/support/newsroom-actions.ts publish "Headline"
//   … retract <slug> "reason"
// Prints one line of JSON: { slug } for publish, { retracted } for retract.
import { eq } from "drizzle-orm";
import type { Viewer } from "@/db/access";
import { setProcessDatabase } from "@/db/client";
import { connect } from "@/db/connect";
import { createRelease } from "@/db/releases/create";
import { publications, releases, users } from "@/db/schema";
import { ACCOUNTS } from "../../e2e/accounts";
import { doc } from "./documents";
import { actOnRelease, takeLive } from "./workflow";

const handle = connect({ url: process.env.DATABASE_URL, pgliteDir: "" }).then((opened) => (setProcessDatabase(opened), opened));
const database = async () => (await handle).db;

async function viewer(email: string): Promise<Viewer> {
  const db = await database();
  const [user] = await db.select().from(users).where(eq(users.email, email));
  if (!user) throw new Error(`no account ${email}: prepare the database with scripts/e2e-prepare.ts first`);
  return { id: user.id, email: user.email, name: user.name, role: user.role, mustChangePassword: false };
}

async function publish(headline: string) {
  const writer = await viewer(ACCOUNTS.writer.email);
  const editor = await viewer(ACCOUNTS.editor.email);
  const { id } = await createRelease(writer, { headline, body: doc(`${headline}: the full text of the release.`) });
  await takeLive(writer, editor, id);
  const [row] = await (await database()).select({ slug: publications.slug }).from(publications).where(eq(publications.releaseId, id));
  return { slug: row!.slug };
}

async function retract(slug: string, reason: string) {
  const editor = await viewer(ACCOUNTS.editor.email);
  const [row] = await (await database()).select({ id: releases.id }).from(releases).where(eq(releases.slug, slug));
  if (!row) throw new Error(`no release ${slug}`);
  await actOnRelease(editor, row.id, "retract", reason);
  return { retracted: slug };
}

const [command, ...args] = process.argv.slice(2);
const run = command === "publish" ? () => publish(args[0]!) : command === "retract" ? () => retract(args[0]!, args[1]!) : null;
if (!run) {
  console.error("usage: newsroom-actions.ts publish <headline> | retract <slug> <reason>");
  process.exit(2);
}
run().then(
  async (result) => {
    console.log(JSON.stringify(result));
    await (await handle).close();
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
