/**
 * The Content-Security-Policy of every page, with a fresh nonce per request. Next.js reads the
 * nonce from the request's CSP header and puts it on its own scripts; the layout puts it on the
 * theme script. 'strict-dynamic' lets those scripts load the app's chunks; nothing else runs.
 * Styles stay 'unsafe-inline': KaTeX and Shiki set style attributes on what they render (and a
 * nonce in style-src would switch 'unsafe-inline' off).
 */

/** A new nonce: 128 random bits, base64. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy({ nonce, dev }: { nonce: string; dev: boolean }): string {
  const directives: Array<[string, ...string[]]> = [
    ["default-src", "'self'"],
    // React's development build evaluates code to rebuild server stacks; production never does.
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'", "data:"],
    ["connect-src", "'self'"],
    ["frame-ancestors", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'self'"],
    ["object-src", "'none'"],
  ];
  return directives.map((parts) => parts.join(" ")).join("; ");
}
