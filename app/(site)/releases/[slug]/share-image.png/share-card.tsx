/**
 * The generated share image, laid out for next/og (Satori: flexbox only, inline styles, the bundled
 * Geist font). Every text has already passed shareImageText, so no glyph is missing.
 */
export function ShareCard({
  organisation,
  label,
  headline,
  date,
  accent,
}: {
  organisation: string | null;
  label: string | null;
  headline: string | null;
  date: string | null;
  accent: string;
}) {
  const headlineSize = !headline || headline.length <= 60 ? 64 : headline.length <= 110 ? 52 : 42;
  return (
    <div style={{ width: "100%", height: "100%", display: "flex", flexDirection: "column", background: "#ffffff", color: "#0f172a" }}>
      <div style={{ display: "flex", height: 24, width: "100%", background: accent }} />
      <div style={{ display: "flex", flexDirection: "column", flexGrow: 1, padding: "56px 72px", justifyContent: "space-between" }}>
        <div style={{ display: "flex", flexDirection: "column" }}>
          {label && (
            <div style={{ display: "flex", fontSize: 28, letterSpacing: 4, textTransform: "uppercase", color: accent }}>{label}</div>
          )}
          {headline && (
            <div style={{ display: "flex", marginTop: 28, fontSize: headlineSize, lineHeight: 1.15, fontWeight: 700 }}>{headline}</div>
          )}
        </div>
        <div style={{ display: "flex", justifyContent: "space-between", alignItems: "flex-end", borderTop: `4px solid ${accent}`, paddingTop: 24, fontSize: 30, color: "#334155" }}>
          <div style={{ display: "flex", maxWidth: 760 }}>{organisation ?? ""}</div>
          <div style={{ display: "flex" }}>{date ?? ""}</div>
        </div>
      </div>
    </div>
  );
}
