"use client";

import { useTranslations } from "next-intl";
import type { ModelKey } from "@/lib/ai/catalogue";
import { REASONING_MODES, type ReasoningMode } from "@/lib/ai/modes";
import type { BackendInfo } from "@/lib/contract";
import { Segmented } from "@/components/ui/segmented";
import { useFigures } from "@/components/i18n/use-figures";
import { useModeNotice } from "@/components/i18n/use-mode-notice";

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
  const t = useTranslations("models");
  const figures = useFigures();
  const modeNotice = useModeNotice();
  // Model names are product names and stay as they are in every language.
  const modelOptions = backend.models.map((info) => ({
    value: info.key,
    label: info.label.replace(/^V4 /, ""),
    shortLabel: info.label.replace(/^V4(\.\d+)? /, ""),
    title: t("modelTitle", {
      label: info.label,
      tagline: t(`taglines.${info.key}`),
      input: figures.usd(info.prices.cacheMissInput),
      output: figures.usd(info.prices.output),
    }),
  }));
  const caps = backend.models.find((info) => info.key === model)?.maxOutputTokens;
  // "Think High · up to 64K output tokens, reasoning included. Reasons before answering"
  const modeTitle = (value: ReasoningMode) => {
    const cap = caps?.[value];
    const notice = value === "think-max" ? modeNotice(backend.thinkMaxNotice) : undefined;
    return t("modeTitle", {
      mode: t(`modes.${value}`),
      cap: cap === undefined ? "" : t(value === "non-think" ? "capNoReasoning" : "capWithReasoning", { cap: figures.window(cap) }),
      hint: notice ?? t(`hints.${value}`),
    });
  };
  const modeOptions = REASONING_MODES.map((value) => ({
    value,
    label: t(`modes.${value}`),
    shortLabel: t(`modesShort.${value}`),
    title: modeTitle(value),
  }));
  return (
    <>
      <Segmented label={t("model")} options={modelOptions} value={model} onChange={onModelChange} />
      <Segmented label={t("mode")} options={modeOptions} value={mode} onChange={onModeChange} />
    </>
  );
}
