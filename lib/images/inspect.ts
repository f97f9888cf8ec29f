// What an uploaded image really is, from its bytes: the type its signature shows (never the
// name or the declared type) and its pixel size, within the limits in formats.ts.
import { fileTypeFromBuffer } from "file-type";
import { imageSize } from "image-size";
import { ChatError, type ErrorWords } from "@/lib/errors";
import { formatBytes } from "@/lib/server/request-guard";
import { estimateImageTokens, isImageMediaType, MAX_IMAGE_BYTES, MAX_IMAGE_SIDE, type ImageMediaType } from "./formats";

export interface InspectedImage {
  mediaType: ImageMediaType;
  width: number;
  height: number;
  tokens: number;
}

/** The image's type and size, or a 4xx ChatError that says what is wrong with it. */
export async function inspectImage(bytes: Uint8Array, name: string): Promise<InspectedImage> {
  if (bytes.byteLength === 0) throw new ChatError("bad_request:image", `“${name}” is empty (0 bytes).`, { words: { key: "imageEmpty", values: { name } } });
  if (bytes.byteLength > MAX_IMAGE_BYTES) {
    const values = { name, size: formatBytes(bytes.byteLength), max: formatBytes(MAX_IMAGE_BYTES) };
    throw new ChatError("payload_too_large:image", `“${name}” is ${values.size}; images can be at most ${values.max}.`, { words: { key: "imageTooLarge", values } });
  }
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected || !isImageMediaType(detected.mime)) {
    const what = detected ? `a ${detected.ext.toUpperCase()} file` : "not an image V4 Chat can read";
    const words: ErrorWords = detected ? { key: "imageType", values: { name, type: detected.ext.toUpperCase() } } : { key: "imageUnknown", values: { name } };
    throw new ChatError("unsupported_media_type:image", `“${name}” is ${what}: images must be PNG, JPEG, WebP or GIF.`, { words });
  }
  let size: { width?: number; height?: number };
  try {
    size = imageSize(bytes);
  } catch {
    throw new ChatError("unprocessable:image", `“${name}” looks like a ${detected.ext.toUpperCase()} image but is damaged.`, {
      words: { key: "imageDamaged", values: { name, type: detected.ext.toUpperCase() } },
    });
  }
  const { width, height } = size;
  if (!width || !height) {
    throw new ChatError("unprocessable:image", `“${name}” looks like a ${detected.ext.toUpperCase()} image but is damaged (it has no size).`, {
      words: { key: "imageNoSize", values: { name, type: detected.ext.toUpperCase() } },
    });
  }
  if (Math.max(width, height) > MAX_IMAGE_SIDE) {
    throw new ChatError(
      "payload_too_large:image",
      `“${name}” is ${width}×${height} pixels; images are sent at most ${MAX_IMAGE_SIDE} pixels on their longer side (the chat page downscales them before upload).`,
      { words: { key: "imagePixels", values: { name, width, height, max: MAX_IMAGE_SIDE } } },
    );
  }
  return { mediaType: detected.mime, width, height, tokens: estimateImageTokens({ width, height }) };
}
