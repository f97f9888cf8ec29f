"use client";

import { code } from "@streamdown/code";
import { math } from "@streamdown/math";
import { memo } from "react";
import { Streamdown } from "streamdown";

const plugins = { code, math };

/**
 * Model output rendered as markdown while it streams. Streamdown parses block by block and closes
 * unfinished syntax, so a new token does not re-render the whole answer. Raw HTML is dropped:
 * model output is untrusted input.
 */
export const Markdown = memo(function Markdown({ text, streaming }: { text: string; streaming: boolean }) {
  return (
    <Streamdown
      className="answer-markdown"
      plugins={plugins}
      isAnimating={streaming}
      mode={streaming ? "streaming" : "static"}
      skipHtml
      controls={{ code: true, table: true }}
      shikiTheme={["github-light", "github-dark"]}
    >
      {text}
    </Streamdown>
  );
});
