"use client";

import { useTranslations } from "next-intl";
import type { ReasoningMode } from "@/lib/ai/modes";
import type { BackendInfo } from "@/lib/contract";
import { readWholeTokens } from "@/lib/documents/estimate";
import { SUMMARY_PRESETS } from "@/lib/documents/presets";
import { DocumentCard } from "./document-card";
import { SendEstimate } from "./send-estimate";
import type { DocumentDrafts } from "./use-document-drafts";

/**
 * Above the message box: the draft's documents (uploading, ready or refused), the estimate of
 * what sending costs, and the summary presets. Presets also show once the conversation holds
 * documents, for summaries after the first question.
 */
export function DocumentTray({
  drafts,
  backend,
  model,
  mode,
  conversationTokens,
  draftTokens,
  conversationHasDocuments,
  busy,
  onPreset,
}: {
  drafts: DocumentDrafts;
  backend: BackendInfo;
  model: string;
  mode: ReasoningMode;
  conversationTokens: number;
  draftTokens: number;
  conversationHasDocuments: boolean;
  busy: boolean;
  onPreset: (prompt: string) => void;
}) {
  const t = useTranslations("documents");
  const hasDrafts = drafts.drafts.length > 0;
  const showPresets = !busy && !drafts.uploading && (drafts.ready.length > 0 || (conversationHasDocuments && !hasDrafts));
  if (!hasDrafts && !showPresets) return null;
  return (
    <div className="flex flex-col gap-2 px-2.5 pt-2.5" data-testid="document-tray">
      {hasDrafts && (
        <ul className="flex flex-wrap gap-2" aria-label={t("attachedDraft")}>
          {drafts.drafts.map((draft) => (
            <li key={draft.key} className="max-w-full min-w-0 sm:max-w-[20rem]">
              <DocumentCard
                name={draft.name}
                document={draft.state === "ready" ? draft.document : undefined}
                uploading={draft.state === "uploading"}
                progress={draft.state === "uploading" ? draft.progress : undefined}
                error={draft.state === "failed" ? draft.error : undefined}
                onRemove={() => drafts.remove(draft.key)}
              />
            </li>
          ))}
        </ul>
      )}
      {drafts.ready.length > 0 && (
        <SendEstimate
          backend={backend}
          model={model}
          conversationTokens={conversationTokens}
          documentTokens={drafts.tokens}
          documentCount={drafts.ready.length}
          draftTokens={draftTokens}
          readWholeTokens={readWholeTokens({ backend, model, mode, setting: drafts.windowTokens })}
        />
      )}
      {showPresets && (
        // One scrolling row on phones (the tray must leave room for the conversation), wrapping on wider screens.
        <div className="-mx-2.5 flex items-center gap-1.5 overflow-x-auto px-2.5 pb-0.5 sm:flex-wrap sm:overflow-visible" role="group" aria-label={t("summarise")}>
          <span className="shrink-0 text-xs text-muted-foreground">{t("summariseLabel")}</span>
          {SUMMARY_PRESETS.map((preset) => (
            <button
              key={preset.key}
              type="button"
              onClick={() => onPreset(t(`presets.${preset.key}.prompt`))}
              className="shrink-0 rounded-full border border-border bg-card px-2.5 py-1 text-xs font-medium whitespace-nowrap hover:bg-muted"
              data-testid={`preset-${preset.key}`}
            >
              {t(`presets.${preset.key}.label`)}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
