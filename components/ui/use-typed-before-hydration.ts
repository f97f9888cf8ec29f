"use client";

import { type RefObject, useEffect } from "react";

/**
 * Words typed into a server-rendered box before the page's script ran are in the box but not in
 * React's state (the box would show them while Send stays off, and they would be lost on the
 * next render): they are taken into the state once, when the box comes alive.
 */
export function useTypedBeforeHydration(box: RefObject<HTMLTextAreaElement | null>, setText: (text: string) => void): void {
  useEffect(() => {
    const typed = box.current?.value;
    if (typed) setText(typed);
    // Once, on mount (both are stable): later typing reaches the state through onChange.
  }, [box, setText]);
}
