import { FlaskConical } from "lucide-react";

/** Says plainly that answers come from the offline simulator, and how to connect a real model. */
export function SimulatorBanner() {
  return (
    <div
      role="note"
      data-testid="simulator-banner"
      className="flex items-start gap-2 border-b border-border bg-warning-muted px-4 py-2 text-xs text-foreground sm:items-center"
    >
      <FlaskConical className="mt-0.5 h-3.5 w-3.5 shrink-0 sm:mt-0" />
      <p>
        <span className="font-semibold">Offline simulator.</span>{" "}
        <span className="sm:hidden">Simulated answers. Set DEEPSEEK_API_KEY to use DeepSeek.</span>
        <span className="hidden sm:inline">
          Answers are generated locally to show how V4 Chat works, not by DeepSeek. Set{" "}
          <code className="font-mono">DEEPSEEK_API_KEY</code> (or an OpenRouter / vLLM setting) and restart to talk to
          the real models.
        </span>
      </p>
    </div>
  );
}
