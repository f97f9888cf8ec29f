// A long conversation as a V4 Chat archive, for the browser tests and benchmarks that need one
// with a thousand messages: importing it takes a second, where answering it turn by turn takes
// minutes. The answers look like real ones (headings, lists, code, a table), not filler.
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, type ArchivedMessage, type Archive } from "@/lib/archive/format";

function answerText(turn: number): string {
  const code =
    turn % 3 === 0
      ? `\n\`\`\`ts\nexport function step${turn}(values: number[]): number {\n  return values.reduce((sum, value) => sum + value * ${turn}, 0);\n}\n\`\`\`\n`
      : "";
  const table = turn % 5 === 0 ? `\n| case | result |\n|---|---:|\n| small | ${turn} ms |\n| large | ${turn * 10} ms |\n` : "";
  return `### Step ${turn}\n\nThis step builds on the previous one. The **key idea** is to keep each stage small and measurable:\n\n1. Measure before changing anything.\n2. Change one thing at a time.\n3. Keep the figures beside the code.\n${code}${table}\nThat is all for step ${turn}; ask for the next one when ready.`;
}

/** An archive holding one conversation `id` of `turns` prompt/answer pairs, titled `title`. */
export function longConversationArchive({ id: conversationId, title, turns }: { id: string; title: string; turns: number }): Archive {
  const start = Date.parse("2026-11-01T09:00:00Z");
  const at = (index: number) => new Date(start + index * 60_000).toISOString();
  const messages: ArchivedMessage[] = [];
  let parentId: string | null = null;
  for (let turn = 1; turn <= turns; turn += 1) {
    for (const role of ["user", "assistant"] as const) {
      const index = messages.length;
      const text = role === "user" ? `Step ${turn}: what comes next in the plan?` : answerText(turn);
      const id = `${conversationId}-${role === "user" ? "p" : "a"}${turn}`;
      messages.push({
        id,
        parentId,
        seq: 1,
        selected: true,
        lane: 0,
        role,
        parts: [{ type: "text", text }],
        content: text,
        status: "complete",
        errorCode: null,
        errorMessage: null,
        errorHint: null,
        retryAt: null,
        model: role === "assistant" ? "flash" : null,
        modelId: role === "assistant" ? "deepseek-flash" : null,
        modelVersion: null,
        mode: role === "assistant" ? "non-think" : null,
        effectiveMode: role === "assistant" ? "non-think" : null,
        modeNotice: null,
        backend: role === "assistant" ? "Offline simulator" : null,
        finishReason: role === "assistant" ? "stop" : null,
        inputTokens: role === "assistant" ? 40 * turn : null,
        cacheHitTokens: role === "assistant" ? 30 * turn : null,
        cacheMissTokens: role === "assistant" ? 10 * turn : null,
        outputTokens: role === "assistant" ? 120 : null,
        reasoningTokens: role === "assistant" ? 0 : null,
        usageEstimated: false,
        costUsd: role === "assistant" ? 0.0001 : null,
        priceTier: role === "assistant" ? "standard" : null,
        ttftMs: role === "assistant" ? 400 : null,
        reasoningMs: null,
        durationMs: role === "assistant" ? 2000 : null,
        createdAt: at(index),
        updatedAt: at(index),
      });
      parentId = id;
    }
  }
  return {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exportedAt: at(messages.length),
    folders: [],
    conversations: [
      { id: conversationId, title, titleSource: "user", model: "flash", mode: "non-think", createdAt: at(0), updatedAt: at(messages.length), pinnedAt: null, folderId: null, messages },
    ],
    comparisons: [],
    documents: [],
  };
}
