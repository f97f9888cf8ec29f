"use client";

import { XCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { useErrorText } from "@/components/i18n/use-error-text";

/** A request that failed before any answer began (validation, server down): says why, offers retry. */
export function RequestError({ error, onRetry, onDismiss }: { error: Error; onRetry: () => void; onDismiss: () => void }) {
  const t = useTranslations("chat");
  const tCommon = useTranslations("common");
  const errorText = useErrorText();
  return (
    <div role="alert" data-testid="request-error" className="flex items-start gap-2 rounded-lg border border-danger/40 bg-danger-muted px-3 py-2 text-sm">
      <XCircle className="mt-0.5 h-4 w-4 shrink-0" />
      <p className="min-w-0 flex-1">{readMessage(error, errorText, t)}</p>
      <Button size="sm" variant="outline" onClick={onRetry}>
        {tCommon("retry")}
      </Button>
      <Button size="sm" variant="ghost" onClick={onDismiss}>
        {tCommon("dismiss")}
      </Button>
    </div>
  );
}

/** The server answers errors as {error: {code, message}}; the transport hands over the raw body. */
function readMessage(error: Error, errorText: ReturnType<typeof useErrorText>, t: ReturnType<typeof useTranslations<"chat">>): string {
  try {
    const parsed = JSON.parse(error.message) as { error?: { code?: string; message?: string } };
    if (parsed.error?.message) return errorText(parsed.error, t("requestFailed")).message;
  } catch {
    // not JSON
  }
  if (/fetch|network/i.test(error.message)) return t("unreachable");
  return error.message || t("requestFailed");
}
