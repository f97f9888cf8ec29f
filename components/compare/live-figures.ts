"use client";

import { useSyncExternalStore } from "react";
import type { PaneFigures } from "@/lib/compare/figures";

/**
 * Each pane's current figures, published by the pane as it repaints and read by the tab headers
 * on phones, without making the whole comparison re-render on every repaint.
 */
export class LiveFiguresStore {
  private figures = new Map<number, PaneFigures | undefined>();
  private listeners = new Set<() => void>();

  publish(lane: number, figures: PaneFigures | undefined): void {
    if (this.figures.get(lane) === figures) return;
    this.figures.set(lane, figures);
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get(lane: number): PaneFigures | undefined {
    return this.figures.get(lane);
  }
}

export function useLiveFigures(store: LiveFiguresStore, lane: number): PaneFigures | undefined {
  return useSyncExternalStore(
    store.subscribe,
    () => store.get(lane),
    () => undefined,
  );
}
