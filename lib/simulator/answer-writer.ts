// Writes the simulator's answers: deterministic markdown that exercises a chat
// renderer (headings, lists, tables, code, math) and relates to the prompt,
// plus "thinking" prose whose length follows the reasoning effort.
import { contentText, type BaseModel, type ChatMessage, type Effort } from "./protocol";

export interface AnswerInput {
  base: BaseModel;
  thinking: boolean;
  effort: Effort;
  messages: readonly ChatMessage[];
  /** How many times this same request was answered before (0 the first time): varies the answer. */
  attempt?: number;
}

export interface Answer {
  /** Empty when thinking is off or the request does not warrant reasoning. */
  reasoning: string;
  content: string;
}

export const SIMULATOR_SIGNATURE = "_Answered by the V4 Chat offline simulator._";

// ---------------------------------------------------------------------------
// Determinism helpers.

/** FNV-1a: a tiny, stable 32-bit string hash for seeding. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small seeded PRNG so the same prompt gives the same bytes. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}

function between(rng: Rng, min: number, max: number): number {
  return Math.round(min + rng() * (max - min));
}

export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

// ---------------------------------------------------------------------------
// Prompt analysis.

const STOP_WORDS = new Set(
  (
    "a an and are as at be been but by can could do does did for from how i i'm if in into is it its " +
    "it's me my of on or our please should so some tell than that the their them then there these they " +
    "this to us was we what when where which who why will with would you your yours about explain give " +
    "show help want need just also any all more most very really like make get can't don't let's hi hello hey"
  ).split(" "),
);

/** Content words of a text, in order of appearance, without duplicates. */
export function keywords(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? []) {
    const word = raw.replace(/’/g, "'");
    if (STOP_WORDS.has(word) || seen.has(word)) continue;
    seen.add(word);
    out.push(word);
  }
  return out;
}

function titleCase(words: readonly string[]): string {
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(" ");
}

function quoteOf(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 80 ? `${flat.slice(0, 79).trimEnd()}…` : flat;
}

function identifierOf(words: readonly string[]): string {
  const parts = words.slice(0, 2).map((w) => w.replace(/[^a-z0-9]/g, "")).filter((w) => /^[a-z]/.test(w));
  if (parts.length === 0) return "runPlan";
  return parts.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join("") + "Plan";
}

/** A 3-6 word Title Case title from the words of a message (the app's auto-titles). */
export function makeTitle(text: string): string {
  const words = keywords(text)
    .map((w) => w.replace(/[^\p{L}\p{N}]/gu, ""))
    .filter((w) => w.length > 0)
    .slice(0, 6);
  const padding = ["Quick", "Chat", "Notes"];
  while (words.length < 3) words.push((padding[words.length] ?? "Chat").toLowerCase());
  return titleCase(words);
}

// ---------------------------------------------------------------------------
// Content building blocks. `t` is the topic phrase, e.g. "rust ownership".

interface Ctx {
  rng: Rng;
  topic: string;
  Topic: string;
  ident: string;
  quote: string;
  followUp: boolean;
  base: BaseModel;
}

const fill = (text: string, ctx: Ctx): string => text.replaceAll("{t}", ctx.topic);

const OPENINGS = [
  'You asked: "{q}". Here is a clear, structured answer.',
  'Let\'s work through "{q}" step by step.',
  'Good question: "{q}" touches on a few ideas worth separating.',
  'About "{q}": the short answer is that it depends on a handful of choices, so here they are.',
];

const FOLLOW_UP_OPENINGS = [
  'Following up on our conversation, you asked: "{q}". Building on what we covered, here is the next layer.',
  'Following up on our earlier exchange: "{q}". Here is how that extends what we already discussed.',
];

const HEADING_SUFFIXES = ["The Short Version", "Key Ideas", "A Practical Overview", "How It Fits Together", "What Matters Most"];

