"use client";

import { Menu } from "lucide-react";
import { useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import { DEFAULT_MODEL, type ModelKey } from "@/lib/ai/catalogue";
import { DEFAULT_MODE, type ReasoningMode } from "@/lib/ai/modes";
import type { BackendInfo, ChatUIMessage, ConversationSummary, FolderSummary, Viewer } from "@/lib/contract";
import { cn } from "@/lib/utils";
import { Button } from "@/components/ui/button";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { ChatView } from "./chat-view";
import { pageIdHeaders } from "./page-id";
import { onServerChange, useServerChanges } from "./server-changes";
import { NotFoundBody } from "./not-found-body";
import { Sidebar } from "./sidebar";
import { TABS_CHANNEL, type TabsMessage } from "./use-chat-session";
import { SimulatorBanner } from "./simulator-banner";
import { ConversationExportMenu } from "@/components/workspace/export-menu";
import { SearchDialog } from "@/components/workspace/search-dialog";
import { useLibrary } from "@/components/workspace/use-library";

export interface WorkspaceProps {
  backend: BackendInfo;
  viewer: Viewer;
  conversations: ConversationSummary[];
  folders: FolderSummary[];
  /** The open conversation, or null on the new-chat page. */
  conversation: ConversationSummary | null;
  initialMessages: ChatUIMessage[];
  /** Messages on the path before `initialMessages` (a long chat opens on its last turns). */
  initialEarlier?: number;
  /** Id for a new conversation (made on the server so the first render is stable). */
  newConversationId: string;
  /** The address named no conversation of this person's: the frame stays, with a way back in its place. */
  notFound?: boolean;
}

/** The app frame: sidebar with the conversations, header, and the open chat. */
export function Workspace(props: WorkspaceProps) {
  const router = useRouter();
  const t = useTranslations("workspace");
  const tCommon = useTranslations("common");
  const tMeta = useTranslations("meta");
  const tChat = useTranslations("chat");
  const [conversations, setConversations] = useState(props.conversations);
  const [folders, setFolders] = useState(props.folders);
  const [searchOpen, setSearchOpen] = useState(false);
  // A search result opened in the conversation already shown: show it afresh (its path may have changed).
  const revealed = useSearchParams().get("m");
  const [sidebarOpen, setSidebarOpen] = useState(false);
  const conversationId = props.conversation?.id ?? props.newConversationId;
  const [activeId, setActiveId] = useState<string | null>(props.conversation?.id ?? null);
  const title = props.notFound ? tCommon("notFoundTitle") : (conversations.find((item) => item.id === activeId)?.title ?? t("newChat"));
  const settings = initialSettings(props.conversation);

  useEffect(() => setConversations(props.conversations), [props.conversations]);
  useEffect(() => setFolders(props.folders), [props.folders]);
  // The tab's title follows the conversation: a new chat's first words, its title, a rename.
  useEffect(() => {
    document.title = tMeta("pageTitle", { page: title });
  }, [title, tMeta]);
  // Navigating between conversations may keep this component: follow the page's conversation.
  const pageConversationId = props.conversation?.id ?? null;
  useEffect(() => setActiveId(pageConversationId), [pageConversationId]);

  const loadList = useCallback(async () => {
    try {
      const response = await fetch("/api/conversations", { cache: "no-store" });
      if (response.ok) {
        const body = (await response.json()) as { conversations: ConversationSummary[]; folders?: FolderSummary[] };
        setConversations(body.conversations);
        if (body.folders) setFolders(body.folders);
      }
    } catch {
      // keep the list we have; the next change refreshes it again
    }
  }, []);

  // News from other devices never reorders the list under a keyboard user's focus (a moved row
  // loses it): while the focus is in the sidebar, the reload waits until it leaves.
  const sidebar = useRef<HTMLElement>(null);
  const listStale = useRef(false);
  const loadListWhenIdle = useCallback(() => {
    if (sidebar.current?.contains(document.activeElement)) listStale.current = true;
    else void loadList();
  }, [loadList]);
  const onSidebarBlur = (event: React.FocusEvent<HTMLElement>) => {
    if (!listStale.current || event.currentTarget.contains(event.relatedTarget as Node | null)) return;
    listStale.current = false;
    void loadList();
  };

  // The sidebar stays in step with the other tabs: each change here is announced, and a change
  // announced by another tab (or coming back to this one) reloads the list.
  const tabs = useRef<BroadcastChannel | null>(null);
  useEffect(() => {
    const channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(TABS_CHANNEL);
    tabs.current = channel;
    const onMessage = (event: MessageEvent<TabsMessage>) => {
      if (event.data?.type === "list" || event.data?.type === "conversation") void loadList();
    };
    const onVisible = () => {
      if (document.visibilityState === "visible") void loadList();
    };
    channel?.addEventListener("message", onMessage);
    // Changes made on other devices come from the server.
    const unlisten = onServerChange(loadListWhenIdle);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      document.removeEventListener("visibilitychange", onVisible);
      unlisten();
      channel?.close();
      tabs.current = null;
    };
  }, [loadList, loadListWhenIdle]);
  useServerChanges();
  const refresh = useCallback(async () => {
    await loadList();
    tabs.current?.postMessage({ type: "list" } satisfies TabsMessage);
  }, [loadList]);

  const library = useLibrary({ setFolders, setConversations, refresh });

  const newChat = useCallback(() => {
    setSidebarOpen(false);
    router.push("/");
    router.refresh();
  }, [router]);

  // A new chat moves the address bar to /c/<id> without a navigation, so the history entry still
  // holds the new-chat page: after Back then Forward, the router would show that page under the
  // conversation's address. When the page shown does not match the address, load the address.
  useEffect(() => {
    const onPopState = () => {
      setTimeout(() => {
        const match = /^\/c\/([A-Za-z0-9_-]+)$/.exec(window.location.pathname);
        const shown = document.querySelector("[data-page-conversation]")?.getAttribute("data-page-conversation");
        if (match && shown !== match[1]) router.replace(window.location.pathname);
      }, 0);
    };
    window.addEventListener("popstate", onPopState);
    return () => window.removeEventListener("popstate", onPopState);
  }, [router]);

  // Ctrl/Cmd+Shift+O starts a new chat, as in ChatGPT; Escape closes the drawer on a phone.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === "o") {
        event.preventDefault();
        newChat();
      } else if ((event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === "k") {
        // Ctrl/Cmd+K searches every conversation, as in most chat apps.
        event.preventDefault();
        setSidebarOpen(false);
        setSearchOpen(true);
      } else if (event.key === "Escape") {
        setSidebarOpen(false);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [newChat]);

  return (
    <div className="flex h-dvh overflow-hidden" data-page-conversation={props.conversation?.id ?? ""}>
      {/* The first Tab stop: straight to the composer, past the sidebar and the header. */}
      <a
        href="#message-box"
        onClick={(event) => {
          event.preventDefault();
          document.querySelector<HTMLTextAreaElement>("textarea[data-composer]")?.focus();
        }}
        className="sr-only rounded-lg bg-primary px-3 py-2 text-sm font-medium text-primary-foreground shadow-lg focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
      >
        {t("skipToComposer")}
      </a>
      {sidebarOpen && (
        <div className="fixed inset-0 z-30 bg-black/40 md:hidden" onClick={() => setSidebarOpen(false)} aria-hidden="true" />
      )}
      <aside
        ref={sidebar}
        onBlur={onSidebarBlur}
        className={cn(
          "fixed inset-y-0 left-0 z-40 w-72 border-r border-border bg-sidebar transition-transform md:static md:translate-x-0",
          sidebarOpen ? "translate-x-0" : "-translate-x-full",
        )}
      >
        <Sidebar
          viewer={props.viewer}
          conversations={conversations}
          folders={folders}
          library={library.actions}
          onSearch={() => {
            setSidebarOpen(false);
            setSearchOpen(true);
          }}
          activeId={activeId}
          onNew={newChat}
          onNavigate={() => setSidebarOpen(false)}
          onRename={async (id, newTitle) => {
            setConversations((items) => items.map((item) => (item.id === id ? { ...item, title: newTitle } : item)));
            await fetch(`/api/conversations/${id}`, {
              method: "PATCH",
              headers: { "content-type": "application/json", ...pageIdHeaders() },
              body: JSON.stringify({ title: newTitle }),
            });
            await refresh();
          }}
          onDelete={async (id) => {
            setConversations((items) => items.filter((item) => item.id !== id));
            await fetch(`/api/conversations/${id}`, { method: "DELETE", headers: pageIdHeaders() });
            if (id === activeId) newChat();
            else await refresh();
          }}
        />
      </aside>
      <main className="flex min-w-0 flex-1 flex-col">
        {props.backend.isSimulator && <SimulatorBanner />}
        <header className="flex h-12 shrink-0 items-center gap-2 border-b border-border px-2 sm:px-4">
          <Button variant="ghost" size="icon" className="md:hidden" aria-label={t("openConversations")} onClick={() => setSidebarOpen(true)}>
            <Menu className="h-5 w-5" />
          </Button>
          <h2 className="min-w-0 flex-1 truncate text-sm font-medium" data-testid="conversation-title">
            {title}
          </h2>
          {props.conversation && activeId === props.conversation.id && <ConversationExportMenu conversationId={activeId} />}
          <span className="hidden text-xs text-muted-foreground sm:inline" data-testid="backend-label">
            {props.backend.isSimulator ? tChat("simulatorLabel") : props.backend.label}
          </span>
          <ThemeToggle />
        </header>
        {props.notFound ? (
          <NotFoundBody onNew={newChat} />
        ) : (
          <ChatView
            key={`${conversationId}:${revealed ?? ""}`}
            conversationId={conversationId}
            isNew={props.conversation === null}
            initialMessages={props.initialMessages}
            initialEarlier={props.initialEarlier ?? 0}
            initialModel={settings.model}
            initialMode={settings.mode}
            backend={props.backend}
            onStarted={(id, firstMessage) => {
              setActiveId(id);
              window.history.replaceState(null, "", `/c/${id}`);
              const now = new Date().toISOString();
              setConversations((items) => [
                { id, title: firstMessage.slice(0, 48), model: settings.model, mode: settings.mode, updatedAt: now },
                ...items.filter((item) => item.id !== id),
              ]);
            }}
            onTitle={(id, newTitle) => setConversations((items) => items.map((item) => (item.id === id ? { ...item, title: newTitle } : item)))}
            onSettled={() => void refresh()}
          />
        )}
      </main>
      <SearchDialog open={searchOpen} onClose={() => setSearchOpen(false)} />
      {library.error && (
        <div role="alert" className="fixed right-4 bottom-4 z-50 flex max-w-sm items-start gap-3 rounded-lg border border-danger/40 bg-danger-muted px-4 py-3 text-sm shadow-lg">
          <span className="flex-1">{library.error}</span>
          <button type="button" className="text-muted-foreground underline hover:text-foreground" onClick={library.clearError}>
            {tCommon("dismiss")}
          </button>
        </div>
      )}
    </div>
  );
}

/** A conversation's own model and mode; for a new chat the defaults (ChatView then applies the browser's last choice). */
function initialSettings(conversation: ConversationSummary | null): { model: ModelKey; mode: ReasoningMode } {
  return conversation ? { model: conversation.model, mode: conversation.mode } : { model: DEFAULT_MODEL, mode: DEFAULT_MODE };
}
