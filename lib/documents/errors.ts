// Why a file could not be read as a document. Plain data (code + message) so it crosses the
// worker boundary intact; the upload route turns it into a 4xx ChatError with the same words.
import { ChatError, type ErrorCode } from "@/lib/errors";

export type DocumentProblem =
  | "empty"
  | "too_large"
  | "unsupported_type"
  | "disguised_type"
  | "encrypted_pdf"
  | "corrupt_pdf"
  | "no_text_layer"
  | "zip_bomb"
  | "corrupt_docx"
  | "binary_text"
  | "unreadable";

export class DocumentError extends Error {
  constructor(
    readonly problem: DocumentProblem,
    message: string,
  ) {
    super(message);
    this.name = "DocumentError";
  }
}

/** The wire form of a DocumentError (structured clone drops the class). */
export interface DocumentErrorData {
  problem: DocumentProblem;
  message: string;
}

export function isDocumentErrorData(value: unknown): value is DocumentErrorData {
  return typeof value === "object" && value !== null && "problem" in value && "message" in value;
}

/** The HTTP-facing error: 413 for size, 415 for types, 422 for files that are the right type but unreadable. */
export function toChatError(problem: DocumentProblem, message: string): ChatError {
  const code: ErrorCode =
    problem === "too_large"
      ? "payload_too_large:document"
      : problem === "unsupported_type" || problem === "disguised_type"
        ? "unsupported_media_type:document"
        : "unprocessable:document";
  return new ChatError(code, message);
}
