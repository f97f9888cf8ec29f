import { hashString } from "./answer-writer";

/**
 * Counts how often the same request (model, mode, whole history) has been asked, so a
 * regenerate gets a different answer, as a real model gives, while staying deterministic: the
 * n-th attempt at a request always reads the same. Bounded: the oldest requests are forgotten.
 */
export class AttemptCounter {
  private readonly counts = new Map<number, number>();

  constructor(private readonly maxEntries = 50_000) {}

  /** 0 for the first time this request is seen, then 1, 2, … */
  next(key: string): number {
    const hash = hashString(key);
    const attempt = this.counts.get(hash) ?? 0;
    this.counts.delete(hash);
    this.counts.set(hash, attempt + 1);
    if (this.counts.size > this.maxEntries) {
      const oldest = this.counts.keys().next().value;
      if (oldest !== undefined) this.counts.delete(oldest);
    }
    return attempt;
  }
}
