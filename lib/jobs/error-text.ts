/** What an error says, short enough for a table cell and a log line (stack traces go to the log only). */
export function errorText(error: unknown, max = 1000): string {
  const text = error instanceof Error ? `${error.name === "Error" ? "" : `${error.name}: `}${error.message}` : String(error);
  const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, " ").trim() || "Unknown error";
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
