"use client";

import { useEffect, type RefObject } from "react";

/** Where streamdown puts content that may scroll sideways: code blocks and tables. */
const CANDIDATES = '[data-streamdown="code-block"] *, [data-streamdown="table-wrapper"] *';

/**
 * A code block or table wider than the answer scrolls sideways; a keyboard can only scroll what it
 * can focus (WCAG 2.1.1, axe's scrollable-region-focusable), so each such region gets a Tab stop and
 * a name. Checked after each render, when the answer's width changes (a phone turned, say) and
 * when its elements change (highlighting arrives); regions that fit lose the stop again.
 */
export function useFocusableScrollRegions(container: RefObject<HTMLElement | null>, label: string, version: unknown): void {
  useEffect(() => {
    const root = container.current;
    // null while the answer streams: checked once it has settled, not on every token.
    if (!root || version === null) return;
    const mark = () => {
      for (const element of root.querySelectorAll<HTMLElement>(CANDIDATES)) {
        const scrolls = element.scrollWidth > element.clientWidth + 1 && /auto|scroll/.test(getComputedStyle(element).overflowX);
        if (scrolls && element.tabIndex < 0) {
          element.tabIndex = 0;
          element.setAttribute("role", "region");
          element.setAttribute("aria-label", label);
          element.dataset.scrollRegion = "";
        } else if (!scrolls && element.dataset.scrollRegion !== undefined) {
          element.removeAttribute("tabindex");
          element.removeAttribute("role");
          element.removeAttribute("aria-label");
          delete element.dataset.scrollRegion;
        }
      }
    };
    // Highlighting arrives after the render and replaces a code block's body: checked again then.
    let frame = 0;
    const later = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(mark);
    };
    mark();
    const resized = new ResizeObserver(later);
    resized.observe(root);
    const changed = new MutationObserver(later);
    changed.observe(root, { childList: true, subtree: true });
    return () => {
      cancelAnimationFrame(frame);
      resized.disconnect();
      changed.disconnect();
    };
  }, [container, label, version]);
}
