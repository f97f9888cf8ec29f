import { describe, expect, it } from "vitest";
import { SseDeltaCoalescer } from "./sse-delta-coalescer";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function chunk(delta: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return `data: ${JSON.stringify({ id: "r1", object: "chat.completion.chunk", model: "deepseek-v4-flash", choices: [{ index: 0, delta, logprobs: null, finish_reason: null }], ...extra })}\n\n`;
}

/** Feeds the reads one by one; returns what came out of each. */
function run(reads: string[]): string[] {
  const coalescer = new SseDeltaCoalescer();
  const out = reads.map((read) => decoder.decode(coalescer.push(encoder.encode(read))));
  out.push(decoder.decode(coalescer.end()));
  return out;
}

/** The text deltas, field by field, as a parser would see them. */
function deltas(stream: string): Array<[string, string]> {
  return stream
    .split("\n\n")
    .filter((event) => event.startsWith("data: {"))
    .flatMap((event) => {
      const delta = (JSON.parse(event.slice(6)) as { choices: Array<{ delta: Record<string, string | null> }> }).choices[0]!.delta;
      return Object.entries(delta).filter(([key, value]) => key !== "role" && typeof value === "string" && value !== "") as Array<[string, string]>;
    });
}

describe("SseDeltaCoalescer", () => {
  it("joins the text deltas of one read into one event, with everything else in the chunk kept", () => {
    const [out] = run([chunk({ content: "Hel" }) + chunk({ content: "lo" }) + chunk({ content: ", world" })]);
    expect(out!.split("\n\n").filter(Boolean)).toHaveLength(1);
    const joined = JSON.parse(out!.slice(6)) as Record<string, unknown>;
    expect(joined).toEqual({ id: "r1", object: "chat.completion.chunk", model: "deepseek-v4-flash", choices: [{ index: 0, delta: { content: "Hello, world" }, logprobs: null, finish_reason: null }] });
  });

  it("never joins across reads, so nothing waits for the next read", () => {
    const out = run([chunk({ content: "A" }), chunk({ content: "B" }) + chunk({ content: "C" })]);
    expect(deltas(out[0]!)).toEqual([["content", "A"]]);
    expect(deltas(out[1]!)).toEqual([["content", "BC"]]);
  });

  it("keeps the order of reasoning and answer, and passes through what is not a plain delta", () => {
    const usage = chunk({ content: "" }, { usage: { prompt_tokens: 5, completion_tokens: 3 } });
    const finish = `data: ${JSON.stringify({ id: "r1", model: "deepseek-v4-flash", choices: [{ index: 0, delta: { content: "!" }, finish_reason: "stop" }] })}\n\n`;
    const read =
      chunk({ role: "assistant", content: null, reasoning_content: "Think" }) +
      chunk({ content: null, reasoning_content: "ing." }) +
      ": keep-alive\n\n" +
      chunk({ content: "Ans", reasoning_content: null }) +
      chunk({ content: "wer", reasoning_content: null }) +
      finish +
      usage +
      "data: [DONE]\n\n";
    const [out] = run([read]);
    expect(deltas(out!)).toEqual([
      ["reasoning_content", "Thinking."],
      ["content", "Answer"],
      ["content", "!"],
    ]);
    expect(out).toContain(": keep-alive\n\n");
    expect(out).toContain(finish);
    expect(out).toContain(usage);
    expect(out!.endsWith("data: [DONE]\n\n")).toBe(true);
    // The role came with the first reasoning delta and is still there.
    expect(out).toContain('"role":"assistant"');
  });

  it("hands an event cut by the network on once its end has come", () => {
    const whole = chunk({ content: "split" });
    const out = run([whole.slice(0, 20), whole.slice(20, 40), whole.slice(40)]);
    expect(out.slice(0, 2)).toEqual(["", ""]);
    expect(out[2]).toBe(whole);
  });

  it("passes a lone event, tool calls and streams with carriage returns through byte for byte", () => {
    const tool = chunk({ tool_calls: [{ index: 0, function: { arguments: "{" } }] });
    expect(run([chunk({ content: "one" })])[0]).toBe(chunk({ content: "one" }));
    expect(run([tool + tool])[0]).toBe(tool + tool);
    const crlf = "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\r\n\r\ndata: {\"choices\":[{\"delta\":{\"content\":\"b\"}}]}\r\n\r\n";
    expect(run([crlf, crlf]).join("")).toBe(crlf + crlf);
  });

  it("keeps multi-byte characters split between reads whole", () => {
    const whole = chunk({ content: "缓存" }) + chunk({ content: "命中" });
    const bytes = encoder.encode(whole);
    const coalescer = new SseDeltaCoalescer();
    const cut = bytes.indexOf(0xe5) + 1; // inside the first character
    const out = decoder.decode(coalescer.push(bytes.slice(0, cut))) + decoder.decode(coalescer.push(bytes.slice(cut))) + decoder.decode(coalescer.end());
    expect(deltas(out)).toEqual([["content", "缓存命中"]]);
  });
});