const SENTENCES = [
  "At its core, {t} is about balancing a few competing goals: clarity, correctness and cost.",
  "Most confusion around {t} comes from mixing up the idea itself with one particular way of implementing it.",
  "A useful way to picture {t} is as a pipeline: inputs arrive, a small set of rules transforms them, and results flow out.",
  "The details vary from one setting to another, but the underlying principles stay remarkably stable.",
  "It helps to start from a concrete example and only then generalise.",
  "When in doubt, measure first, because intuition about {t} is often wrong in the specifics.",
  "Small, reversible steps make {t} much easier to reason about.",
  "The trade-offs become clearer once you write down what you are optimising for.",
  "Good defaults carry most of the weight; tuning only pays off after the basics are solid.",
  "People who are new to {t} usually benefit from seeing the whole shape before the fine print.",
  "Failure cases deserve as much attention as the happy path, since that is where surprises hide.",
  "Keeping the vocabulary consistent makes every later discussion of {t} shorter.",
];

const BULLETS = [
  "**Start simple**: get a minimal version of {t} working before adding options.",
  "**Name the constraints**: time, memory, budget and people all shape the right answer.",
  "**Check the edge cases**: empty inputs, very large inputs and failures halfway through.",
  "**Measure**: compare before and after with real numbers, not impressions.",
  "**Write decisions down**: a short note on why saves hours later.",
  "**Iterate**: revisit {t} once you have feedback from real use.",
  "**Automate the boring parts** so attention goes to the interesting ones.",
];

const STEPS = [
  "Define what success looks like for {t} in one sentence.",
  "Collect two or three representative examples.",
  "Build the smallest version that handles those examples.",
  "Add tests for the cases that worried you most.",
  "Review the result with someone who was not involved.",
  "Only then optimise the parts that measurements point to.",
];

const TABLES = [
  [
    "| Aspect | What to look for | Typical pitfall |",
    "| --- | --- | --- |",
    "| Scope | A clear boundary around {t} | Trying to solve everything at once |",
    "| Quality | Tests and worked examples | Relying on a single happy path |",
    "| Cost | Time and resources spent | Optimising too early |",
  ],
  [
    "| Approach | Strength | Weakness |",
    "| --- | --- | --- |",
    "| Minimal | Fast to build | Limited flexibility |",
    "| Layered | Easy to extend | More moving parts |",
    "| Generated | Consistent output | Harder to debug |",
  ],
  [
    "| Step | Goal | Done when |",
    "| --- | --- | --- |",
    "| 1 | Understand {t} | You can explain it in two sentences |",
    "| 2 | Try it | A small example runs end to end |",
    "| 3 | Harden it | Edge cases have tests |",
  ],
];

function codeBlock(ctx: Ctx): string {
  const variants: (() => string[])[] = [
    () => [
      "```ts",
      "interface Step {",
      "  name: string;",
      "  run: () => Promise<void>;",
      "}",
      "",
      `export async function ${ctx.ident}(steps: Step[]): Promise<number> {`,
      "  let done = 0;",
      "  for (const step of steps) {",
      "    await step.run();",
      "    done += 1;",
      "  }",
      "  return done;",
      "}",
      "```",
    ],
    () => [
      "```python",
      `def ${ctx.ident.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}(items: list[str]) -> dict[str, int]:`,
      '    """Count how often each item appears."""',
      "    counts: dict[str, int] = {}",
      "    for item in items:",
      "        counts[item] = counts.get(item, 0) + 1",
      "    return counts",
      "```",
    ],
    () => [
      "```bash",
      `# quick check related to ${ctx.topic}`,
      "for file in logs/*.log; do",
      '  echo "$file: $(grep -c ERROR "$file") errors"',
      "done",
      "```",
    ],
  ];
  return pick(ctx.rng, variants)().join("\n");
}

const MATH_SENTENCES = [
  "Even physics fits its big idea into one line, $E = mc^2$, and {t} deserves a one-line summary too.",
  "As a rule of thumb, a good approach scales like $O(n \\log n)$ rather than $O(n^2)$ as inputs grow.",
  "If each step adds one unit of work, the total is $\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}$, which grows faster than it first appears.",
];

