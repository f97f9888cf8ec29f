/**
 * Benchmark: database statements per streamed answer, counted from the production app's own
 * statement log (DB_LOG_STATEMENTS=1), for a new chat and for a follow-up.
 *
 *   npx tsx --conditions=react-server lib/bench/db-statements.ts
 */
import { randomUUID } from "node:crypto";
import { sendTurn } from "./support/chat-client";
import { startServices } from "./support/services";
import { printTable } from "./support/stats";

const TURNS = Number(process.env.BENCH_TURNS ?? 10);

function kindOf(statement: string): string {
  const verb = /^\s*(\w+)/.exec(statement)?.[1]?.toUpperCase() ?? "?";
  const table = /(?:FROM|INTO|UPDATE)\s+[`"]?(?:main[`"]?\.)?[`"]?(\w+)/i.exec(statement)?.[1];
  return table ? `${verb} ${table}` : verb;
}

async function main(): Promise<void> {
  let statements: string[] = [];
  const services = await startServices({
    speed: 50,
    env: { DB_LOG_STATEMENTS: "1" },
    onLine: (line) => {
      if (line.startsWith("[db] ")) statements.push(line.slice(5));
    },
  });
  // Title requests and checkpoints settle after the stream ends: wait for the log to go quiet.
  const settle = async () => {
    let count = -1;
    while (count !== statements.length) {
      count = statements.length;
      await new Promise((resolve) => setTimeout(resolve, 1500));
    }
  };
  try {
    const appUrl = services.app.url;
    await sendTurn(appUrl, { conversationId: `bench-db-${randomUUID()}`, parentId: null, text: "Warm-up question." });
    await settle();

    const measure = async (label: string, turn: (index: number) => Promise<unknown>): Promise<Map<string, number>> => {
      statements = [];
      for (let index = 0; index < TURNS; index += 1) await turn(index);
      await settle();
      const kinds = new Map<string, number>();
      for (const statement of statements) kinds.set(kindOf(statement), (kinds.get(kindOf(statement)) ?? 0) + 1);
      kinds.set(`total (${label})`, statements.length);
      return kinds;
    };

    const conversations: Array<{ id: string; answer: string }> = [];
    const first = await measure("new chat", async (index) => {
      const id = `bench-db-${randomUUID()}`;
      conversations.push({ id, answer: await sendTurn(appUrl, { conversationId: id, parentId: null, text: `First question ${index}.` }) });
    });
    const followUp = await measure("follow-up", async (index) => {
      const { id, answer } = conversations[index]!;
      await sendTurn(appUrl, { conversationId: id, parentId: answer, text: `A follow-up question ${index}.` });
    });
    const names = [...new Set([...first.keys(), ...followUp.keys()])].filter((name) => !name.startsWith("total")).sort();
    const perTurn = (counts: Map<string, number>, name: string) => ((counts.get(name) ?? 0) / TURNS).toFixed(1);
    printTable(
      `6. Database statements per answer (average of ${TURNS}, including the title request)`,
      ["statement", "new chat", "follow-up"],
      [...names.map((name) => [name, perTurn(first, name), perTurn(followUp, name)]), ["total", perTurn(first, "total (new chat)"), perTurn(followUp, "total (follow-up)")]],
    );
  } finally {
    await services.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
