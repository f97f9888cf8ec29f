import { useTranslations } from "next-intl";
import type { BackendInfo } from "@/lib/contract";

const SUGGESTIONS = ["moe", "debounce", "databases", "kyoto"] as const;

export function EmptyState({ backend, onPick }: { backend: BackendInfo; onPick: (text: string) => void }) {
  const t = useTranslations("chat");
  return (
    <div className="mx-auto flex h-full max-w-2xl flex-col items-center justify-center px-4 py-10 text-center">
      <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{t("emptyTitle")}</h1>
      <p className="mt-2 text-sm text-muted-foreground">{t("emptyText", { backend: backend.isSimulator ? t("simulatorLabel") : backend.label })}</p>
      <div className="mt-8 grid w-full gap-2 sm:grid-cols-2">
        {SUGGESTIONS.map((key) => {
          const text = t(`suggestions.${key}`);
          return (
            <button
              key={key}
              type="button"
              onClick={() => onPick(text)}
              className="rounded-xl border border-border bg-card px-4 py-3 text-left text-sm text-foreground transition-colors hover:bg-muted"
            >
              {text}
            </button>
          );
        })}
      </div>
    </div>
  );
}
