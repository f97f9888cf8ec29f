// Downscaling in the browser before upload: an image larger than MAX_IMAGE_SIDE on its longer
// side is redrawn at that size with the browser's own decoder (nothing to install), so the bytes
// sent (and stored, and billed) stay small. The server checks the result again.
import { fittedSize } from "@/lib/images/formats";

/** A file ready to upload: the original when it is small enough (or cannot be decoded: the server will say why), else a smaller copy. */
export async function downscaleImage(file: File): Promise<File> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return file;
  }
  try {
    const target = fittedSize({ width: bitmap.width, height: bitmap.height });
    if (target.width === bitmap.width && target.height === bitmap.height) return file;
    const canvas = document.createElement("canvas");
    canvas.width = target.width;
    canvas.height = target.height;
    const context = canvas.getContext("2d");
    if (!context) return file;
    context.imageSmoothingQuality = "high";
    context.drawImage(bitmap, 0, 0, target.width, target.height);
    // Photos stay JPEG (and WebP stays WebP); PNG and GIF (its first frame) become PNG, which keeps sharp edges.
    const type = file.type === "image/jpeg" || file.type === "image/webp" ? file.type : "image/png";
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, 0.9));
    if (!blob) return file;
    const extension = blob.type === "image/jpeg" ? "jpg" : blob.type.replace("image/", "");
    const base = file.name.replace(/\.[^.]+$/, "") || "image";
    return new File([blob], `${base}.${extension}`, { type: blob.type });
  } finally {
    bitmap.close();
  }
}
