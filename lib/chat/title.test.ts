import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Backend } from "@/lib/ai/backends/types";
import type { RunningSimulator } from "@/lib/simulator/server";
import { addFault, loggedRequests, simulatorBackend, startTestSimulator } from "./test-helpers";
import { cleanTitle, fallbackTitle, makeTitle } from "./title";

describe("cleanTitle", () => {
  it("strips a bold Title: label", () => {
    expect(cleanTitle("**Title:** Rust Ownership")).toBe("Rust Ownership");
  });

  it("ignores a think block that the token limit cut off", () => {
    expect(cleanTitle("<think>The user wants a title about")).toBeUndefined();
  });

  it("drops trailing ! and ?", () => {
    expect(cleanTitle("Why Is The Sky Blue?")).toBe("Why Is The Sky Blue");
  });

  it("strips surrounding quotes", () => {
    expect(cleanTitle('"Rust Ownership Rules"')).toBe("Rust Ownership Rules");
    expect(cleanTitle("'Rust Ownership Rules'")).toBe("Rust Ownership Rules");
    expect(cleanTitle("`Rust Ownership Rules`")).toBe("Rust Ownership Rules");
  });

  it("strips a leading 'Title:' label, in any case", () => {
    expect(cleanTitle("Title: Rust Ownership Rules")).toBe("Rust Ownership Rules");
    expect(cleanTitle("TITLE :Rust Ownership Rules")).toBe("Rust Ownership Rules");
  });

  it("strips trailing periods and markdown emphasis or heading marks", () => {
    expect(cleanTitle("Rust Ownership Rules.")).toBe("Rust Ownership Rules");
    expect(cleanTitle("Rust Ownership Rules...")).toBe("Rust Ownership Rules");
    expect(cleanTitle("**Rust Ownership Rules**")).toBe("Rust Ownership Rules");
    expect(cleanTitle("# Rust Ownership Rules")).toBe("Rust Ownership Rules");
  });

  it("removes think blocks before reading the title", () => {
    expect(cleanTitle("<think>The user asks about Rust.\nShort title.</think>\n\nRust Ownership Rules")).toBe(
      "Rust Ownership Rules",
    );
  });

  it("takes the first non-empty line", () => {
    expect(cleanTitle("\n   \n  Rust Ownership Rules  \nThis title covers the question.")).toBe("Rust Ownership Rules");
  });

  it("cuts a long line to 80 characters", () => {
    expect(cleanTitle("a".repeat(120))).toBe("a".repeat(80));
  });

  it("gives undefined when nothing is left", () => {
    expect(cleanTitle("")).toBeUndefined();
    expect(cleanTitle("  \n\t\n ")).toBeUndefined();
    expect(cleanTitle("<think>only thoughts</think>")).toBeUndefined();
    expect(cleanTitle('"..."')).toBeUndefined();
  });
});

describe("fallbackTitle", () => {
  it("keeps a short message as it is, with whitespace collapsed", () => {
    expect(fallbackTitle("  how do   I\nsort a list  ")).toBe("how do I sort a list");
  });

  it("keeps only the first eight words", () => {
    expect(fallbackTitle("one two three four five six seven eight nine ten")).toBe(
      "one two three four five six seven eight",
    );
  });

  it("cuts past 48 characters to 47 and an ellipsis", () => {
    const title = fallbackTitle("internationalization ".repeat(8));
    expect(title).toBe("internationalization internationalization inter…");
    expect(title).toHaveLength(48);
  });

  it("does not leave a space before the ellipsis", () => {
    // The first 47 characters end on the space after "abcdefghij".
    expect(fallbackTitle("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstu abcdefghij xyz")).toBe(
      "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstu…",
    );
  });

  it("is 'New conversation' for an empty or blank message", () => {
    expect(fallbackTitle("")).toBe("New conversation");
    expect(fallbackTitle(" \n\t ")).toBe("New conversation");
  });
});

describe("makeTitle against the simulator", () => {
  let sim: RunningSimulator;
  let backend: Backend;

  beforeAll(async () => {
    sim = await startTestSimulator();
    backend = simulatorBackend(sim);
  });
  afterAll(async () => {
    await sim.close();
  });

  it("returns the model's short title", async () => {
    const title = await makeTitle({ backend, userText: "Explain rust ownership rules please" });
    expect(title).toBe("Rust Ownership Rules");
  });

  it("asks Flash without thinking, with the title instructions and a 32-token budget", async () => {
    const userText = "Compare sqlite and postgres indexing";
    await makeTitle({ backend, userText });
    const [body, ...more] = await loggedRequests(sim, userText);

    expect(more).toHaveLength(0);
    expect(body).toMatchObject({ model: "deepseek-flash", thinking: { type: "disabled" }, max_tokens: 32 });
    expect(body?.messages?.[0]).toMatchObject({ role: "system", content: expect.stringContaining("conversation title") });
    expect(body?.messages?.[1]).toEqual({ role: "user", content: userText });
  });

  it("sends at most the first 4000 characters of the message", async () => {
    const userText = `titlecap ${"x".repeat(5000)}`;
    await makeTitle({ backend, userText });
    const [body] = await loggedRequests(sim, "titlecap");
    expect(body?.messages?.[1]).toEqual({ role: "user", content: userText.slice(0, 4000) });
  });

  it("falls back to the message's own words when the model fails", async () => {
    const userText = "tell me about failing title requests";
    await addFault(sim, userText, { kind: "status", status: 500 });
    const title = await makeTitle({ backend, userText });

    expect(title).toBe(fallbackTitle(userText));
    expect(title).toBe("tell me about failing title requests");
    // One retry, then the fallback.
    expect(await loggedRequests(sim, userText)).toHaveLength(2);
  });
});
