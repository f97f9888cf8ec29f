/**
 * Benchmark: first-load JavaScript of each page, gzip-compressed, as the production build serves
 * it (the scripts a fresh browser downloads before the page works).
 *
 *   npx tsx --conditions=react-server lib/bench/page-weight.ts
 */
import { randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import { sendTurn } from "./support/chat-client";
import { startServices } from "./support/services";
import { kib, printTable } from "./support/stats";

/** Pages to weigh; `{conversation}` is replaced with a real conversation's id. */
const PAGES = (process.env.BENCH_PAGES ?? "/,/c/{conversation},/sign-in,/account,/admin").split(",");

/**
 * The page's script sources. A `noModule` script (Next.js's polyfills for browsers without ES
 * modules) is neither fetched nor run by a browser that supports modules, so it is listed apart.
 */
async function scriptSources(pageUrl: string): Promise<{ status: number; sources: string[]; noModule: string[] }> {
  const response = await fetch(pageUrl);
  const html = await response.text();
  const sources = new Set<string>();
  const noModule = new Set<string>();
  for (const [tag, src] of html.matchAll(/<script[^>]*\ssrc="([^"]+)"[^>]*>/g)) {
    (/\snomodule[\s=>]/i.test(tag) ? noModule : sources).add(src!.replaceAll("&amp;", "&"));
  }
  return { status: response.status, sources: [...sources], noModule: [...noModule] };
}

async function main(): Promise<void> {
  const services = await startServices({ speed: 50 });
  try {
    const appUrl = services.app.url;
    const conversation = `bench-weight-${randomUUID()}`;
    await sendTurn(appUrl, { conversationId: conversation, parentId: null, text: "A first question, so the chat page has an answer to show." });
    const sizes = new Map<string, { raw: number; gzip: number }>();
    const rows: string[][] = [];
    for (const page of PAGES) {
      const url = new URL(page.replace("{conversation}", conversation), appUrl).toString();
      const { status, sources, noModule } = await scriptSources(url);
      const size = async (source: string) => {
        let known = sizes.get(source);
        if (!known) {
          const body = Buffer.from(await (await fetch(new URL(source, appUrl))).arrayBuffer());
          known = { raw: body.length, gzip: gzipSync(body).length };
          sizes.set(source, known);
        }
        return known;
      };
      let gzip = 0;
      let raw = 0;
      for (const source of sources) {
        const known = await size(source);
        raw += known.raw;
        gzip += known.gzip;
      }
      let legacy = 0;
      for (const source of noModule) legacy += (await size(source)).gzip;
      rows.push([page, `${status}`, `${sources.length}`, kib(raw), kib(gzip), legacy ? kib(legacy) : "–"]);
    }
    printTable("6. First-load JavaScript per page", ["page", "status", "scripts", "raw", "gzip", "noModule gzip (not fetched)"], rows);
  } finally {
    await services.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
