"use client";

import { useRef } from "react";
import { cn } from "@/lib/utils";

export interface SegmentedOption<T extends string> {
  value: T;
  label: string;
  /** A shorter label for phone widths (the full label stays the accessible name and the text). */
  shortLabel?: string;
  title?: string;
}

/**
 * A row of mutually exclusive choices, as the WAI-ARIA radio group pattern has it: only the checked
 * radio is in the Tab order; arrow keys move both the selection and the focus (wrapping around);
 * Home and End go to the first and last choice.
 */
export function Segmented<T extends string>({
  label,
  options,
  value,
  onChange,
  disabled,
  className,
}: {
  label: string;
  options: ReadonlyArray<SegmentedOption<T>>;
  value: T;
  onChange: (value: T) => void;
  disabled?: boolean;
  className?: string;
}) {
  const group = useRef<HTMLDivElement>(null);
  const select = (index: number) => {
    const next = options[(index + options.length) % options.length];
    if (!next) return;
    onChange(next.value);
    group.current?.querySelectorAll<HTMLButtonElement>('[role="radio"]')[(index + options.length) % options.length]?.focus();
  };
  const current = Math.max(
    0,
    options.findIndex((option) => option.value === value),
  );
  return (
    <div
      ref={group}
      role="radiogroup"
      aria-label={label}
      className={cn("inline-flex rounded-lg bg-muted p-0.5 text-xs", className)}
      onKeyDown={(event) => {
        if (disabled) return;
        const moves: Record<string, number> = {
          ArrowRight: current + 1,
          ArrowDown: current + 1,
          ArrowLeft: current - 1,
          ArrowUp: current - 1,
          Home: 0,
          End: options.length - 1,
        };
        const target = moves[event.key];
        if (target === undefined) return;
        event.preventDefault();
        select(target);
      }}
    >
      {options.map((option, index) => {
        const selected = option.value === value;
        return (
          <button
            key={option.value}
            type="button"
            role="radio"
            aria-checked={selected}
            aria-label={option.shortLabel ? option.label : undefined}
            data-short={option.shortLabel}
            tabIndex={selected || (index === 0 && !options.some((item) => item.value === value)) ? 0 : -1}
            title={option.title}
            disabled={disabled}
            onClick={() => onChange(option.value)}
            className={cn(
              "rounded-md px-2.5 py-1 font-medium whitespace-nowrap transition-colors disabled:opacity-50",
              option.shortLabel && "segmented-short",
              selected ? "bg-card text-foreground shadow-sm" : "text-muted-foreground hover:text-foreground",
            )}
          >
            {option.label}
          </button>
        );
      })}
    </div>
  );
}
