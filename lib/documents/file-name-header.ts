/**
 * The file name travels in a header (the body is the raw bytes), percent-encoded. Apart from the
 * schemas (contract.ts) so that the browser's upload code does not load zod with the page.
 */
export const FILE_NAME_HEADER = "x-file-name";
