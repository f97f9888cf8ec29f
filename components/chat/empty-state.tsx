import type { BackendInfo } from "@/lib/contract";

const SUGGESTIONS = [
  "Explain how a mixture-of-experts model chooses its experts",
  "Write a TypeScript function that debounces another function",
  "Compare SQLite and PostgreSQL for a small web app",
  "Plan a three-day trip to Kyoto in autumn",
];

export function EmptyState({ backend, onPick }: { backend: BackendInfo; onPick: (text: string) => void }) {
  return (
    <div className="mx-auto flex h-full max-w-2xl flex-col items-center justify-center px-4 py-10 text-center">
      <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">What can I help with?</h1>
      <p className="mt-2 text-sm text-muted-foreground">
        DeepSeek V4.1 Flash and V4 Pro via {backend.label}. Pick a model and a reasoning mode below.
      </p>
      <div className="mt-8 grid w-full gap-2 sm:grid-cols-2">
        {SUGGESTIONS.map((text) => (
          <button
            key={text}
            type="button"
            onClick={() => onPick(text)}
            className="rounded-xl border border-border bg-card px-4 py-3 text-left text-sm text-foreground transition-colors hover:bg-muted"
          >
            {text}
          </button>
        ))}
      </div>
    </div>
  );
}
