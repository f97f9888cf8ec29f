// Image blocks as DeepSeek's API takes them: `{"type": "image_url", "image_url": {"url":
// "data:image/png;base64,..."}}` in a user message's content. The simulator checks them the way
// the service does (format from the bytes, Flash only), bills them and says what it saw, so tests
// can tell the images arrived intact.
import { createHash } from "node:crypto";
import { imageSize } from "image-size";
import type { ChatMessage } from "./protocol";

/** JPEG, PNG, GIF and WebP, named as image-size reports them. */
const FORMATS: Readonly<Record<string, string>> = { png: "PNG", jpg: "JPEG", gif: "GIF", webp: "WebP" };

/** Reported for the vision preview: at most 384 input tokens per image. One per 32×32 tile below that. */
const TOKENS_CEILING = 384;

export interface SeenImage {
  format: string;
  width: number;
  height: number;
  bytes: number;
  tokens: number;
  /** Stable across requests, so a repeated image is a prefix-cache hit like repeated text. */
  digest: string;
}

export type ImageCheck = { ok: true; images: SeenImage[][] } | { ok: false; message: string };

function imageBlocks(message: ChatMessage): unknown[] {
  if (message.role !== "user" || typeof message.content === "string") return [];
  return message.content.filter((part) => part.type === "image_url");
}

function readImage(block: unknown, where: string): SeenImage | string {
  const url = (block as { image_url?: { url?: unknown } }).image_url?.url;
  if (typeof url !== "string") return `${where}: image_url.url is required`;
  if (!url.startsWith("data:")) return `${where}: the offline simulator cannot fetch image URLs; send the image as a base64 data URL`;
  const match = /^data:([\w.+-]+\/[\w.+-]+);base64,([A-Za-z0-9+/]*={0,2})$/.exec(url);
  if (!match) return `${where}: invalid image data URL (expected data:<media type>;base64,<data>)`;
  const bytes = Buffer.from(match[2] ?? "", "base64");
  let size: { width?: number; height?: number; type?: string };
  try {
    size = imageSize(bytes);
  } catch {
    size = {};
  }
  const format = size.type ? FORMATS[size.type] : undefined;
  if (!format || !size.width || !size.height) return `${where}: unsupported or damaged image; supported formats are JPEG, PNG, GIF and WebP`;
  const tokens = Math.min(TOKENS_CEILING, Math.ceil(size.width / 32) * Math.ceil(size.height / 32));
  const digest = createHash("sha256").update(bytes).digest("hex").slice(0, 16);
  return { format, width: size.width, height: size.height, bytes: bytes.byteLength, tokens, digest };
}

/** Every message's images, checked; Pro (no vision) refuses any. */
export function checkImages(messages: readonly ChatMessage[], modelId: string, vision: boolean): ImageCheck {
  const all: SeenImage[][] = [];
  for (const [index, message] of messages.entries()) {
    const blocks = imageBlocks(message);
    if (blocks.length > 0 && !vision) {
      return { ok: false, message: `The model ${modelId} does not support image input. Images can be sent to deepseek-flash (DeepSeek-V4.1-Flash).` };
    }
    const seen: SeenImage[] = [];
    for (const [position, block] of blocks.entries()) {
      const image = readImage(block, `messages[${index}].content[${position}]`);
      if (typeof image === "string") return { ok: false, message: image };
      seen.push(image);
    }
    all.push(seen);
  }
  return { ok: true, images: all };
}

function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** The deterministic opening of an answer to a prompt with images: how many, and each one's format and size. */
export function describeImages(images: readonly SeenImage[]): string {
  const list = images.map((image) => `a ${image.format} of ${image.width}×${image.height} pixels (${formatSize(image.bytes)})`);
  return `I see ${images.length === 1 ? "1 image" : `${images.length} images`}: ${list.join("; ")}.`;
}
