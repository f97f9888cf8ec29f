"use client";

import { XCircle } from "lucide-react";
import { Button } from "@/components/ui/button";

/** A request that failed before any answer began (validation, server down): says why, offers retry. */
export function RequestError({ error, onRetry, onDismiss }: { error: Error; onRetry: () => void; onDismiss: () => void }) {
  return (
    <div role="alert" data-testid="request-error" className="flex items-start gap-2 rounded-lg border border-danger/40 bg-danger-muted px-3 py-2 text-sm">
      <XCircle className="mt-0.5 h-4 w-4 shrink-0" />
      <p className="min-w-0 flex-1">{readMessage(error)}</p>
      <Button size="sm" variant="outline" onClick={onRetry}>
        Retry
      </Button>
      <Button size="sm" variant="ghost" onClick={onDismiss}>
        Dismiss
      </Button>
    </div>
  );
}

/** The server answers errors as {error: {message}}; the transport hands over the raw body. */
function readMessage(error: Error): string {
  try {
    const parsed = JSON.parse(error.message) as { error?: { message?: string } };
    if (parsed.error?.message) return parsed.error.message;
  } catch {
    // not JSON
  }
  if (/fetch|network/i.test(error.message)) return "Could not reach the V4 Chat server. Check that it is running.";
  return error.message || "The request failed.";
}
