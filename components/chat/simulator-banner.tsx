import { FlaskConical } from "lucide-react";
import { useTranslations } from "next-intl";

/** Says plainly that answers come from the offline simulator, and how to connect a real model. */
export function SimulatorBanner() {
  const t = useTranslations("chat");
  return (
    <div
      role="note"
      data-testid="simulator-banner"
      className="flex items-start gap-2 border-b border-border bg-warning-muted px-4 py-2 text-xs text-foreground sm:items-center"
    >
      <FlaskConical className="mt-0.5 h-3.5 w-3.5 shrink-0 sm:mt-0" />
      <p>
        <span className="font-semibold">{t("simulatorTitle")}</span>{" "}
        <span className="sm:hidden">{t("simulatorShort")}</span>
        <span className="hidden sm:inline">{t.rich("simulatorLong", { code: (chunks) => <code className="font-mono">{chunks}</code> })}</span>
      </p>
    </div>
  );
}
