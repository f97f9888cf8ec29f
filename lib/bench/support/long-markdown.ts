// A long, realistic markdown answer: headings, prose, lists, tables, code and math, repeated to size.

const SECTION = (n: number) => `## Part ${n}: measuring a streaming pipeline

Streaming feels fast because the **first token** arrives early and the rest follows at a steady
pace. Each stage adds a little: parsing, *re-rendering*, and the work of \`highlighting\` code.

1. Measure the time to first token.
2. Measure the gaps between tokens, and their 99th percentile.
3. Compare both with the upstream alone.

| stage | cost per token | note |
|---|---:|---|
| parse | 0.02 ms | incremental |
| render | 0.10 ms | only the last block |
| highlight | 0.30 ms | once per finished block |

\`\`\`ts
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((p / 100) * (sorted.length - 1))] ?? 0;
}
\`\`\`

> A quote to break the flow, with a [link](https://example.com/part-${n}) that stays safe.

The cost grows as $O(n \\log n)$ for sorting, and the mean is $\\bar{x} = \\frac{1}{n}\\sum x_i$.

`;

export function longMarkdown(chars: number): string {
  let text = "";
  for (let n = 1; text.length < chars; n += 1) text += SECTION(n);
  return text.slice(0, chars);
}
