// Sends one image's bytes to /api/images; the answer is its stored figures or the refusal's words.
import { FILE_NAME_HEADER } from "@/lib/documents/file-name-header";
import type { ImageInfo } from "@/lib/images/contract";
import type { ShownError } from "@/lib/i18n/error-text";

/** The server refused the image: its error as sent, so the page can say it in its language. */
export class ImageRefusal extends Error {
  constructor(readonly payload: ShownError) {
    super(payload.message);
    this.name = "ImageRefusal";
  }
}

/** The image never got a refusal with words: the connection failed, or the server answered oddly. */
export class ImageUploadFailed extends Error {
  constructor(readonly reason: { connection: true } | { status: number }) {
    super("connection" in reason ? "the connection failed" : `the upload failed (HTTP ${reason.status})`);
    this.name = "ImageUploadFailed";
  }
}

export async function uploadImageFile(file: File): Promise<ImageInfo> {
  let response: Response;
  try {
    response = await fetch("/api/images", {
      method: "POST",
      headers: { "content-type": "application/octet-stream", [FILE_NAME_HEADER]: encodeURIComponent(file.name || "pasted image") },
      body: file,
    });
  } catch {
    throw new ImageUploadFailed({ connection: true });
  }
  const body = (await response.json().catch(() => null)) as { image?: unknown; error?: ShownError } | null;
  const { imageInfoSchema } = await import("@/components/documents/upload-schemas");
  const parsed = imageInfoSchema.safeParse(body?.image);
  if (response.ok && parsed.success) return parsed.data;
  if (body?.error?.message) throw new ImageRefusal(body.error);
  throw new ImageUploadFailed({ status: response.status });
}
