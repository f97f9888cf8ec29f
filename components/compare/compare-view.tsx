"use client";

import "@/lib/contract/zod-browser"; // first: before any schema is built (see there)
import { generateId } from "ai";
import { ArrowLeft, BarChart3, EyeOff, Link2, Paperclip, Plus, SendHorizontal } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ModelKey } from "@/lib/ai/catalogue";
import { DEFAULT_PANES, type ComparisonView, type PaneSetup, type StartComparisonRequest } from "@/lib/compare/contract";
import { finalFigures, paneMarkers, type Marker } from "@/lib/compare/figures";
import type { VoteOutcome } from "@/lib/compare/results";
import { blindOrder } from "@/lib/compare/thread";
import { useTranslations } from "next-intl";
import { usePaneNames } from "./use-pane-names";
import { useErrorText } from "@/components/i18n/use-error-text";
import type { BackendInfo } from "@/lib/contract";
import type { DocumentInfo } from "@/lib/documents/contract";
import { ACCEPTED_EXTENSIONS } from "@/lib/documents/formats";
import { estimateTokens } from "@/lib/usage/estimate";
import type { TokenPrices } from "@/lib/usage/prices";
import { cn } from "@/lib/utils";
import { SimulatorBanner } from "@/components/chat/simulator-banner";
import { DocumentTray } from "@/components/documents/document-tray";
import { useDocumentDrafts } from "@/components/documents/use-document-drafts";
import { Button } from "@/components/ui/button";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { ComparePane, type PaneTurn } from "./compare-pane";
import { LiveFiguresStore } from "./live-figures";
import { PaneSetupControls } from "./pane-setup";
import { PaneTabs } from "./pane-tabs";
import { SavedComparisons, type SavedComparison } from "./saved-comparisons";
import { useNarrowScreen, useSyncedScroll } from "./use-layout";
import { VoteBar } from "./vote-bar";
import { CompareImageTray } from "@/components/images/compare-image-tray";
import { useImageDrafts } from "@/components/images/use-image-drafts";
import type { ImageInfo } from "@/lib/images/contract";
import { IMAGE_EXTENSIONS, looksLikeImage } from "@/lib/images/formats";
import { useTypedBeforeHydration } from "@/components/ui/use-typed-before-hydration";

export interface CarriedHistory {
  conversationId: string;
  title: string;
  promptId: string;
  promptText: string;
  /** The prompt's images, attached again to the comparison's first prompt. */
  promptImages: ImageInfo[];
  /** Messages before the prompt that come along. */
  count: number;
}

interface RequestProblem {
  message: string;
  hint?: string;
}

/**
 * The comparison view: one prompt to two to four panes, each with its own model and mode,
 * streaming side by side with their figures; follow-ups go to every pane; votes, blind mode and
 * "Continue with this answer". A new comparison is created by its first prompt.
 */
