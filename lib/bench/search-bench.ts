/**
 * Benchmark: full-text search over 10,000 conversations (SQLite FTS5, the real index and query).
 * Seeds a fresh database in a temp folder: SEARCH_BENCH_CONVERSATIONS conversations (default
 * 10,000) of 3 turns (6 messages, about 60,000 messages and 12 MB of text) for the searching user,
 * plus 2,000 of another user, then prints the latency of typical searches. Every fifth conversation
 * is answered in Chinese too (the trigram table's share). Asserts nothing.
 *
 *   npx tsx --conditions=react-server lib/bench/search-bench.ts
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { sqliteSearchIndex } from "@/lib/search/sqlite";
import { percentile } from "./support/stats";

const CONVERSATIONS = Number(process.env.SEARCH_BENCH_CONVERSATIONS ?? 10_000);
const RUNS = Number(process.env.SEARCH_BENCH_RUNS ?? 30);

const WORDS = (
  "the of and to in is that for it as with was on be by this are or from at an which not have has but can all " +
  "function array sort merge quick heap binary tree graph node edge path cost price token model answer reason " +
  "python typescript rust database index query latency memory cache thread process server client request stream " +
  "kyoto paris travel budget recipe bread flour yeast oven garden tomato soil water energy solar battery voltage " +
  "matrix vector integral derivative limit proof theorem prime number series convergence probability variance"
).split(" ");

/** Chinese words, written without spaces between them as Chinese is. */
const CHINESE_WORDS = (
  "函数 数组 排序 合并 模型 回答 推理 数据库 索引 查询 延迟 内存 缓存 线程 进程 服务器 客户端 请求 京都 巴黎 旅行 预算 " +
  "面包 面粉 烤箱 花园 番茄 土壤 能源 太阳能 电池 电压 矩阵 向量 积分 导数 极限 证明 定理 质数 级数 收敛 概率 方差 提示 价格"
).split(" ");

/** A deterministic pseudo-random text (so runs compare). */
function generator(seed: number, words: readonly string[] = WORDS, separator = " ") {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) & 0x7fffffff;
    return state;
  };
  return (count: number) => Array.from({ length: count }, () => words[next() % words.length]).join(separator);
}


async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), "v4chat-search-bench-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  await applyMigrations({ databaseUrl: url });
  const db = createDb(url);
  try {
    const index = sqliteSearchIndex(db);
    await index.ensure();
    await db.user.createMany({ data: [{ id: "reader", name: "Reader" }, { id: "other", name: "Other" }] });

    const text = generator(42);
    const chinese = generator(7, CHINESE_WORDS, "");
    const seededAt = performance.now();
    let messages = 0;
    const seed = async (userId: string, count: number) => {
      for (let start = 0; start < count; start += 500) {
        const conversations = [];
        const rows = [];
        for (let n = start; n < Math.min(count, start + 500); n++) {
          const id = `${userId}-c${n}`;
          conversations.push({ id, userId, title: text(4), model: "flash", mode: "non-think" });
          let parentId: string | null = null;
          for (let turn = 0; turn < 6; turn++) {
            const role = turn % 2 === 0 ? "user" : "assistant";
            // A rare word in one conversation of a thousand, to find needles too.
            const rare = n % 1000 === 7 && turn === 5;
            // A rare Chinese word in ten conversations too (among those answered in Chinese).
            const rareChinese = n % 1000 === 5 && turn === 5;
            const inChinese = n % 5 === 0 && role === "assistant" ? `\n${chinese(60)}${rareChinese ? "绿蝾螈" : ""}` : "";
            const content = role === "user" ? text(20) : `${text(180)}${rare ? " axolotl" : ""}${inChinese}`;
            const messageId = `${id}-m${turn}`;
            rows.push({ id: messageId, conversationId: id, parentId, role, content, parts: JSON.stringify([{ type: "text", text: content }]) });
            parentId = messageId;
          }
        }
        await db.$transaction([db.conversation.createMany({ data: conversations }), db.message.createMany({ data: rows })]);
        messages += rows.length;
      }
    };
    await seed("reader", CONVERSATIONS);
    await seed("other", Math.round(CONVERSATIONS / 5));
    console.log(`seeded ${CONVERSATIONS.toLocaleString("en")} + ${Math.round(CONVERSATIONS / 5).toLocaleString("en")} conversations, ${messages.toLocaleString("en")} messages in ${((performance.now() - seededAt) / 1000).toFixed(1)} s (index kept by triggers)`);

    const queries = [
      { label: "rare word (10 conversations)", q: "axolotl" },
      { label: "common word (most conversations)", q: "merge" },
      { label: "two words", q: "solar battery" },
      { label: "prefix while typing", q: "conver" },
      { label: "no match", q: "zzyzx" },
      { label: "Chinese, rare (trigram index)", q: "绿蝾螈" },
      { label: "Chinese, rare, 2 characters (LIKE)", q: "蝾螈" },
      { label: "Chinese, 3 characters (trigram)", q: "太阳能" },
      { label: "Chinese, 2 characters (LIKE scan)", q: "缓存" },
      { label: "Chinese, no match (trigram)", q: "不存在的词" },
    ];
    console.log(`\nsearch latency over ${RUNS} runs each (owner-scoped, top 20, with snippets):`);
    for (const { label, q } of queries) {
      await index.search({ userId: "reader", query: q, limit: 20 }); // warm
      const times: number[] = [];
      let found = 0;
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now();
        found = (await index.search({ userId: "reader", query: q, limit: 20 })).length;
        times.push(performance.now() - started);
      }
      console.log(`  ${label.padEnd(34)} "${q}"  p50 ${percentile(times, 50).toFixed(1)} ms  p95 ${percentile(times, 95).toFixed(1)} ms  (${found} results)`);
    }
  } finally {
    await db.$disconnect();
    if (process.env.SEARCH_BENCH_KEEP === "1") console.log(`database kept at ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
