/**
 * Runs before every page and API route (Next.js 16's proxy, formerly middleware): the request
 * guards of lib/server/request-guard.ts, then a Content-Security-Policy with a fresh nonce on
 * pages. Build assets under /_next/static are public and skip it.
 */
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { contentSecurityPolicy, createNonce } from "@/lib/server/csp";
import { guardRequest, isApiPath, refusalResponse } from "@/lib/server/request-guard";

export function proxy(request: NextRequest): Response {
  const settings = env();
  const { pathname } = request.nextUrl;
  const refusal = guardRequest(
    { method: request.method, pathname, headers: request.headers },
    { allowedHosts: settings.ALLOWED_HOSTS, maxRequestBytes: settings.MAX_REQUEST_BYTES, maxUploadBytes: settings.DOCUMENT_MAX_BYTES },
  );
  if (refusal) return refusalResponse(refusal, pathname);
  if (isApiPath(pathname)) return NextResponse.next();

  // Next.js finds the nonce in the request's CSP header and puts it on the scripts it renders.
  const nonce = createNonce();
  const policy = contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static/).*)"],
};
