"use client";

import { useCallback, useEffect, useRef, useState } from "react";

/** Phones (under Tailwind's `md`): the panes become tabs. */
export function useNarrowScreen(): boolean {
  const [narrow, setNarrow] = useState(false);
  useEffect(() => {
    const query = window.matchMedia("(max-width: 767px)");
    const update = () => setNarrow(query.matches);
    update();
    query.addEventListener("change", update);
    return () => query.removeEventListener("change", update);
  }, []);
  return narrow;
}

/**
 * Synced scrolling: scrolling one pane scrolls the others to the same place, proportionally (the
 * answers differ in length). Scrolls it caused itself are recognised and not echoed back.
 */
export function useSyncedScroll(enabled: boolean) {
  const elements = useRef(new Map<number, HTMLDivElement>());
  const echoes = useRef(new Map<number, number>());
  const registrations = useRef(new Map<number, (element: HTMLDivElement | null) => void>());

  const register = useCallback((lane: number) => {
    let callback = registrations.current.get(lane);
    if (!callback) {
      callback = (element: HTMLDivElement | null) => {
        if (element) elements.current.set(lane, element);
        else elements.current.delete(lane);
      };
      registrations.current.set(lane, callback);
    }
    return callback;
  }, []);

  const onScroll = useCallback(
    (lane: number) => {
      const source = elements.current.get(lane);
      if (!source) return;
      const echo = echoes.current.get(lane);
      if (echo !== undefined && Math.abs(source.scrollTop - echo) <= 2) {
        echoes.current.delete(lane);
        return;
      }
      echoes.current.delete(lane);
      if (!enabled) return;
      const range = source.scrollHeight - source.clientHeight;
      const ratio = range > 0 ? source.scrollTop / range : 0;
      for (const [other, element] of elements.current) {
        if (other === lane) continue;
        const target = Math.round(ratio * Math.max(0, element.scrollHeight - element.clientHeight));
        if (Math.abs(element.scrollTop - target) <= 2) continue;
        echoes.current.set(other, target);
        element.scrollTop = target;
      }
    },
    [enabled],
  );

  return { register, onScroll };
}
