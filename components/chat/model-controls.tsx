"use client";

import type { ModelKey } from "@/lib/ai/catalogue";
import { MODE_LABELS, REASONING_MODES, type ReasoningMode } from "@/lib/ai/modes";
import type { BackendInfo } from "@/lib/contract";
import { formatUsd, formatWindow } from "@/lib/usage/format";
import { Segmented } from "@/components/ui/segmented";

const MODE_HINTS: Record<ReasoningMode, string> = {
  "non-think": "Answers at once, without reasoning",
  "think-high": "Reasons before answering",
  "think-max": "Reasons longest, for the hardest questions",
};

/** Labels for phone widths, where both pickers must fit in one row. */
const MODE_SHORT_LABELS: Record<ReasoningMode, string> = {
  "non-think": "Off",
  "think-high": "High",
  "think-max": "Max",
};

/** Model picker (Flash / Pro) and reasoning-mode toggle; both can change mid-conversation. */
export function ModelControls({
  backend,
  model,
  mode,
  onModelChange,
  onModeChange,
}: {
  backend: BackendInfo;
  model: ModelKey;
  mode: ReasoningMode;
  onModelChange: (model: ModelKey) => void;
  onModeChange: (mode: ReasoningMode) => void;
}) {
  const modelOptions = backend.models.map((info) => ({
    value: info.key,
    label: info.label.replace(/^V4 /, ""),
    shortLabel: info.label.replace(/^V4(\.\d+)? /, ""),
    title: `${info.label}: ${info.tagline} ${formatUsd(info.prices.cacheMissInput)} / ${formatUsd(info.prices.output)} per 1M tokens in / out`,
  }));
  const caps = backend.models.find((info) => info.key === model)?.maxOutputTokens;
  const modeOptions = REASONING_MODES.map((value) => ({
    value,
    label: MODE_LABELS[value],
    shortLabel: MODE_SHORT_LABELS[value],
    title: modeTitle(value, caps?.[value], value === "think-max" ? backend.thinkMaxNotice : undefined),
  }));
  return (
    <>
      <Segmented label="Model" options={modelOptions} value={model} onChange={onModelChange} />
      <Segmented label="Reasoning mode" options={modeOptions} value={mode} onChange={onModeChange} />
    </>
  );
}

/** "Think High · up to 64K output tokens, reasoning included. Reasons before answering" */
function modeTitle(mode: ReasoningMode, cap: number | undefined, notice: string | undefined): string {
  const bound = cap === undefined ? "" : ` · up to ${formatWindow(cap)} output tokens${mode === "non-think" ? "" : ", reasoning included"}`;
  return `${MODE_LABELS[mode]}${bound}. ${notice ?? MODE_HINTS[mode]}`;
}
