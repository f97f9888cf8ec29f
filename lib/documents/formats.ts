// Which formats V4 Chat reads as documents, by file name (what the person claims) and by the
// bytes (what the file is). Shared by the browser (the file picker's accept list) and the server.

export const DOCUMENT_KINDS = ["pdf", "docx", "html", "markdown", "csv", "tsv", "json", "text", "code"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

const BY_EXTENSION: Record<string, DocumentKind> = {
  pdf: "pdf",
  docx: "docx",
  html: "html",
  htm: "html",
  xhtml: "html",
  md: "markdown",
  markdown: "markdown",
  mdx: "markdown",
  csv: "csv",
  tsv: "tsv",
  tab: "tsv",
  json: "json",
  jsonl: "json",
  ndjson: "json",
  txt: "text",
  text: "text",
  log: "text",
  rst: "text",
  adoc: "text",
  tex: "text",
};

/** Source code and configuration read as plain text. */
const CODE_EXTENSIONS = [
  "ts", "tsx", "js", "jsx", "mjs", "cjs", "py", "rb", "go", "rs", "java", "kt", "kts", "scala", "swift", "c", "h",
  "cc", "cpp", "cxx", "hpp", "cs", "fs", "php", "pl", "lua", "r", "jl", "dart", "ex", "exs", "erl", "hs", "ml",
  "clj", "sh", "bash", "zsh", "fish", "ps1", "bat", "sql", "graphql", "proto", "css", "scss", "less", "vue",
  "svelte", "xml", "yaml", "yml", "toml", "ini", "cfg", "conf", "env", "gradle", "cmake", "make", "dockerfile",
  "tf", "nix", "zig", "v", "sol", "asm", "s",
];
for (const extension of CODE_EXTENSIONS) BY_EXTENSION[extension] = "code";

/** Names without an extension that are still text. */
const TEXT_NAMES = new Set(["readme", "license", "makefile", "dockerfile", "changelog", "notice", "authors"]);

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot <= 0 ? "" : name.slice(dot + 1).toLowerCase();
}

/** The kind the name claims, or null when the extension is unknown. */
export function kindFromName(name: string): DocumentKind | null {
  const extension = extensionOf(name);
  if (extension === "") return TEXT_NAMES.has(name.toLowerCase()) ? "text" : null;
  return BY_EXTENSION[extension] ?? null;
}

/** For `<input type=file accept>`: every extension read. */
export const ACCEPTED_EXTENSIONS = Object.keys(BY_EXTENSION).map((extension) => `.${extension}`);

export const KIND_LABELS: Record<DocumentKind, string> = {
  pdf: "PDF",
  docx: "Word",
  html: "HTML",
  markdown: "Markdown",
  csv: "CSV",
  tsv: "TSV",
  json: "JSON",
  text: "Text",
  code: "Code",
};

/** What the upload routes store as the attachment's media type. */
export const KIND_MEDIA_TYPES: Record<DocumentKind, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  html: "text/html",
  markdown: "text/markdown",
  csv: "text/csv",
  tsv: "text/tab-separated-values",
  json: "application/json",
  text: "text/plain",
  code: "text/plain",
};

/** What the bytes say, as file-type reports it (undefined: no binary signature, maybe text). */
export interface Sniffed {
  ext: string;
  mime: string;
}

/** Binary signatures that are really text formats (file-type recognises some by their header). */
const TEXT_SIGNATURES = new Set(["xml", "svg", "html"]);

export type Resolution = { ok: true; kind: DocumentKind } | { ok: false; problem: "unsupported_type" | "disguised_type"; message: string };

const READ_LIST = "PDF, Word (.docx), HTML, Markdown, CSV/TSV, JSON, plain text and source code";

/**
 * The kind to read, from the name and the sniffed bytes. The bytes win: a file named .pdf that is
 * a PNG is refused, a PDF named .txt is still refused (the name lies; the person should know).
 */
export function resolveKind(name: string, sniffed: Sniffed | undefined): Resolution {
  const claimed = kindFromName(name);
  const sniffedText = sniffed === undefined || TEXT_SIGNATURES.has(sniffed.ext);
  if (claimed === "pdf" || claimed === "docx") {
    if (sniffed?.ext === claimed) return { ok: true, kind: claimed };
    // A DOCX is a zip; one file-type cannot place is still checked (size, structure) as a DOCX.
    if (claimed === "docx" && sniffed?.ext === "zip") return { ok: true, kind: claimed };
    const actually = sniffedText ? "text, not a " + KIND_LABELS[claimed] + " file" : `${sniffed.mime}`;
    return {
      ok: false,
      problem: "disguised_type",
      message: `“${name}” is named as ${KIND_LABELS[claimed]} but its contents are ${actually}. Rename it to what it really is, or upload the real file.`,
    };
  }
  if (!sniffedText) {
    if ((sniffed.ext === "pdf" || sniffed.ext === "docx") && claimed !== null) {
      return {
        ok: false,
        problem: "disguised_type",
        message: `“${name}” is named as ${KIND_LABELS[claimed]} but its contents are a ${sniffed.ext.toUpperCase()} file. Give it the .${sniffed.ext} extension and upload it again.`,
      };
    }
    if (sniffed.ext === "pdf" || sniffed.ext === "docx") return { ok: true, kind: sniffed.ext };
    return {
      ok: false,
      problem: claimed ? "disguised_type" : "unsupported_type",
      message: claimed
        ? `“${name}” is named as ${KIND_LABELS[claimed]} but its contents are ${sniffed.mime}. V4 Chat reads ${READ_LIST}.`
        : `“${name}” is ${sniffed.mime}, which V4 Chat cannot read as a document. It reads ${READ_LIST}.`,
    };
  }
  // No binary signature: text, whatever the extension (unknown ones are read as plain text).
  return { ok: true, kind: claimed ?? "text" };
}
