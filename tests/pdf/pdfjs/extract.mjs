// Prints the text pdf.js extracts (getTextContent), one text line per output line, pages separated
// by a form feed. Usage: node extract.mjs file.pdf
import { readFileSync } from "node:fs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const data = new Uint8Array(readFileSync(process.argv[2]));
const pdf = await getDocument({ data, verbosity: 0 }).promise;
for (let number = 1; number <= pdf.numPages; ++number) {
  const page = await pdf.getPage(number);
  const content = await page.getTextContent();
  let line = "";
  for (const item of content.items) {
    line += item.str;
    if (item.hasEOL) {
      console.log(line);
      line = "";
    }
  }
  if (line) console.log(line);
  console.log("\f");
}
