"use client";

import { useState } from "react";

/**
 * Delete after a confirmation: which item is being confirmed, the DELETE request, and the error
 * line when it fails. A 404 counts as deleted (another tab or device got there first).
 */
export function useConfirmedDelete<T>({
  url,
  onDeleted,
  failure,
}: {
  /** The route that deletes this item. */
  url: (item: T) => string;
  /** The item is gone: drop it from the list. */
  onDeleted: (item: T) => void;
  /** The error line shown when the server refuses or cannot be reached. */
  failure: (item: T) => string;
}) {
  const [confirming, setConfirming] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);

  const remove = async (item: T) => {
    setConfirming(null);
    setError(null);
    const response = await fetch(url(item), { method: "DELETE" }).catch(() => null);
    if (response?.ok || response?.status === 404) onDeleted(item);
    else setError(failure(item));
  };

  return {
    /** The item waiting for confirmation, if any (for the dialog's text). */
    confirming,
    error,
    /** Opens the confirmation for this item. */
    ask: (item: T) => setConfirming(item),
    /** Props for ConfirmDialog, apart from its texts. */
    dialog: {
      open: confirming !== null,
      onConfirm: () => {
        if (confirming !== null) void remove(confirming);
      },
      onCancel: () => setConfirming(null),
    },
  };
}