const SUMMARIES = [
  "In short: start small, measure, and iterate on {t}.",
  "The main takeaway is to make the simple version work first and let evidence guide the rest.",
  "If you remember one thing, make it this: clear goals make {t} far easier.",
];

const DEEPER_HEADINGS = ["### Going Deeper", "### Common Pitfalls", "### Beyond the Basics"];

function paragraph(ctx: Ctx, pool: string[], count: number): string {
  const sentences: string[] = [];
  while (sentences.length < count && pool.length > 0) sentences.push(fill(pool.shift() ?? "", ctx));
  return sentences.join(" ");
}

function bulletList(ctx: Ctx, count: number): string {
  return shuffled(ctx.rng, BULLETS)
    .slice(0, count)
    .map((b) => `- ${fill(b, ctx)}`)
    .join("\n");
}

function numberedList(ctx: Ctx, count: number): string {
  return STEPS.slice(0, count)
    .map((s, i) => `${i + 1}. ${fill(s, ctx)}`)
    .join("\n");
}

interface Section {
  text: string;
  /** Optional sections are dropped first when an answer runs long. */
  optional?: boolean;
}

function writeContent(ctx: Ctx): string {
  const { rng } = ctx;
  const pool = shuffled(rng, SENTENCES);
  const opening = (ctx.followUp ? pick(rng, FOLLOW_UP_OPENINGS) : pick(rng, OPENINGS)).replace("{q}", () => ctx.quote);
  const heading = `## ${ctx.Topic}: ${pick(rng, HEADING_SUFFIXES)}`;
  const table = pick(rng, TABLES).map((row) => fill(row, ctx)).join("\n");
  const withMath = rng() < 0.5;
  const layout = Math.floor(rng() * 3);
  const s = (text: string, optional = false): Section => ({ text, optional });

  const sections: Section[] = [s(opening), s(heading), s(paragraph(ctx, pool, 1)), s(paragraph(ctx, pool, 1), true)];
  if (layout === 0) sections.push(s(bulletList(ctx, 4)), s(codeBlock(ctx)), s(table));
  else if (layout === 1) sections.push(s(numberedList(ctx, 4)), s(table), s(paragraph(ctx, pool, 1), true), s(codeBlock(ctx)));
  else sections.push(s(table), s(bulletList(ctx, 3)), s(codeBlock(ctx)));
  if (withMath) sections.push(s(fill(pick(rng, MATH_SENTENCES), ctx), true));

  if (ctx.base === "pro") {
    // Pro goes one level deeper: an extra section with its own list.
    sections.push(s(pick(rng, DEEPER_HEADINGS)), s(paragraph(ctx, pool, 2)));
    sections.push(s(layout === 1 ? bulletList(ctx, 4) : numberedList(ctx, 5)));
  }

  const [min, max] = ctx.base === "pro" ? [200, 320] : [120, 200];
  const target = between(rng, min, max);
  const tail = [s(fill(pick(rng, SUMMARIES), ctx), true), s(SIMULATOR_SIGNATURE)];
  const words = (parts: Section[]): number => countWords(parts.map((p) => p.text).join("\n\n"));
  // Pad with prose until the answer reaches its target length...
  while (words([...sections, ...tail]) < target && pool.length > 0) {
    const next = s(paragraph(ctx, pool, 2), true);
    if (words([...sections, next, ...tail]) > max) break;
    sections.push(next);
  }
  // ...or drop optional prose when a long prompt echo made it too long.
  const all = [...sections, ...tail];
  while (words(all) > max) {
    const index = all.findLastIndex((p) => p.optional === true);
    if (index < 0) break;
    all.splice(index, 1);
  }
  return all.map((p) => p.text).join("\n\n");
}

// ---------------------------------------------------------------------------
// Reasoning prose.

const THOUGHT_STARTERS = [
  "Let me",
  "I should",
  "It makes sense to",
  "Next, I want to",
  "Before writing, I need to",
  "Hmm, I could also",
  "Wait, I should",
];

