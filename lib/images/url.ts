/** Where the browser reads an image's bytes (owner-scoped on the server). Apart from the schema (contract.ts): no zod with the page. */
export function imageUrl(attachmentId: string): string {
  return `/api/images/${encodeURIComponent(attachmentId)}`;
}
