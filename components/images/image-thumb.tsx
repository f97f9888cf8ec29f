"use client";

import { ImageOff } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { cn } from "@/lib/utils";
import { ImageViewer } from "./image-viewer";

/** A square thumbnail that opens the larger view. */
export function ImageThumb({ src, name, caption, size = "md", className }: { src: string; name: string; caption?: string; size?: "sm" | "md"; className?: string }) {
  const t = useTranslations("images");
  const [open, setOpen] = useState(false);
  const [missing, setMissing] = useState(false);
  // Deleted since, or not this person's (an imported conversation): say so instead of a broken image.
  if (missing) {
    return (
      <div
        role="img"
        aria-label={t("missing", { name })}
        title={t("missing", { name })}
        className={cn("flex shrink-0 items-center justify-center rounded-lg border border-dashed border-border bg-muted text-muted-foreground", size === "sm" ? "h-16 w-16" : "h-24 w-24 sm:h-28 sm:w-28", className)}
        data-testid="image-missing"
      >
        <ImageOff className="h-5 w-5" />
      </div>
    );
  }
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-label={caption ? t("viewWithCaption", { name, caption }) : t("view", { name })}
        title={caption ? `${name} · ${caption}` : name}
        className={cn(
          "block shrink-0 overflow-hidden rounded-lg border border-border bg-muted outline-none focus-visible:ring-2 focus-visible:ring-ring",
          size === "sm" ? "h-16 w-16" : "h-24 w-24 sm:h-28 sm:w-28",
          className,
        )}
        data-testid="image-thumb"
      >
        {/* eslint-disable-next-line @next/next/no-img-element -- local previews and the app's own bytes */}
        <img src={src} alt="" className="h-full w-full object-cover" onError={() => setMissing(true)} />
      </button>
      {open && <ImageViewer src={src} name={name} caption={caption} onClose={() => setOpen(false)} />}
    </>
  );
}
