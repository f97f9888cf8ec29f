"use client";

import { Check, Columns2, Ellipsis, FileText, FolderInput, FolderPlus, MessageSquarePlus, Pencil, Pin, PinOff, Search, Trash2, UserRound, X } from "lucide-react";
import Link from "next/link";
import { LinkPending } from "@/components/ui/link-pending";
import { useEffect, useRef, useState } from "react";
import type { ConversationSummary, FolderSummary, Viewer } from "@/lib/contract";
import { sidebarSections } from "@/lib/workspace/sidebar-sections";
import { cn } from "@/lib/utils";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { dragConversation } from "@/components/workspace/drag";
import { FolderNameInput } from "@/components/workspace/folder-name-input";
import { MoveMenu } from "@/components/workspace/move-menu";
import { SectionFrame } from "@/components/workspace/section-frame";

/** What the sidebar asks of the workspace for pins and folders. */
export interface LibraryActions {
  onPin: (id: string, pinned: boolean) => Promise<void>;
  onMove: (id: string, folderId: string | null) => Promise<void>;
  onCreateFolder: (name: string) => Promise<void>;
  onRenameFolder: (id: string, name: string) => Promise<void>;
  onDeleteFolder: (id: string) => Promise<void>;
}

/** The conversations: pinned first, then folders, then the rest newest first; new, open, rename, delete, pin, move. */
export function Sidebar({
  conversations,
  folders,
  library,
  onSearch,
  activeId,
  onNew,
  onRename,
  onDelete,
  onNavigate,
  viewer,
}: {
  viewer: Viewer;
  conversations: ConversationSummary[];
  folders: FolderSummary[];
  library: LibraryActions;
  onSearch: () => void;
  activeId: string | null;
  onNew: () => void;
  onRename: (id: string, title: string) => Promise<void>;
  onDelete: (id: string) => Promise<void>;
  onNavigate: () => void;
}) {
  const [editingId, setEditingId] = useState<string | null>(null);
  const renameSettled = useRef(false);
  const [draft, setDraft] = useState("");
  const [deleting, setDeleting] = useState<ConversationSummary | null>(null);
  // Days are the browser's, not the server's: group only after hydration so both renders agree.
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => setNow(new Date()), [conversations]);

  const saveRename = async (id: string) => {
    if (renameSettled.current) return; // Enter, the save button and leaving the field all end here once
    renameSettled.current = true;
    const title = draft.trim();
    setEditingId(null);
    if (title) await onRename(id, title);
  };

  // The list is one Tab stop (a roving tabindex, as in the WAI-ARIA keyboard guidance for composite
  // widgets): only one conversation link is tabbable; ArrowUp/ArrowDown/Home/End move among them.
  // The Rename and Delete buttons of that row follow it in the Tab order (ArrowRight/ArrowLeft also
  // move between them); at phone width they are behind the row's "More actions" disclosure button.
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [creatingFolder, setCreatingFolder] = useState(false);
  const [deletingFolder, setDeletingFolder] = useState<FolderSummary | null>(null);
  const [moveMenuId, setMoveMenuId] = useState<string | null>(null);
  const sections = sidebarSections(conversations, folders, now);
  const ordered = sections.filter((section) => !collapsed.has(section.key)).flatMap((section) => section.items.map((item) => item.id));
  const [focusId, setFocusId] = useState<string | null>(null);
  const rovingId =
    (focusId && ordered.includes(focusId) ? focusId : null) ?? (activeId && ordered.includes(activeId) ? activeId : null) ?? ordered[0] ?? null;
  const [menuId, setMenuId] = useState<string | null>(null);
  const list = useRef<HTMLDivElement>(null);
  const [pendingFocus, setPendingFocus] = useState<{ id: string | null } | null>(null);

  const linkOf = (id: string) => list.current?.querySelector<HTMLAnchorElement>(`a[data-conversation-id="${CSS.escape(id)}"]`) ?? null;
  const focusConversation = (id: string | undefined) => {
    if (!id) return;
    setFocusId(id);
    linkOf(id)?.focus();
  };

  // After a deletion, focus goes to the next conversation (or the message box when none is left).
  useEffect(() => {
    if (!pendingFocus) return;
    setPendingFocus(null);
    const link = pendingFocus.id ? linkOf(pendingFocus.id) : null;
    if (link) {
      setFocusId(pendingFocus.id);
      link.focus();
    } else {
      document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Message"]')?.focus();
    }
  }, [pendingFocus, conversations]);

  const onRowKeyDown = (event: React.KeyboardEvent<HTMLLIElement>, id: string) => {
    const index = ordered.indexOf(id);
    const targets: Record<string, string | undefined> = {
      ArrowDown: ordered[index + 1],
      ArrowUp: ordered[index - 1],
      Home: ordered[0],
      End: ordered[ordered.length - 1],
    };
    if (event.key in targets) {
      event.preventDefault();
      focusConversation(targets[event.key]);
      return;
    }
    if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      const stops = [...event.currentTarget.querySelectorAll<HTMLElement>("a, button")].filter((element) => element.offsetParent !== null);
      const at = stops.indexOf(document.activeElement as HTMLElement);
      const next = stops[at + (event.key === "ArrowRight" ? 1 : -1)];
      if (at >= 0 && next) {
        event.preventDefault();
        next.focus();
      }
    } else if (event.key === "Escape" && menuId === id) {
      setMenuId(null);
      linkOf(id)?.focus();
    }
  };

  return (
    <nav aria-label="Conversations" className="flex h-full flex-col">
      <div className="flex items-center justify-between px-3 pt-3 pb-2">
        <Link href="/" onClick={onNavigate} className="flex items-center gap-2 px-1 text-[15px] font-semibold">
          <img src="/icon.svg" alt="" className="h-6 w-6" />
          V4 Chat
        </Link>
        <div className="flex items-center">
          <Button variant="ghost" size="icon" onClick={() => setCreatingFolder(true)} aria-label="New folder" title="New folder">
            <FolderPlus className="h-4.5 w-4.5" />
          </Button>
          <Button variant="ghost" size="icon" onClick={onNew} aria-label="New chat" title="New chat (Ctrl+Shift+O)">
            <MessageSquarePlus className="h-4.5 w-4.5" />
          </Button>
        </div>
      </div>
      <div className="px-3 pb-2">
        <button
          type="button"
          onClick={onSearch}
          aria-keyshortcuts="Control+K Meta+K"
          className="flex h-8 w-full items-center gap-2 rounded-lg border border-border bg-card px-2.5 text-sm text-muted-foreground hover:bg-muted hover:text-foreground"
        >
          <Search className="h-3.5 w-3.5" aria-hidden="true" />
          <span className="flex-1 text-left">Search</span>
          <kbd className="hidden rounded border border-border px-1 font-sans text-[10px] [@media(hover:hover)]:inline">Ctrl K</kbd>
        </button>
      </div>
      {creatingFolder && (
        <div className="px-2 pb-2">
          <FolderNameInput
            initial=""
            label="New folder name"
            onSave={(name) => {
              setCreatingFolder(false);
              void library.onCreateFolder(name);
            }}
            onCancel={() => setCreatingFolder(false)}
          />
        </div>
      )}
      <div className="min-h-0 flex-1 overflow-y-auto px-2 pt-1 pb-3">
        {conversations.length === 0 && folders.length === 0 ? (
          <p className="px-2 py-6 text-center text-xs text-muted-foreground">No conversations yet.</p>
        ) : (
          <div ref={list} data-testid="conversation-list" className="space-y-4">
            {sections.map((section) => (
              <SectionFrame
                key={section.key}
                kind={section.kind}
                label={section.label}
                folder={section.kind === "folder" ? section.folder : undefined}
                count={section.items.length}
                collapsed={collapsed.has(section.key)}
                onToggle={() =>
                  setCollapsed((keys) => {
                    const next = new Set(keys);
                    if (!next.delete(section.key)) next.add(section.key);
                    return next;
                  })
                }
                onRenameFolder={(name) => section.kind === "folder" && void library.onRenameFolder(section.folder.id, name)}
                onDeleteFolder={() => section.kind === "folder" && setDeletingFolder(section.folder)}
                onDropConversation={(id) => {
                  if (section.kind === "pinned") void library.onPin(id, true);
                  else if (section.kind === "folder") void library.onMove(id, section.folder.id);
                  else {
                    const item = conversations.find((candidate) => candidate.id === id);
                    if (item?.pinnedAt) void library.onPin(id, false);
                    if (item?.folderId) void library.onMove(id, null);
                  }
                }}
              >
                <ul className={cn("space-y-0.5", section.kind === "folder" && "pl-3")}>
                  {section.items.map((conversation) => {
                    const active = conversation.id === activeId;
                    const roving = conversation.id === rovingId;
                    const menuOpen = menuId === conversation.id;
                    if (editingId === conversation.id) {
                      return (
                        <li key={conversation.id} className="flex items-center gap-1 rounded-lg bg-muted px-1 py-1">
                          <input
                            aria-label="Conversation title"
                            autoFocus
                            value={draft}
                            maxLength={120}
                            onChange={(event) => setDraft(event.target.value)}
                            onKeyDown={(event) => {
                              if (event.key === "Enter") void saveRename(conversation.id);
                              if (event.key === "Escape") {
                                renameSettled.current = true;
                                setEditingId(null);
                              }
                            }}
                            // Leaving the field keeps what was typed, as in a file manager; Escape and
                            // the cancel button are the ways to drop it.
                            onBlur={(event) => {
                              const to = event.relatedTarget as HTMLElement | null;
                              if (to?.dataset.renameAction) return;
                              void saveRename(conversation.id);
                            }}
                            className="min-w-0 flex-1 rounded-md bg-card px-2 py-1 text-sm outline-none"
                          />
                          <Button variant="ghost" size="icon" aria-label="Save title" data-rename-action="save" onClick={() => void saveRename(conversation.id)}>
                            <Check className="h-4 w-4" />
                          </Button>
                          <Button
                            variant="ghost"
                            size="icon"
                            aria-label="Cancel rename"
                            data-rename-action="cancel"
                            onClick={() => {
                              renameSettled.current = true;
                              setEditingId(null);
                            }}
                          >
                            <X className="h-4 w-4" />
                          </Button>
                        </li>
                      );
                    }
                    return (
                      <li
                        key={conversation.id}
                        className="group relative"
                        onKeyDown={(event) => onRowKeyDown(event, conversation.id)}
                        draggable
                        onDragStart={(event) => dragConversation(event, conversation.id)}
                        data-testid="conversation-row"
                      >
                        <Link
                          href={`/c/${conversation.id}`}
                          onClick={onNavigate}
                          onFocus={() => setFocusId(conversation.id)}
                          tabIndex={roving ? 0 : -1}
                          data-conversation-id={conversation.id}
                          aria-current={active ? "page" : undefined}
                          className={cn(
                            "block truncate rounded-lg py-2 pr-10 pl-3 text-sm",
                            active || menuOpen || moveMenuId === conversation.id
                              ? "sm:pr-32"
                              : "sm:pr-3 sm:group-focus-within:pr-32 sm:group-hover:pr-32",
                            active ? "bg-muted font-medium text-foreground" : "text-foreground/80 hover:bg-muted/70",
                          )}
                          title={conversation.title}
                        >
                          <LinkPending className="mr-1.5 -mt-0.5 inline" />
                          {conversation.title}
                        </Link>
                        <Button
                          variant="ghost"
                          size="icon"
                          className="absolute top-1/2 right-1 h-7 w-7 -translate-y-1/2 sm:hidden"
                          aria-label={`More actions for ${conversation.title}`}
                          aria-expanded={menuOpen}
                          aria-controls={`actions-${conversation.id}`}
                          tabIndex={roving ? 0 : -1}
                          onClick={() => setMenuId(menuOpen ? null : conversation.id)}
                        >
                          <Ellipsis className="h-4 w-4" />
                        </Button>
                        <div
                          id={`actions-${conversation.id}`}
                          className={cn(
                            "absolute top-1/2 right-9 z-10 -translate-y-1/2 gap-0.5 rounded-lg bg-card shadow-sm ring-1 ring-border sm:right-1 sm:flex sm:bg-transparent sm:shadow-none sm:ring-0",
                            menuOpen ? "flex" : "hidden",
                            active || moveMenuId === conversation.id
                              ? "sm:opacity-100"
                              : "sm:opacity-0 sm:group-focus-within:opacity-100 sm:group-hover:opacity-100",
                          )}
                        >
                          <Button
                            variant="ghost"
                            size="icon"
                            className="h-7 w-7"
                            aria-label={`${conversation.pinnedAt ? "Unpin" : "Pin"} ${conversation.title}`}
                            tabIndex={roving ? 0 : -1}
                            onClick={() => {
                              setMenuId(null);
                              void library.onPin(conversation.id, !conversation.pinnedAt);
                            }}
                          >
                            {conversation.pinnedAt ? <PinOff className="h-3.5 w-3.5" /> : <Pin className="h-3.5 w-3.5" />}
                          </Button>
                          <Button
                            variant="ghost"
                            size="icon"
                            className="h-7 w-7"
                            aria-label={`Move ${conversation.title} to a folder`}
                            aria-haspopup="menu"
                            aria-expanded={moveMenuId === conversation.id}
                            data-move-button={conversation.id}
                            tabIndex={roving ? 0 : -1}
                            onClick={() => setMoveMenuId(moveMenuId === conversation.id ? null : conversation.id)}
                          >
                            <FolderInput className="h-3.5 w-3.5" />
                          </Button>
                          <Button
                            variant="ghost"
                            size="icon"
                            className="h-7 w-7"
                            aria-label={`Rename ${conversation.title}`}
                            tabIndex={roving ? 0 : -1}
                            onClick={() => {
                              setMenuId(null);
                              setDraft(conversation.title);
                              renameSettled.current = false;
                              setEditingId(conversation.id);
                            }}
                          >
                            <Pencil className="h-3.5 w-3.5" />
                          </Button>
                          <Button
                            variant="ghost"
                            size="icon"
                            className="h-7 w-7 hover:text-danger"
                            aria-label={`Delete ${conversation.title}`}
                            tabIndex={roving ? 0 : -1}
                            onClick={() => {
                              setMenuId(null);
                              setDeleting(conversation);
                            }}
                          >
                            <Trash2 className="h-3.5 w-3.5" />
                          </Button>
                        </div>
                        {moveMenuId === conversation.id && (
                          <MoveMenu
                            id={`move-${conversation.id}`}
                            title={conversation.title}
                            folders={folders}
                            currentFolderId={conversation.folderId ?? null}
                            onMove={(folderId) => {
                              setMoveMenuId(null);
                              setMenuId(null);
                              // The row moves to another section: focus its link once it is there.
                              setPendingFocus({ id: conversation.id });
                              void library.onMove(conversation.id, folderId);
                            }}
                            onClose={() => {
                              setMoveMenuId(null);
                              list.current?.querySelector<HTMLElement>(`[data-move-button="${CSS.escape(conversation.id)}"]`)?.focus();
                            }}
                          />
                        )}
                      </li>
                    );
                  })}
                </ul>
              </SectionFrame>
            ))}
          </div>
        )}
      </div>
      <div className="border-t border-border p-2">
        <FooterLink href="/compare" icon={Columns2} testId="compare-link" onNavigate={onNavigate}>
          Compare models
        </FooterLink>
        <FooterLink href="/documents" icon={FileText} testId="documents-link" onNavigate={onNavigate}>
          Documents
        </FooterLink>
        <FooterLink
          href="/account"
          icon={UserRound}
          testId="account-link"
          onNavigate={onNavigate}
          badge={viewer.isAdmin && viewer.signedIn ? "admin" : undefined}
        >
          {viewer.signedIn ? viewer.name : "Account and sign-in"}
        </FooterLink>
      </div>
      <ConfirmDialog
        open={deletingFolder !== null}
        title="Delete folder?"
        description={`The folder "${deletingFolder?.name ?? ""}" will be deleted. The conversations in it are kept.`}
        confirmLabel="Delete folder"
        onCancel={() => setDeletingFolder(null)}
        onConfirm={() => {
          const target = deletingFolder;
          setDeletingFolder(null);
          if (target) void library.onDeleteFolder(target.id);
        }}
      />
      <ConfirmDialog
        open={deleting !== null}
        title="Delete conversation?"
        description={`"${deleting?.title ?? ""}" and all its messages will be deleted. This cannot be undone.`}
        confirmLabel="Delete"
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          const target = deleting;
          setDeleting(null);
          if (!target) return;
          const index = ordered.indexOf(target.id);
          setPendingFocus({ id: ordered[index + 1] ?? ordered[index - 1] ?? null });
          void onDelete(target.id);
        }}
      />
    </nav>
  );
}

/** A page link at the foot of the sidebar (comparisons, documents, account). */
function FooterLink({
  href,
  icon: Icon,
  testId,
  onNavigate,
  badge,
  children,
}: {
  href: string;
  icon: React.ComponentType<{ className?: string }>;
  testId: string;
  onNavigate?: () => void;
  badge?: string;
  children: React.ReactNode;
}) {
  return (
    <Link
      href={href}
      onClick={onNavigate}
      className="flex items-center gap-2 rounded-lg px-2 py-2 text-sm text-muted-foreground hover:bg-muted hover:text-foreground"
      data-testid={testId}
    >
      <Icon className="h-4 w-4 shrink-0" />
      <span className="min-w-0 flex-1 truncate">{children}</span>
      <LinkPending />
      {badge && <span className="text-[11px] uppercase">{badge}</span>}
    </Link>
  );
}
