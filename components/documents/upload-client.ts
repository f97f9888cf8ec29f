// Uploads one file to /api/documents from the browser. XMLHttpRequest rather than fetch: it
// reports the bytes sent, and its response text grows as the server streams progress lines
// (pages read, tokens counted) while the file is read on the server.
import type { DocumentInfo, ScannedPages, UploadEvent } from "@/lib/documents/contract";
import { FILE_NAME_HEADER } from "@/lib/documents/file-name-header";

export interface UploadProgress {
  stage: "sending" | "reading" | "counting" | "rendering" | "saving";
  done: number;
  total: number;
}

/** A refused or broken upload: the server's error (code and English words), or what went wrong on the way. */
export class UploadFailed extends Error {
  constructor(readonly reason: { payload?: { code?: string; message?: string }; status?: number; connection?: boolean }) {
    super(reason.payload?.message ?? (reason.connection ? "connection failed" : `HTTP ${reason.status}`));
  }
}

export type UploadOutcome = { document: DocumentInfo; duplicate: boolean } | { scanned: ScannedPages };

/** `scannedAsImages`: a PDF without a text layer comes back as page images (for Flash's vision) instead of a refusal. */
export async function uploadDocumentFile(file: File, onProgress: (progress: UploadProgress) => void, { scannedAsImages = false } = {}): Promise<UploadOutcome> {
  const { uploadEventSchema } = await import("./upload-schemas");
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/documents?progress=1${scannedAsImages ? "&scanned=images" : ""}`);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.setRequestHeader(FILE_NAME_HEADER, encodeURIComponent(file.name));
    let seen = 0;
    let settled = false;
    const handle = (event: UploadEvent) => {
      if (event.type === "progress") onProgress({ stage: event.stage, done: event.done, total: event.total });
      else if (event.type === "done") {
        settled = true;
        resolve({ document: event.document, duplicate: event.duplicate });
      } else if (event.type === "scanned") {
        settled = true;
        resolve({ scanned: event.scanned });
      } else {
        settled = true;
        reject(new UploadFailed({ payload: event.error }));
      }
    };
    const readLines = () => {
      const text = xhr.responseText;
      let newline = text.indexOf("\n", seen);
      while (newline !== -1) {
        const line = text.slice(seen, newline).trim();
        seen = newline + 1;
        if (line) {
          const parsed = uploadEventSchema.safeParse(safeJson(line));
          if (parsed.success) handle(parsed.data);
        }
        newline = text.indexOf("\n", seen);
      }
    };
    xhr.upload.onprogress = (event) => onProgress({ stage: "sending", done: event.loaded, total: event.lengthComputable ? event.total : file.size });
    xhr.onprogress = () => {
      if (xhr.status === 200) readLines();
    };
    xhr.onload = () => {
      if (xhr.status === 200) readLines();
      if (settled) return;
      // A refusal before the stream started (size, type, sign-in) is one JSON error.
      const body = safeJson(xhr.responseText) as { error?: { code?: string; message?: string } } | null;
      reject(new UploadFailed({ payload: body?.error, status: xhr.status }));
    };
    xhr.onerror = () => reject(new UploadFailed({ connection: true }));
    xhr.send(file);
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export interface DocumentLimits {
  maxBytes: number;
  /** Tokens documents may fill before they are read in parts, when the server sets it (else the model's window decides). */
  windowTokens: number | null;
}

let limits: Promise<DocumentLimits> | undefined;

/** The server's limits (asked once): a file over the size limit is refused before it is sent. */
export function documentLimits(): Promise<DocumentLimits> {
  limits ??= fetch("/api/documents", { cache: "no-store" })
    .then((response) => response.json() as Promise<{ maxBytes?: number; windowTokens?: number | null }>)
    .then((body) => ({ maxBytes: body.maxBytes ?? Number.POSITIVE_INFINITY, windowTokens: body.windowTokens ?? null }))
    .catch(() => ({ maxBytes: Number.POSITIVE_INFINITY, windowTokens: null }));
  return limits;
}
