// A PDF's pages as pictures, for a scan (no text layer) that Flash reads with its vision. pdf.js
// (through unpdf) draws each page on a @napi-rs/canvas (prebuilt Skia, no system libraries), at
// most MAX_IMAGE_SIDE pixels on the longer side, and each becomes a JPEG (scans are photos).
import { createIsomorphicCanvasFactory, getDocumentProxy } from "unpdf";
import { MAX_IMAGE_SIDE } from "../../images/formats";
import { DocumentError } from "../errors";

/** Scans longer than this are refused: each page is an image in every later request. */
export const MAX_SCANNED_PAGES = 20;

/** Sharp enough to read print: A4 at twice its size in points (about 144 dpi). */
const MAX_SCALE = 2;
const JPEG_QUALITY = 85;

export interface PageImage {
  bytes: Uint8Array;
  width: number;
  height: number;
}

interface NodeCanvas {
  encode(format: "jpeg", quality: number): Promise<Uint8Array>;
}

export async function renderPdfPages(bytes: Uint8Array, name: string, onPage: (done: number, total: number) => void): Promise<PageImage[]> {
  const CanvasFactory = await createIsomorphicCanvasFactory(() => import("@napi-rs/canvas"));
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, useSystemFonts: false, stopAtErrors: false, verbosity: 0, CanvasFactory });
  } catch {
    throw new DocumentError("corrupt_pdf", `“${name}” could not be opened as a PDF: the file is damaged or not a complete PDF.`);
  }
  try {
    const total = pdf.numPages;
    if (total > MAX_SCANNED_PAGES) {
      throw new DocumentError(
        "no_text_layer",
        `“${name}” has no text layer and ${total} pages; V4 Chat reads at most ${MAX_SCANNED_PAGES} scanned pages as images. Split it, or run it through OCR first.`,
      );
    }
    const factory = new CanvasFactory();
    const images: PageImage[] = [];
    for (let number = 1; number <= total; number++) {
      const page = await pdf.getPage(number);
      const natural = page.getViewport({ scale: 1 });
      const scale = Math.min(MAX_SCALE, MAX_IMAGE_SIDE / Math.max(natural.width, natural.height));
      const viewport = page.getViewport({ scale });
      const drawing = factory.create(Math.floor(viewport.width), Math.floor(viewport.height));
      const context = drawing.context as unknown as CanvasRenderingContext2D | null;
      try {
        if (!context) throw new Error("no 2D context");
        // A scan's page may not cover the canvas: white behind it, as on paper.
        context.fillStyle = "#ffffff";
        context.fillRect(0, 0, drawing.canvas.width, drawing.canvas.height);
        await page.render({ canvas: drawing.canvas as unknown as HTMLCanvasElement, canvasContext: context, viewport }).promise;
        const encoded = await (drawing.canvas as unknown as NodeCanvas).encode("jpeg", JPEG_QUALITY);
        images.push({ bytes: new Uint8Array(encoded), width: drawing.canvas.width, height: drawing.canvas.height });
      } finally {
        factory.destroy(drawing);
        page.cleanup();
      }
      onPage(number, total);
    }
    return images;
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
}
