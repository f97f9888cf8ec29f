"use client";

import { useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { useErrorText } from "@/components/i18n/use-error-text";
import type { ConversationSummary, FolderSummary } from "@/lib/contract";
import { pageIdHeaders } from "@/components/chat/page-id";
import type { LibraryActions } from "@/components/chat/sidebar";

type SetConversations = React.Dispatch<React.SetStateAction<ConversationSummary[]>>;

/** A change the server refused: its error payload, put into words by the hook. */
class RefusedChange extends Error {
  constructor(
    readonly payload: { code?: string; message?: string } | undefined,
    readonly status: number,
  ) {
    super(payload?.message ?? `status ${status}`);
  }
}

async function send(url: string, method: "POST" | "PATCH" | "DELETE", body?: unknown): Promise<void> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? pageIdHeaders() : { "content-type": "application/json", ...pageIdHeaders() },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) {
    const payload = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    throw new RefusedChange(payload.error, response.status);
  }
}

/**
 * Pins and folders: each change shows at once, is saved, and the list is then reloaded from the
 * server (and announced to the other tabs), which also undoes a change the server refused.
 */
export function useLibrary({
  setFolders,
  setConversations,
  refresh,
}: {
  setFolders: React.Dispatch<React.SetStateAction<FolderSummary[]>>;
  setConversations: SetConversations;
  refresh: () => Promise<void>;
}): { actions: LibraryActions; error: string | null; clearError: () => void } {
  const t = useTranslations("folders");
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);

  const run = useCallback(
    async (change: () => Promise<void>) => {
      try {
        await change();
        setError(null);
      } catch (failure) {
        setError(
          failure instanceof RefusedChange
            ? errorText(failure.payload, t("changeFailedStatus", { status: failure.status })).message
            : t("changeFailed"),
        );
      }
      await refresh();
    },
    [refresh, errorText, t],
  );

  const actions: LibraryActions = {
    onPin: (id, pinned) =>
      run(async () => {
        const pinnedAt = pinned ? new Date().toISOString() : null;
        setConversations((items) => items.map((item) => (item.id === id ? { ...item, pinnedAt: pinned ? (item.pinnedAt ?? pinnedAt) : null } : item)));
        await send(`/api/conversations/${id}/placement`, "PATCH", { pinned });
      }),
    onMove: (id, folderId) =>
      run(async () => {
        setConversations((items) => items.map((item) => (item.id === id ? { ...item, folderId, pinnedAt: folderId ? null : item.pinnedAt } : item)));
        // Filing a pinned conversation in a folder unpins it, so it shows where it was put.
        await send(`/api/conversations/${id}/placement`, "PATCH", folderId ? { folderId, pinned: false } : { folderId });
      }),
    onCreateFolder: (name) =>
      run(async () => {
        await send("/api/folders", "POST", { name });
      }),
    onRenameFolder: (id, name) =>
      run(async () => {
        setFolders((items) => items.map((folder) => (folder.id === id ? { ...folder, name } : folder)));
        await send(`/api/folders/${id}`, "PATCH", { name });
      }),
    onDeleteFolder: (id) =>
      run(async () => {
        setFolders((items) => items.filter((folder) => folder.id !== id));
        setConversations((items) => items.map((item) => (item.folderId === id ? { ...item, folderId: null } : item)));
        await send(`/api/folders/${id}`, "DELETE");
      }),
  };

  return { actions, error, clearError: () => setError(null) };
}
