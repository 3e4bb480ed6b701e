import { verifyAuditChain } from "@/db/audit/verify";
import { fail, openCliDatabase, runCli } from "./cli-database";

void runCli(async () => {
  const handle = await openCliDatabase();
  try {
    const result = await verifyAuditChain(handle.db);
    if (!result.ok) fail(`the audit chain is broken at row ${result.brokenId}: ${result.reason}. ${result.checked} rows before it are intact.`);
    console.log(`The audit chain is intact: ${result.checked} rows checked.`);
  } finally {
    await handle.close();
  }
});
