import mammoth from "mammoth";
import { AppError } from "@/lib/errors";
import { htmlToBlocks } from "./html";
import { finishImport, type ImportResult } from "./result";

/**
 * A Word document (.docx) via mammoth's HTML, then the HTML importer. Headings (Title and Heading 1
 * to 6), lists, links, bold, italic and tables come through; images are not read at all (they are
 * reported in a warning). mammoth never reads files the document points to (externalFileAccess off).
 */

const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => p.subtitle:fresh", "p[style-name='Quote'] => blockquote > p:fresh", "p[style-name='Intense Quote'] => blockquote > p:fresh"];

export const DOCX_UNREADABLE = "This Word document could not be read. It may be damaged: open it in Word, save it again as .docx, and import that file.";

export async function importDocx(buffer: Buffer): Promise<ImportResult> {
  let html: string;
  let notes: string[];
  try {
    const result = await mammoth.convertToHtml(
      { buffer },
      {
        styleMap: STYLE_MAP,
        externalFileAccess: false,
        // Images are left out; reading them into data: URLs would only cost memory.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: "" })),
      },
    );
    html = result.value;
    // mammoth's warnings are about styles and drawing elements it ignores (looks, not text): only errors are reported.
    notes = result.messages.filter((message) => message.type === "error").map((message) => message.message);
  } catch {
    throw new AppError("invalid", DOCX_UNREADABLE);
  }
  const { blocks, warnings, truncated } = htmlToBlocks(html);
  if (notes.length > 0) warnings.push(`Word reported: ${[...new Set(notes)].slice(0, 3).join("; ")}`);
  return finishImport(blocks, { formatted: true, warnings, truncated });
}
