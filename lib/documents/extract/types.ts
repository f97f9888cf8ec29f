import type { TextEncodingName } from "../text-decoding";

/** What extraction reports while it works: "reading" pages (PDF), "counting" tokens, or "rendering" a scan's pages as images. */
export interface ProgressEvent {
  stage: "reading" | "counting" | "rendering";
  done: number;
  total: number;
}
export type ExtractProgress = (event: ProgressEvent) => void;

export interface Extracted {
  /** The document as Markdown-ish text. */
  text: string;
  pages: number | null;
  encoding: TextEncodingName | null;
  notice: string | null;
}