const THOUGHT_ACTIONS = [
  "consider how {t} behaves with very large inputs",
  "check whether the example actually matches the explanation",
  "think about what a newcomer would most likely misread",
  "compare two or three alternatives instead of presenting just one",
  "decide which details to leave out so the answer stays readable",
  "verify that the numbers in the table are plausible",
  "look at failure modes, not only the happy path",
  "keep the terminology consistent from start to finish",
  "put the most useful point first",
  "make sure a small code sample would really help here",
  "separate the concept from any particular implementation",
  "double-check the claim about cost before stating it",
];

// Plain full stops dominate so the rarer tails do not sound repetitive.
const THOUGHT_TAILS = [
  ".",
  ".",
  ".",
  ".",
  " before moving on.",
  ", since that is where mistakes usually hide.",
  ", because the reader will probably act on it.",
  "; that should make the structure obvious.",
];

function writeReasoning(ctx: Ctx, effort: Effort): string {
  const { rng } = ctx;
  const scale = (ctx.base === "pro" ? 1.3 : 1) * (effort === "max" ? 2.5 : effort === "low" ? 0.5 : 1);
  const target = between(rng, 60 * scale, 120 * scale);
  const opening = ctx.followUp
    ? `This is a follow-up in an ongoing conversation; the new question is "${ctx.quote}". I should stay consistent with what was said before.`
    : `The question is "${ctx.quote}". The core topic seems to be ${ctx.topic}.`;
  const closing = "Okay, I have a plan: a short overview, the key points, an example, and a one-line summary.";
  const paragraphs: string[][] = [[opening]];
  let words = countWords(opening) + countWords(closing);
  let actions = shuffled(rng, THOUGHT_ACTIONS);
  while (words < target) {
    if (actions.length === 0) actions = shuffled(rng, THOUGHT_ACTIONS);
    const sentence = `${pick(rng, THOUGHT_STARTERS)} ${fill(actions.shift() ?? "", ctx)}${pick(rng, THOUGHT_TAILS)}`;
    const current = paragraphs[paragraphs.length - 1];
    if (current && current.length < 3) current.push(sentence);
    else paragraphs.push([sentence]);
    words += countWords(sentence);
  }
  paragraphs.push([closing]);
  return paragraphs.map((p) => p.join(" ")).join("\n\n");
}

// ---------------------------------------------------------------------------

function systemText(messages: readonly ChatMessage[]): string {
  return messages
    .filter((m) => m.role === "system")
    .map((m) => contentText(m.content))
    .join("\n");
}

function userTexts(messages: readonly ChatMessage[]): string[] {
  return messages.filter((m) => m.role === "user").map((m) => contentText(m.content));
}

/** The answer for a request; same inputs give byte-identical output. */
export function writeAnswer(input: AnswerInput): Answer {
  const users = userTexts(input.messages);
  const last = (users[users.length - 1] ?? "").trim();

  // The app asks for conversation titles with a system prompt; answer tersely.
  if (/conversation title/i.test(systemText(input.messages))) {
    return { reasoning: "", content: makeTitle(users[0] ?? "") };
  }

  const mode = input.thinking ? `think-${input.effort}` : "chat";
  const attempt = input.attempt ?? 0;
  const rng = mulberry32(hashString(`${last}\u0000${input.base}\u0000${mode}${attempt > 0 ? `\u0000${attempt}` : ""}`));

  if (last === "ping") {
    return { reasoning: input.thinking ? "The message is a ping, so the reply is pong." : "", content: "pong" };
  }

  const words = keywords(last);
  const topicWords = words.slice(0, 2);
  const ctx: Ctx = {
    rng,
    topic: topicWords.length > 0 ? topicWords.join(" ") : "this topic",
    Topic: topicWords.length > 0 ? titleCase(topicWords) : "This Topic",
    ident: identifierOf(words),
    quote: quoteOf(last),
    followUp: input.messages.some((m) => m.role === "assistant"),
    base: input.base,
  };
  // Reasoning first so both parts come from one PRNG sequence.
  const reasoning = input.thinking ? writeReasoning(ctx, input.effort) : "";
  return { reasoning, content: writeContent(ctx) };
}
