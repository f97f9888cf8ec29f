// Prompt-prefix cache accounting, like DeepSeek's context caching: the prompt
// is cut into 256-token blocks and a block counts as a hit when the whole
// prefix ending with it was seen in an earlier request.
import { createHash } from "node:crypto";

export const CACHE_BLOCK_TOKENS = 256;

export class PrefixCache {
  // A Map keeps insertion order, which makes it a cheap LRU.
  private readonly seen = new Map<string, true>();

  constructor(private readonly capacity = 50_000) {}

  /**
   * Returns how many leading tokens hit the cache, then remembers every block
   * prefix of this prompt. `namespace` separates models (their caches differ).
   */
  lookupAndRemember(namespace: string, tokens: readonly string[]): number {
    const hashes = prefixHashes(namespace, tokens);
    let hitBlocks = 0;
    while (hitBlocks < hashes.length && this.seen.has(hashes[hitBlocks] ?? "")) hitBlocks++;
    for (const hash of hashes) this.touch(hash);
    return hitBlocks * CACHE_BLOCK_TOKENS;
  }

  get size(): number {
    return this.seen.size;
  }

  private touch(hash: string): void {
    this.seen.delete(hash);
    this.seen.set(hash, true);
    if (this.seen.size > this.capacity) {
      const oldest = this.seen.keys().next();
      if (!oldest.done) this.seen.delete(oldest.value);
    }
  }
}

/** Hash of each prefix ending on a full block: chained, so each covers all tokens before it. */
function prefixHashes(namespace: string, tokens: readonly string[]): string[] {
  const hashes: string[] = [];
  let previous = namespace;
  for (let end = CACHE_BLOCK_TOKENS; end <= tokens.length; end += CACHE_BLOCK_TOKENS) {
    const hash = createHash("sha256").update(previous);
    for (let i = end - CACHE_BLOCK_TOKENS; i < end; i++) hash.update(`${tokens[i] ?? ""}\u0000`);
    previous = hash.digest("hex");
    hashes.push(previous);
  }
  return hashes;
}
