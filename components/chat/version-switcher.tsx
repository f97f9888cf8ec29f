"use client";

import { ChevronLeft, ChevronRight } from "lucide-react";
import { useTranslations } from "next-intl";
import type { VersionInfo } from "@/lib/contract";

/**
 * ‹ 2 / 3 › between the versions of a prompt or an answer. Plain buttons, so Tab and Enter work;
 * the arrow keys step too while one of them has focus. At the ends the buttons are only
 * aria-disabled: a truly disabled button would drop the keyboard focus to the page.
 */
const BUTTON =
  "inline-flex h-7 w-6 items-center justify-center rounded-md hover:bg-muted hover:text-foreground aria-disabled:cursor-default aria-disabled:opacity-40 aria-disabled:hover:bg-transparent";

export function VersionSwitcher({
  version,
  what,
  disabled,
  onSwitch,
}: {
  version: VersionInfo | undefined;
  /** "answer" or "message": names the buttons for screen readers. */
  what: "answer" | "message";
  disabled?: boolean;
  onSwitch: (version: number) => void;
}) {
  const t = useTranslations("message.versions");
  if (!version || version.count < 2) return null;
  const { index, count } = version;
  const go = (to: number) => {
    if (!disabled && to >= 1 && to <= count && to !== index) onSwitch(to);
  };
  return (
    <div
      className="flex items-center text-xs text-muted-foreground tabular-nums"
      data-testid={`${what}-versions`}
      role="group"
      aria-label={t(what)}
      onKeyDown={(event) => {
        if (event.key === "ArrowLeft") go(index - 1);
        else if (event.key === "ArrowRight") go(index + 1);
      }}
    >
      <button
        type="button"
        className={BUTTON}
        aria-label={t(what === "answer" ? "previousAnswer" : "previousMessage")}
        aria-disabled={disabled || index <= 1}
        onClick={() => go(index - 1)}
      >
        <ChevronLeft className="h-4 w-4" />
      </button>
      <span data-testid="version-label" aria-live="polite">
        {index} / {count}
      </span>
      <button
        type="button"
        className={BUTTON}
        aria-label={t(what === "answer" ? "nextAnswer" : "nextMessage")}
        aria-disabled={disabled || index >= count}
        onClick={() => go(index + 1)}
      >
        <ChevronRight className="h-4 w-4" />
      </button>
    </div>
  );
}
