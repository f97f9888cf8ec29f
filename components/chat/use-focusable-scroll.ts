"use client";

import { useEffect, type RefObject } from "react";

/** Where streamdown puts content that may scroll sideways: code blocks and tables. */
const CANDIDATES = '[data-streamdown="code-block"] *, [data-streamdown="table-wrapper"] *';

/**
 * A code block or table wider than the answer scrolls sideways; a keyboard can only scroll what it
 * can focus (WCAG 2.1.1, axe's scrollable-region-focusable), so each such region gets a Tab stop and
 * a name. Checked after each render and when the answer's width changes (a phone turned, say);
 * regions that fit lose the stop again.
 */
export function useFocusableScrollRegions(container: RefObject<HTMLElement | null>, label: string, version: unknown): void {
  useEffect(() => {
    const root = container.current;
    if (!root) return;
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
    mark();
    const observer = new ResizeObserver(() => mark());
    observer.observe(root);
    return () => observer.disconnect();
  }, [container, label, version]);
}
