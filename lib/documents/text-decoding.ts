// Text files arrive in whatever encoding their author's editor used. Detect UTF-8 (with or
// without a BOM), UTF-16 (by BOM, or by the zero bytes ASCII leaves in it) and otherwise read
// as Latin-1 (Windows-1252) — and say so, so a wrong guess never shows as silent mojibake.
import { DocumentError } from "./errors";

export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** Shown with the document when the reading is a guess worth checking. */
  notice: string | null;
}

const SAMPLE_BYTES = 4096;

/** UTF-16 without a BOM: ASCII text leaves a zero in every other byte. */
function guessUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const length = Math.min(bytes.length, SAMPLE_BYTES) & ~1;
  if (length < 4) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let index = 0; index < length; index += 2) {
    if (bytes[index] === 0) zeroEven++;
    if (bytes[index + 1] === 0) zeroOdd++;
  }
  const pairs = length / 2;
  if (zeroOdd > pairs * 0.3 && zeroEven < pairs * 0.05) return "utf-16le";
  if (zeroEven > pairs * 0.3 && zeroOdd < pairs * 0.05) return "utf-16be";
  return null;
}

/** Control characters other than tab, newlines and form feed: a sign of a binary file. */
function controlShare(text: string): number {
  const sample = text.slice(0, SAMPLE_BYTES * 4);
  if (sample.length === 0) return 0;
  let control = 0;
  for (let index = 0; index < sample.length; index++) {
    const code = sample.charCodeAt(index);
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12) || code === 0xfffd) control++;
  }
  return control / sample.length;
}

/** A UTF-8 or UTF-16 byte-order mark, or UTF-16's telltale zero bytes. */
export function looksLikeUnicodeText(bytes: Uint8Array): boolean {
  const bom = (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  return bom || guessUtf16(bytes) !== null;
}

function decode(bytes: Uint8Array, encoding: TextEncodingName, fatal = false): string {
  return new TextDecoder(encoding, { fatal, ignoreBOM: false }).decode(bytes);
}

export function decodeText(bytes: Uint8Array, name: string): DecodedText {
  let result: DecodedText;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    result = { text: decode(bytes, "utf-8"), encoding: "utf-8", notice: null };
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    result = { text: decode(bytes, "utf-16le"), encoding: "utf-16le", notice: "Read as UTF-16 (little-endian), as its byte-order mark says." };
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    result = { text: decode(bytes, "utf-16be"), encoding: "utf-16be", notice: "Read as UTF-16 (big-endian), as its byte-order mark says." };
  } else {
    const utf16 = guessUtf16(bytes);
    if (utf16) {
      const endian = utf16 === "utf-16le" ? "little-endian" : "big-endian";
      result = { text: decode(bytes, utf16), encoding: utf16, notice: `Read as UTF-16 (${endian}): it has no byte-order mark, so this is a guess from its bytes.` };
    } else {
      try {
        result = { text: decode(bytes, "utf-8", true), encoding: "utf-8", notice: null };
      } catch {
        if (bytes.includes(0)) throw binary(name);
        result = {
          text: decode(bytes, "windows-1252"),
          encoding: "windows-1252",
          notice: "This file is not UTF-8: it was read as Latin-1 (Windows-1252). Check accented letters in the preview.",
        };
      }
    }
  }
  if (controlShare(result.text) > 0.02) throw binary(name);
  return result;
}

function binary(name: string): DocumentError {
  return new DocumentError("binary_text", `“${name}” does not look like text (it has binary bytes in it), and its type is not one V4 Chat reads.`);
}
