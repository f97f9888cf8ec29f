"use client";

import { Download } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

const FORMATS = [
  { label: "exportMarkdown", query: "format=markdown" },
  { label: "exportMarkdownReasoning", query: "format=markdown&reasoning=1" },
  { label: "exportJson", query: "format=json" },
] as const;

/** Download this conversation: a disclosure of plain download links (Escape or a click elsewhere closes it). */
export function ConversationExportMenu({ conversationId }: { conversationId: string }) {
  const t = useTranslations("workspace");
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  return (
    <div
      ref={root}
      className="relative"
      onKeyDown={(event) => {
        if (event.key === "Escape" && open) {
          event.preventDefault();
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <Button
        ref={button}
        variant="ghost"
        size="icon"
        aria-label={t("export")}
        title={t("exportTitle")}
        aria-expanded={open}
        aria-controls="export-formats"
        onClick={() => setOpen((value) => !value)}
      >
        <Download className="h-4 w-4" />
      </Button>
      {open && (
        <ul id="export-formats" className="absolute top-full right-0 z-30 mt-1 w-60 rounded-lg border border-border bg-card p-1 shadow-lg">
          {FORMATS.map((format) => (
            <li key={format.label}>
              <a
                href={`/api/conversations/${conversationId}/export?${format.query}`}
                download
                onClick={() => setOpen(false)}
                className="block rounded-md px-2.5 py-1.5 text-sm hover:bg-muted focus-visible:bg-muted"
              >
                {t(format.label)}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
