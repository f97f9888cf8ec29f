// Reads a V8 .cpuprofile (written by `node --cpu-prof`) and splits the busy time by layer, so the
// benchmark can say where a streamed chat's CPU goes.
import { readFileSync } from "node:fs";
import { printTable } from "./stats";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Ordered: the first rule that matches a frame's url (or name) names its layer. */
const LAYERS: Array<[string, (url: string, name: string) => boolean]> = [
  ["garbage collection", (_url, name) => name === "(garbage collector)"],
  ["Prisma and SQLite", (url) => /prisma|better-sqlite3|lib\/db\/generated/.test(url)],
  ["compression (zlib)", (url) => /zlib/.test(url)],
  ["web streams", (url) => /webstreams/.test(url)],
  ["fetch (undici)", (url) => /undici/.test(url)],
  ["async hooks and promises", (url, name) => /async_hooks|async_local_storage|promise_hooks/.test(url) || /PromiseHook|AsyncLocalStorage/.test(name)],
  ["AI SDK", (url) => /node_modules\/(ai|@ai-sdk)\//.test(url)],
  ["React server rendering", (url) => /react-dom|react-server|next\/dist\/compiled\/react/.test(url)],
  ["Next.js server", (url) => /node_modules\/next\//.test(url)],
  ["app code (.next bundles)", (url) => /\.next\//.test(url)],
  ["Node.js internals", (url) => url.startsWith("node:")],
  ["other JavaScript", (url) => url !== ""],
];

const NOT_BUSY = new Set(["(idle)", "(program)", "(root)"]);

export function profileBreakdown(file: string): { busyMs: number; layers: Array<[string, number]> } {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

  // Native frames have no url: they count for the nearest caller that has one.
  const layerCache = new Map<number, string>();
  const layerOf = (id: number): string => {
    const cached = layerCache.get(id);
    if (cached) return cached;
    const node = byId.get(id)!;
    const { url, functionName } = node.callFrame;
    let layer = LAYERS.find(([, matches]) => matches(url, functionName))?.[0];
    if (!layer) {
      const parent = parentOf.get(id);
      layer = parent === undefined ? "native (no caller)" : layerOf(parent);
    }
    layerCache.set(id, layer);
    return layer;
  };

  const totals = new Map<string, number>();
  let busyUs = 0;
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    const delta = profile.timeDeltas[index] ?? 0;
    if (!node || NOT_BUSY.has(node.callFrame.functionName)) return;
    busyUs += delta;
    const layer = layerOf(id);
    totals.set(layer, (totals.get(layer) ?? 0) + delta);
  });
  const layers = [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([name, us]) => [name, us / 1000] as [string, number]);
  return { busyMs: busyUs / 1000, layers };
}

export function printProfileBreakdown(file: string): void {
  const { busyMs, layers } = profileBreakdown(file);
  printTable(`CPU profile of the app process: ${(busyMs / 1000).toFixed(1)} s busy`, ["layer", "busy ms", "share"], layers.map(([name, value]) => [name, value.toFixed(0), `${((value / busyMs) * 100).toFixed(1)}%`]));
}
