// The schemas the browser checks upload answers with, fetched on the first upload rather than with
// the page (they bring zod along).
import "@/lib/contract/zod-browser"; // first: before any schema is built (see there)

export { uploadEventSchema } from "@/lib/documents/contract";
export { imageInfoSchema } from "@/lib/images/contract";
