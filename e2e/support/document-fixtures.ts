// Documents the tests make for themselves: a multi-page PDF, a DOCX with headings and a table,
// and the bad files (disguised, encrypted, corrupt, scanned, zip bomb, other encodings).
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from "docx";
import { zipSync } from "fflate";
import { PDFDocument, StandardFonts } from "pdf-lib";

/** A PDF whose page N says `Page N: <line>` and the lines given for it. */
export async function makePdf(pages: number, linesPerPage = 3, tag = "report"): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let number = 1; number <= pages; number++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`Page ${number} of the ${tag}`, { x: 50, y: 780, font, size: 16 });
    for (let line = 0; line < linesPerPage; line++) {
      page.drawText(`Line ${line + 1} on page ${number}: the quarterly figures rose by ${(number * 7 + line) % 40} percent.`, {
        x: 50,
        y: 750 - line * 16,
        font,
        size: 10,
      });
    }
  }
  return doc.save({ useObjectStreams: false });
}

/** A PDF with pages but no text (a scan is only pictures; these are only rectangles). */
export async function makeScannedPdf(pages = 2): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let number = 0; number < pages; number++) doc.addPage([595, 842]).drawRectangle({ x: 40, y: 40, width: 500, height: 700, opacity: 0.2 });
  return doc.save({ useObjectStreams: false });
}

/**
 * A PDF that asks for a password: the standard security handler (RC4, revision 2) whose user
 * password is not empty, so no reader can open it without one.
 */
export async function makeEncryptedPdf(): Promise<Uint8Array> {
  const plain = new TextDecoder("latin1").decode(await makePdf(1));
  const hex32 = "7a".repeat(32);
  const encrypt = `/Encrypt << /Filter /Standard /V 1 /R 2 /O <${hex32}> /U <${"3c".repeat(32)}> /P -4 >> /ID [<${"11".repeat(16)}> <${"11".repeat(16)}>]`;
  const patched = plain.replace(/trailer\s*<</, (match) => `${match}\n${encrypt}\n`);
  if (patched === plain) throw new Error("no trailer to patch");
  return Uint8Array.from(patched, (char) => char.charCodeAt(0));
}

/** The start of a PDF and then garbage. */
export function makeCorruptPdf(): Uint8Array {
  return new TextEncoder().encode(`%PDF-1.7\n${"\u0001garbage ".repeat(400)}`);
}

/** A DOCX with two headings, a paragraph and a 3×3 table. */
export async function makeDocx(tag = "plan"): Promise<Uint8Array> {
  const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: `Project ${tag}`, heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ children: [new TextRun(`The ${tag} starts in March and ends in June.`)] }),
          new Paragraph({ text: "Milestones", heading: HeadingLevel.HEADING_2, alignment: AlignmentType.LEFT }),
          new Table({
            rows: [
              new TableRow({ children: [cell("Milestone"), cell("Owner"), cell("Due")] }),
              new TableRow({ children: [cell("Design review"), cell("Ana"), cell("2027-03-15")] }),
              new TableRow({ children: [cell("Launch"), cell("Bo"), cell("2027-06-01")] }),
            ],
          }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** A DOCX-shaped zip whose one entry inflates to `inflatedMiB` MiB of zeros. */
export function makeZipBomb(inflatedMiB = 64): Uint8Array {
  return zipSync({
    "[Content_Types].xml": new TextEncoder().encode('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    "word/document.xml": [new Uint8Array(inflatedMiB * 1024 * 1024), { level: 9 }],
  });
}

/** Text as UTF-16 little-endian, with its byte-order mark. */
export function utf16le(text: string, bom = true): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  let offset = 0;
  if (bom) {
    out[0] = 0xff;
    out[1] = 0xfe;
    offset = 2;
  }
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    out[offset + index * 2] = code & 0xff;
    out[offset + index * 2 + 1] = code >> 8;
  }
  return out;
}

/** Text as Latin-1 (each character one byte; only for characters below 256). */
export function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

/** A PNG's signature and header: an image whatever its name says. */
export function pngBytes(): Uint8Array {
  return Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89]);
}
