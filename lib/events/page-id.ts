// Which page made a change. The workspace sends a random id with the requests that change
// something (x-page-id); the server carries it in the change it announces, and that page skips
// news of its own doing (it has already shown it). The id is not a secret and is trusted for
// nothing else: a wrong or missing one only means a page reads again what it already shows.

export const PAGE_ID_HEADER = "x-page-id";

const PAGE_ID = /^[A-Za-z0-9_-]{8,64}$/;

export function isPageId(value: unknown): value is string {
  return typeof value === "string" && PAGE_ID.test(value);
}

/** The id of the page that sent this request, when it sent a well-formed one. */
export function pageIdOf(request: Request): string | undefined {
  const value = request.headers.get(PAGE_ID_HEADER);
  return isPageId(value) ? value : undefined;
}
