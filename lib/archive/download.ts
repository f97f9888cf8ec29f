/** A download response: `Content-Disposition: attachment` with an ASCII name and the UTF-8 one. */
export function downloadResponse(body: string, { name, extension, type }: { name: string; extension: string; type: string }): Response {
  const base = name.normalize("NFKD").replace(/[^\w\s-]/g, "").trim().replace(/\s+/g, "-").slice(0, 60) || "conversation";
  const full = `${name.replace(/[\u0000-\u001f/\\"]/g, "").trim().slice(0, 100) || "conversation"}.${extension}`;
  return new Response(body, {
    headers: {
      "content-type": `${type}; charset=utf-8`,
      "content-disposition": `attachment; filename="${base}.${extension}"; filename*=UTF-8''${encodeURIComponent(full)}`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
