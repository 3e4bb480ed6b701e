const DEFAULT_ACCENT = "#1d3f6e";

/** The accent colour from settings if it is a plain hex colour, the default otherwise (it lands in CSS). */
export function safeAccent(value: string | null | undefined): string {
  return value && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(value) ? value : DEFAULT_ACCENT;
}