export function CompareView({
  backend,
  initial,
  newId,
  carried,
  documents: initialDocuments = [],
  saved,
}: {
  backend: BackendInfo;
  initial: ComparisonView | null;
  newId: string;
  carried: CarriedHistory | null;
  /** Documents the first prompt starts with ("compare summaries" from the documents page). */
  documents?: DocumentInfo[];
  /** Shown on a new comparison's page. */
  saved: SavedComparison[];
}) {
  const router = useRouter();
  const t = useTranslations("compare");
  const tCommon = useTranslations("common");
  const tComposer = useTranslations("composer");
  const tMeta = useTranslations("meta");
  const paneNames = usePaneNames();
  const errorText = useErrorText();
  const [view, setView] = useState<ComparisonView | null>(initial);
  const id = view?.id ?? newId;
  const [setup, setSetup] = useState<PaneSetup[]>(initial?.panes ?? DEFAULT_PANES);
  const [blind, setBlind] = useState(initial?.blind ?? false);
  const [draft, setDraft] = useState(carried?.promptText ?? "");
  const images = useImageDrafts(carried?.promptImages);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<RequestProblem | null>(null);
  const [tab, setTab] = useState(0);
  const documents = useDocumentDrafts(initialDocuments);
  const picker = useRef<HTMLInputElement>(null);
  const promptBox = useRef<HTMLTextAreaElement>(null);
  useTypedBeforeHydration(promptBox, setDraft);
  // Images go to every pane that sees them; other files are documents every pane reads.
  const addFiles = (files: readonly File[]) => {
    const pictures = files.filter(looksLikeImage);
    const others = files.filter((file) => !looksLikeImage(file));
    if (pictures.length > 0) images.add(pictures);
    if (others.length > 0) void documents.add(others);
  };
  const narrow = useNarrowScreen();
  const store = useMemo(() => new LiveFiguresStore(), []);
  const prices = useMemo(() => Object.fromEntries(backend.models.map((model) => [model.key, model.prices])) as Record<ModelKey, TokenPrices>, [backend]);

  const panes = view?.panes ?? setup;
  const turns = view?.turns ?? [];
  const lastTurn = turns[turns.length - 1];
  const revealed = !(view?.blind ?? blind) || turns.some((turn) => turn.vote !== null);
  const order = useMemo(() => ((view?.blind ?? blind) ? blindOrder(id, panes.length) : panes.map((_, lane) => lane)), [view?.blind, blind, id, panes]);
  // Answers this page saw end: not running any more, even before the saved comparison is read
  // again (a pane says "complete" at once; the composer must not refuse Enter meanwhile).
  const [endedAnswers, setEndedAnswers] = useState<ReadonlySet<string>>(() => new Set());
  const running = turns.some((turn) => turn.answers.some((answer) => answer?.metadata?.status === "streaming" && !endedAnswers.has(answer.id)));
  const names = panes.map((pane, lane) => {
    const position = order.indexOf(lane);
    const hidden = view?.blind ?? blind;
    return {
      name: hidden ? paneNames.blind(position) : paneNames.label(pane),
      short: hidden ? paneNames.blind(position) : paneNames.short(pane),
      detail: hidden && revealed ? paneNames.label(pane) : undefined,
    };
  });

  useEffect(() => {
    document.title = tMeta("pageTitle", { page: view?.title ?? t("newComparison") });
  }, [view?.title, t, tMeta]);

  const reload = useCallback(async () => {
    try {
      const response = await fetch(`/api/compare/${id}`, { cache: "no-store" });
      if (!response.ok) return;
      const saved = ((await response.json()) as { comparison: ComparisonView }).comparison;
      // Rendered in slices: other panes may still be streaming.
      startTransition(() => setView(saved));
    } catch {
      // offline: keep what is on screen
    }
  }, [id]);
  // Several panes often end together: read the comparison once for them.
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onPaneEnded = useCallback((answerId: string) => {
    setEndedAnswers((ended) => new Set(ended).add(answerId));
    if (reloadTimer.current) clearTimeout(reloadTimer.current);
    reloadTimer.current = setTimeout(() => void reload(), 120);
  }, [reload]);

  const post = useCallback(async <T,>(url: string, body: unknown): Promise<T | null> => {
    setProblem(null);
    try {
      const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      const json = (await response.json().catch(() => ({}))) as T & { code?: string; message?: string; hint?: string };
      if (!response.ok) {
        setProblem(errorText(json, t("requestFailed", { status: response.status })));
        return null;
      }
      return json;
    } catch {
      setProblem({ message: t("unreachable") });
      return null;
    }
  }, []);

  // `preset`: a summary preset's prompt, sent as it is (the typed draft stays).
  const send = async (preset?: string) => {
    const text = (preset ?? draft).trim();
    if (!text || sending || running || documents.uploading || images.uploading) return;
    setSending(true);
    const documentIds = documents.ready.map((document) => document.id);
    const imageIds = images.ready.map((image) => image.attachmentId);
    const body: StartComparisonRequest = {
      conversationId: id,
      parentId: lastTurn?.prompt.id ?? null,
      message: { id: generateId(), text, ...(documentIds.length > 0 ? { documentIds } : {}), ...(imageIds.length > 0 ? { imageIds } : {}) },
      panes,
      blind: view?.blind ?? blind,
      ...(view === null && carried ? { from: { conversationId: carried.conversationId, promptId: carried.promptId } } : {}),
    };
    const result = await post<{ comparison: ComparisonView }>("/api/compare", body);
    setSending(false);
    if (!result) return;
    if (preset === undefined) setDraft("");
    documents.clear();
    images.clear();
    if (view === null) window.history.replaceState(null, "", `/compare/${id}`);
    setView(result.comparison);
  };

  const stop = useCallback((messageId: string) => {
    void fetch("/api/chat/stop", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ messageId }) });
  }, []);
  const retry = useCallback(
    async (promptId: string, lane: number) => {
      const result = await post<{ comparison: ComparisonView }>(`/api/compare/${id}/retry`, { promptId, lane });
      if (result) setView(result.comparison);
    },
    [id, post],
  );
  const continueWith = useCallback(
    async (lane: number) => {
      const conversationId = generateId();
      const result = await post<{ conversationId: string }>(`/api/compare/${id}/continue`, { lane, conversationId });
      if (result) router.push(`/c/${result.conversationId}`);
    },
    [id, post, router],
  );
  const vote = async (outcome: VoteOutcome, winnerLane: number | null) => {
    if (!lastTurn) return;
    const result = await post<{ vote: { outcome: VoteOutcome; winnerLane: number | null } }>(`/api/compare/${id}/vote`, {
      promptId: lastTurn.prompt.id,
      outcome,
      winnerLane,
    });
    if (result) setView((current) => current && { ...current, turns: current.turns.map((turn) => (turn === lastTurn || turn.prompt.id === lastTurn.prompt.id ? { ...turn, vote: result.vote } : turn)) });
  };

  // Markers compare the latest prompt's finished answers.
  const markers: Marker[][] = useMemo(
    () =>
      paneMarkers(
        panes.map((_, lane) => {
          const answer = lastTurn?.answers[lane] ?? null;
          const status = answer?.metadata?.status;
          return { complete: status === "complete", figures: finalFigures(status === "streaming" ? {} : (answer?.metadata ?? {})) };
        }),
      ),
    [panes, lastTurn],
  );
  const paneTurns: PaneTurn[][] = useMemo(
    () => panes.map((_, lane) => turns.map((turn) => ({ prompt: turn.prompt, answer: turn.answers[lane] ?? null }))),
    [panes, turns],
  );

  const [sync, setSync] = useState(true);
  const scroll = useSyncedScroll(sync && !narrow);
  const selectedLane = order[Math.min(tab, order.length - 1)] ?? 0;
  const canVote = lastTurn !== undefined && !running;
  const comparisonHasDocuments = turns.some((turn) => turn.prompt.files.length > 0);

  return (
    <div className="flex h-dvh flex-col overflow-hidden" data-testid="compare-view" data-comparison-id={view?.id ?? ""}>
      {backend.isSimulator && <SimulatorBanner />}
      <header className="flex h-12 shrink-0 items-center gap-1 border-b border-border px-2 sm:gap-2 sm:px-4">
        <Link href="/" className="inline-flex h-8 items-center gap-1 rounded-lg px-2 text-sm text-muted-foreground hover:bg-muted hover:text-foreground" title={tCommon("backToChats")}>
          <ArrowLeft className="h-4 w-4" />
          <span className="hidden sm:inline">{t("chats")}</span>
        </Link>
        <h1 className="min-w-0 flex-1 truncate text-sm font-medium" data-testid="comparison-title">
          {view?.title ?? t("newComparison")}
        </h1>
        {(view?.blind ?? false) && (
          <span className="inline-flex items-center gap-1 rounded-full bg-muted px-2 py-0.5 text-xs text-muted-foreground" data-testid="blind-badge">
            <EyeOff className="h-3 w-3" /> {t("blind")}
          </span>
        )}
        <Button
          variant="ghost"
          size="sm"
          aria-pressed={sync}
          onClick={() => setSync((value) => !value)}
          className={cn("hidden md:inline-flex", sync && "text-foreground")}
          title={t("syncTitle")}
        >
          <Link2 className="h-4 w-4" /> {t("sync")}
        </Button>
        <Link href="/compare/results" title="Results: your votes and figures" aria-label="Results" className="inline-flex h-8 items-center gap-1 rounded-lg px-2 text-sm text-muted-foreground hover:bg-muted hover:text-foreground">
          <BarChart3 className="h-4 w-4" />
          <span className="hidden sm:inline">{t("results")}</span>
        </Link>
        {view && (
          <Link href="/compare" className="inline-flex h-8 items-center gap-1 rounded-lg px-2 text-sm text-muted-foreground hover:bg-muted hover:text-foreground" title={t("newComparison")}>
            <Plus className="h-4 w-4" />
            <span className="hidden sm:inline">{t("new")}</span>
          </Link>
        )}
        <ThemeToggle />
      </header>

      <div className="flex min-h-0 flex-1 flex-col gap-2 p-2 sm:p-3">
        {view === null && (
          <div className="flex flex-col gap-3 rounded-xl border border-border bg-card p-3">
            <PaneSetupControls backend={backend} panes={setup} onChange={setSetup} />
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={blind} onChange={(event) => setBlind(event.target.checked)} className="h-4 w-4 accent-[var(--primary)]" />
              {t("blindSetting")}
            </label>
            {carried && (
              <p className="text-xs text-muted-foreground" data-testid="carried-history">
                {t("carries", { count: carried.count, title: carried.title })}
              </p>
            )}
          </div>
        )}

        {view === null && (
          <div className="flex min-h-0 flex-1 flex-col">
            <SavedComparisons items={saved} />
          </div>
        )}

        {view !== null && narrow && (
          <PaneTabs
            store={store}
            tabs={order.map((lane) => ({ lane, name: names[lane]?.short ?? "" }))}
            selected={Math.min(tab, order.length - 1)}
            onSelect={setTab}
          />
        )}

        {view !== null && (
          <div className="flex min-h-0 flex-1 gap-2" id="compare-panes">
            {order.map((lane) => (
              <ComparePane
                key={lane}
                lane={lane}
                name={names[lane]?.name ?? ""}
                detail={names[lane]?.detail}
                turns={paneTurns[lane] ?? []}
                // Said only when the models are shown: in blind mode it would name the model.
                blindToImages={revealed && backend.models.find((info) => info.key === panes[lane]?.model)?.vision === false}
                prices={prices[panes[lane]?.model ?? "flash"]}
                markers={markers[lane] ?? []}
                store={store}
                hidden={narrow && lane !== selectedLane}
                busy={running}
                scrollRef={scroll.register(lane)}
                onScroll={scroll.onScroll}
                onEnded={onPaneEnded}
                onStop={stop}
                onRetry={retry}
                onContinue={continueWith}
              />
            ))}
          </div>
        )}

        {view !== null && lastTurn && (canVote || !narrow) && (
          <div className="flex flex-wrap items-center justify-between gap-2">
            <VoteBar
              panes={order.map((lane) => ({ lane, name: (narrow ? names[lane]?.short : names[lane]?.name) ?? "" }))}
              vote={lastTurn.vote}
              disabled={!canVote}
              onVote={vote}
            />
            {view.continued && (
              <Link href={`/c/${view.continued.conversationId}`} className="text-xs text-primary underline-offset-2 hover:underline" data-testid="continued-link">
                {t("continuedWith", { name: names[view.continued.lane]?.name ?? "" })}
              </Link>
            )}
          </div>
        )}

        {problem && (
          <div role="alert" className="rounded-lg border border-danger/40 bg-danger-muted px-3 py-2 text-sm" data-testid="compare-error">
            {problem.message}
            {problem.hint && <span className="block text-xs opacity-80">{problem.hint}</span>}
          </div>
        )}

        <CompareImageTray drafts={images} backend={backend} panes={panes} blind={view?.blind ?? blind} />

        <form
          className="flex flex-col rounded-xl border border-border bg-card"
          onSubmit={(event) => {
            event.preventDefault();
            void send();
          }}
          onDragOver={(event) => {
            if (event.dataTransfer.types.includes("Files")) event.preventDefault();
          }}
          onDrop={(event) => {
            if (event.dataTransfer.files.length === 0) return;
            event.preventDefault();
            addFiles([...event.dataTransfer.files]);
          }}
          onPaste={(event) => {
            if (event.clipboardData.files.length === 0) return;
            event.preventDefault();
            addFiles([...event.clipboardData.files]);
          }}
        >
          {/* Documents every pane reads: the way to compare the models' summaries of one text. */}
          <DocumentTray
            drafts={documents}
            backend={backend}
            model={panes[0]?.model ?? "flash"}
            mode={panes[0]?.mode ?? "think-high"}
            conversationTokens={0}
            draftTokens={estimateTokens(draft)}
            conversationHasDocuments={comparisonHasDocuments}
            busy={sending || running}
            onPreset={(prompt) => void send(prompt)}
          />
          <div className="flex items-end gap-2 p-2">
            <input
              ref={picker}
              type="file"
              multiple
              accept={[...ACCEPTED_EXTENSIONS, ...IMAGE_EXTENSIONS].join(",")}
              className="sr-only"
              tabIndex={-1}
              aria-hidden
              data-testid="compare-file-input"
              onChange={(event) => {
                const chosen = [...(event.target.files ?? [])];
                event.target.value = "";
                if (chosen.length > 0) addFiles(chosen);
              }}
            />
            <Button type="button" size="icon" variant="ghost" aria-label={tComposer("attachFiles")} title={t("attachTitle")} onClick={() => picker.current?.click()} className="h-9 w-9">
              <Paperclip className="h-4 w-4" />
            </Button>
            <textarea
              ref={promptBox}
              aria-label={t("prompt")}
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
                  event.preventDefault();
                  void send();
                }
              }}
              rows={view === null ? 3 : 1}
              placeholder={view === null ? t("firstPlaceholder") : t("followUpPlaceholder")}
              className="max-h-40 min-h-9 flex-1 resize-none bg-transparent px-2 py-1.5 text-[15px] outline-none"
            />
            <Button type="submit" variant="primary" size="icon" aria-label={t("sendAll")} disabled={!draft.trim() || sending || running || documents.uploading || images.uploading} className="h-9 w-9">
              <SendHorizontal className="h-4 w-4" />
            </Button>
          </div>
        </form>
      </div>
    </div>
  );
}
