// A long conversation is shown from its end: the page carries the last few turns, and earlier
// ones are read when the person asks for them. This keeps a 1,000-message chat as quick to open,
// and to type in, as a short one.
import type { ChatUIMessage } from "@/lib/contract";

/** Messages a conversation page carries at first, and how many more each "show earlier" reads. */
export const PATH_WINDOW = 40;

export interface PathWindow {
  messages: ChatUIMessage[];
  /** Messages on the path before the first one in `messages`. */
  earlier: number;
}

/**
 * The last `last` messages of `path` (all when `last` is undefined), or those `from` a position
 * on (a tab that switched a version keeps its start), widened so that it starts at a prompt and
 * so that it holds `include` (a message the page must show, such as a search match).
 */
export function windowOfPath(path: ChatUIMessage[], { last, from, include }: { last?: number; from?: number; include?: string } = {}): PathWindow {
  let start = from !== undefined ? Math.min(from, path.length) : last === undefined ? 0 : Math.max(0, path.length - Math.max(1, last));
  if (include) {
    const wanted = path.findIndex((message) => message.id === include);
    if (wanted !== -1) start = Math.min(start, wanted);
  }
  // Never open on an answer whose prompt is hidden.
  while (start > 0 && path[start]?.role !== "user") start -= 1;
  return { messages: start === 0 ? path : path.slice(start), earlier: start };
}
