// Sends one image's bytes to /api/images; the answer is its stored figures or the refusal's words.
import { FILE_NAME_HEADER } from "@/lib/documents/file-name-header";
import type { ImageInfo } from "@/lib/images/contract";

export async function uploadImageFile(file: File): Promise<ImageInfo> {
  let response: Response;
  try {
    response = await fetch("/api/images", {
      method: "POST",
      headers: { "content-type": "application/octet-stream", [FILE_NAME_HEADER]: encodeURIComponent(file.name || "pasted image") },
      body: file,
    });
  } catch {
    throw new Error(`“${file.name}” could not be sent: the connection failed.`);
  }
  const body = (await response.json().catch(() => null)) as { image?: unknown; error?: { message?: string } } | null;
  const { imageInfoSchema } = await import("@/components/documents/upload-schemas");
  const parsed = imageInfoSchema.safeParse(body?.image);
  if (response.ok && parsed.success) return parsed.data;
  throw new Error(body?.error?.message ?? `The upload failed (HTTP ${response.status}).`);
}
