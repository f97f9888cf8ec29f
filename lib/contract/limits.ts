// How many attachments one message may carry. Apart from the schemas (requests.ts) so that the
// browser's drafts can check them without loading zod.
export const MAX_DOCUMENTS_PER_MESSAGE = 10;

/** Images one message may carry (a scanned PDF of up to 20 pages included; each is at most ~384 input tokens). */
export const MAX_IMAGES_PER_MESSAGE = 20;
