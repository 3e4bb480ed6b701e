import { sql } from "drizzle-orm";
import { database } from "@/db/client";

/** 200 when the database answers, 503 when it does not. A route handler, so failures are real 5xx. */
export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const handle = await database();
    await Promise.race([
      handle.db.execute(sql`select 1`),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timed out after 3 s")), 3000)),
    ]);
    return Response.json({ status: "ok", database: handle.kind }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    console.error("health check failed:", error);
    return Response.json({ status: "unavailable", database: "unreachable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
