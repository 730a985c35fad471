// Prints the text a reader family extracts from a PDF, pages separated by a form feed line.
// Usage: node extract.mjs pdfjs|mupdf|pdfium file.pdf
//   pdfjs:  pdf.js getTextContent (Firefox), items in their order, a newline after each hasEOL
//   mupdf:  MuPDF's structured text (Sumatra, most phone readers), asText()
//   pdfium: PDFium's FPDFText_GetText over the whole page (Chrome's copy and accessibility text)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const [reader, file] = process.argv.slice(2);
const data = new Uint8Array(readFileSync(file));
const out = [];

async function pdfjs() {
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const pdf = await getDocument({ data, verbosity: 0 }).promise;
  for (let number = 1; number <= pdf.numPages; ++number) {
    const page = await pdf.getPage(number);
    const content = await page.getTextContent();
    let line = "";
    for (const item of content.items) {
      line += item.str;
      if (item.hasEOL) {
        out.push(line);
        line = "";
      }
    }
    if (line) out.push(line);
    out.push("\f");
  }
}

async function mupdf() {
  const mupdf = await import("mupdf");
  const doc = mupdf.Document.openDocument(data, "application/pdf");
  for (let i = 0; i < doc.countPages(); ++i) {
    out.push(doc.loadPage(i).toStructuredText("preserve-whitespace").asText());
    out.push("\f");
  }
}

async function pdfium() {
  const require = createRequire(import.meta.url);
  const { init } = await import("@embedpdf/pdfium");
  const wasmBinary = readFileSync(require.resolve("@embedpdf/pdfium/pdfium.wasm"));
  const lib = await init({ wasmBinary });
  lib.PDFiumExt_Init();
  const m = lib.pdfium;
  const bytes = m.wasmExports.malloc(data.length);
  m.HEAPU8.set(data, bytes);
  const doc = lib.FPDF_LoadMemDocument(bytes, data.length, "");
  if (!doc) throw new Error("PDFium cannot open " + file);
  for (let i = 0; i < lib.FPDF_GetPageCount(doc); ++i) {
    const page = lib.FPDF_LoadPage(doc, i);
    const text = lib.FPDFText_LoadPage(page);
    const count = lib.FPDFText_CountChars(text);
    const buffer = m.wasmExports.malloc((count + 1) * 2);
    lib.FPDFText_GetText(text, 0, count, buffer);
    out.push(m.UTF16ToString(buffer));
    m.wasmExports.free(buffer);
    lib.FPDFText_ClosePage(text);
    lib.FPDF_ClosePage(page);
    out.push("\f");
  }
  lib.FPDF_CloseDocument(doc);
}

const readers = { pdfjs, mupdf, pdfium };
if (!readers[reader]) {
  console.error("usage: node extract.mjs pdfjs|mupdf|pdfium file.pdf");
  process.exit(2);
}
await readers[reader]();
process.stdout.write(out.join("\n") + "\n");
