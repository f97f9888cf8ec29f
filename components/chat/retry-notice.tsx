"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { UpstreamRetry } from "@/lib/contract";

/** "Trying again in 3 s (attempt 2 of 3)": the answer waits for the upstream on its own. */
export function RetryNotice({ retry }: { retry: UpstreamRetry }) {
  const t = useTranslations("message");
  const [now, setNow] = useState(() => Date.now());
  const left = Math.max(0, Math.ceil((Date.parse(retry.at) - now) / 1000));
  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(() => setNow(Date.now()), 250);
    return () => clearTimeout(timer);
  }, [left, now]);
  return (
    <span data-testid="answer-retrying" title={retry.reason}>
      {left > 0 ? t("busyRetry", { seconds: left, attempt: retry.attempt, of: retry.of }) : t("retrying", { attempt: retry.attempt, of: retry.of })}
    </span>
  );
}
