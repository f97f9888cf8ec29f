// Which images V4 Chat sends to a vision model, how large they may be, and what they cost.
// Shared by the browser (picking, downscaling, the estimate) and the server (the checks).

/** DeepSeek takes JPEG, PNG, GIF and WebP, judged from the bytes. */
export const IMAGE_MEDIA_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"] as const;
export type ImageMediaType = (typeof IMAGE_MEDIA_TYPES)[number];

export const IMAGE_EXTENSIONS = [".png", ".jpg", ".jpeg", ".webp", ".gif"] as const;

/** Images larger than this on their longer side are downscaled in the browser before upload. */
export const MAX_IMAGE_SIDE = 2048;

/**
 * Largest image the server stores (after downscaling). A 2048-px PNG photo stays under it; the
 * request body limit upstream (48 MiB, base64 included) allows about 35 MiB of images in all.
 */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/** Image bytes one request may carry: 48 MiB of body, less base64's third and room for the text. */
export const MAX_REQUEST_IMAGE_BYTES = 32 * 1024 * 1024;

/**
 * DeepSeek's vision preview billed each image at most 384 input tokens (reported, not
 * documented). Smaller images cost less: estimated here as one token per 32×32-pixel tile.
 */
export const IMAGE_TOKENS_CEILING = 384;
const TILE = 32;

export function isImageMediaType(value: string): value is ImageMediaType {
  return (IMAGE_MEDIA_TYPES as readonly string[]).includes(value);
}

/** Input tokens an image of this size is estimated to cost. */
export function estimateImageTokens({ width, height }: { width: number; height: number }): number {
  return Math.min(IMAGE_TOKENS_CEILING, Math.max(1, Math.ceil(width / TILE) * Math.ceil(height / TILE)));
}

/** The size an image is sent at: at most MAX_IMAGE_SIDE on its longer side, proportions kept. */
export function fittedSize({ width, height }: { width: number; height: number }): { width: number; height: number } {
  const longer = Math.max(width, height);
  if (longer <= MAX_IMAGE_SIDE) return { width, height };
  const scale = MAX_IMAGE_SIDE / longer;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Whether a picked, dropped or pasted file is meant as an image (its claimed type or name). */
export function looksLikeImage(file: { name: string; type: string }): boolean {
  if (file.type.startsWith("image/")) return true;
  const name = file.name.toLowerCase();
  return IMAGE_EXTENSIONS.some((extension) => name.endsWith(extension));
}
