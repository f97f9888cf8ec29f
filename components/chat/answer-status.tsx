"use client";

import { AlertTriangle, CircleStop, RotateCw, Scissors, XCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useErrorText } from "@/components/i18n/use-error-text";
import type { ChatMessageMetadata } from "@/lib/contract";
import { Button } from "@/components/ui/button";

/** Says how an answer ended when it did not simply complete, and offers what can be done. */
export function AnswerStatus({
  meta,
  hasOutput,
  onRetry,
}: {
  meta: ChatMessageMetadata;
  /** Some reasoning or text arrived. */
  hasOutput: boolean;
  onRetry?: () => void;
}) {
  const t = useTranslations("answer");
  const errorText = useErrorText();
  const status = meta.status;
  if (status === "stopped") {
    return (
      <Note icon={<CircleStop className="h-4 w-4" />} tone="muted" testId="answer-stopped">
        {hasOutput ? t("stoppedKept") : t("stoppedEmpty")}
      </Note>
    );
  }
  if (status === "error" || status === "interrupted") {
    const error = meta.error;
    const shown = errorText(error, t("failed"));
    return (
      <Note
        icon={status === "error" ? <XCircle className="h-4 w-4" /> : <AlertTriangle className="h-4 w-4" />}
        tone={status === "error" ? "danger" : "warning"}
        testId={status === "error" ? "answer-error" : "answer-interrupted"}
        action={onRetry && <RetryButton onRetry={onRetry} waitSeconds={secondsUntil(error?.retryAt) ?? error?.retryAfterSeconds} />}
      >
        <span className="font-medium">{status === "interrupted" ? t("interrupted") : ""}</span>
        {shown.message}
        {shown.hint ? <span className="block text-xs opacity-80">{shown.hint}</span> : null}
      </Note>
    );
  }
  if (status === "complete" && meta.finishReason === "content_filter") {
    return (
      <Note icon={<Scissors className="h-4 w-4" />} tone="warning" testId="answer-filtered">
        {t("filtered")}
      </Note>
    );
  }
  if (status === "complete" && meta.finishReason === "length") {
    return (
      <Note icon={<Scissors className="h-4 w-4" />} tone="warning" testId="answer-length">
        {t("length")}
      </Note>
    );
  }
  return null;
}

/** Seconds left before `iso` (a stored retry-after), or undefined when there is none. */
function secondsUntil(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  return Math.max(0, (Date.parse(iso) - Date.now()) / 1000);
}

function RetryButton({ onRetry, waitSeconds }: { onRetry: () => void; waitSeconds?: number }) {
  const t = useTranslations("common");
  const [left, setLeft] = useState(Math.ceil(waitSeconds ?? 0));
  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(() => setLeft((value) => value - 1), 1000);
    return () => clearTimeout(timer);
  }, [left]);
  return (
    <Button size="sm" variant="outline" onClick={onRetry} disabled={left > 0}>
      <RotateCw className="h-3.5 w-3.5" />
      {left > 0 ? t("retryIn", { seconds: left }) : t("retry")}
    </Button>
  );
}

const TONES = {
  muted: "border-border bg-muted text-muted-foreground",
  warning: "border-warning/40 bg-warning-muted text-foreground",
  danger: "border-danger/40 bg-danger-muted text-foreground",
} as const;

function Note({
  icon,
  tone,
  children,
  action,
  testId,
}: {
  icon: React.ReactNode;
  tone: keyof typeof TONES;
  children: React.ReactNode;
  action?: React.ReactNode;
  testId: string;
}) {
  return (
    <div role={tone === "muted" ? "status" : "alert"} data-testid={testId} className={`mt-3 flex items-start gap-2 rounded-lg border px-3 py-2 text-sm ${TONES[tone]}`}>
      <span className="mt-0.5 shrink-0">{icon}</span>
      <div className="min-w-0 flex-1">{children}</div>
      {action}
    </div>
  );
}
