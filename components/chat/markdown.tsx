"use client";

import { code } from "@streamdown/code";
import { math } from "@streamdown/math";
import { memo } from "react";
import { defaultRehypePlugins, Streamdown } from "streamdown";
import type { Pluggable, Plugin } from "unified";

const plugins = { code, math };

/**
 * Model output is untrusted input. Streamdown's defaults parse raw HTML (its `raw` plugin, which
 * makes `skipHtml` moot) and let images load from anywhere, which a prompt injection could use to
 * send data out in an image URL. So: no raw-HTML plugin, and the hardening step blocks every
 * image that is not already on the page.
 */
const [harden] = defaultRehypePlugins.harden as [Plugin<[Record<string, unknown>]>, unknown];
const rehypePlugins: Pluggable[] = [
  defaultRehypePlugins.sanitize as Pluggable,
  [harden, { allowedImagePrefixes: [], allowDataImages: false, allowedLinkPrefixes: ["*"] }],
];

/**
 * Model output rendered as markdown while it streams. Streamdown parses block by block and closes
 * unfinished syntax, so a new token does not re-render the whole answer. Raw HTML is shown as
 * text and remote images are not loaded (see above).
 */
export const Markdown = memo(function Markdown({ text, streaming }: { text: string; streaming: boolean }) {
  return (
    <Streamdown
      className="answer-markdown"
      plugins={plugins}
      isAnimating={streaming}
      mode={streaming ? "streaming" : "static"}
      skipHtml
      rehypePlugins={rehypePlugins}
      controls={{ code: true, table: true }}
      shikiTheme={["github-light", "github-dark"]}
    >
      {text}
    </Streamdown>
  );
});
