"use client";

import { ImageOff, ExternalLink } from "lucide-react";
import { useTranslations } from "next-intl";
import { createContext, useContext, type ComponentProps } from "react";
import type { ExtraProps, UrlTransform } from "streamdown";
import { cn } from "@/lib/utils";

/**
 * Links and images in model output, which is untrusted: a prompt injection can make the model write
 * any markdown. Links keep only web and mail addresses and open in a new tab without an opener or a
 * referrer; images are never loaded (an image URL can carry data out), only named with a link.
 */

/** What streamdown puts in a link whose address has not fully arrived yet. */
const INCOMPLETE_LINK = "streamdown:incomplete-link";
const LINK_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

const BLOCKED_CLASS = "text-muted-foreground";

/**
 * The address a link may have, or undefined. Absolute http(s) and mailto URLs, same-page fragments
 * (footnotes) and same-site paths. URLs are parsed the way the browser parses them (so tabs, control
 * characters or case tricks in `javascript:` do not get through) and returned in that form.
 */
export function safeHref(raw: string | null | undefined): string | undefined {
  if (typeof raw !== "string") return undefined;
  const value = raw.trim();
  if (value === "") return undefined;
  if (value.startsWith("#")) return value;
  if (/^\/(?![/\\])/.test(value) && !/[\\\u0000-\u001f]/.test(value)) return value;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  return LINK_PROTOCOLS.has(url.protocol) ? url.href : undefined;
}

/** An absolute http(s) image URL, which the placeholder names and links to; otherwise undefined. */
export function remoteImageUrl(raw: unknown): URL | undefined {
  if (typeof raw !== "string") return undefined;
  try {
    const url = new URL(raw.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The last word on every URL attribute of the rendered tree, including what KaTeX produced (which
 * runs after the sanitizer): anything that is not a safe link address is dropped.
 */
export const urlTransform: UrlTransform = (url, key) => {
  if (key === "href" && url === INCOMPLETE_LINK) return url;
  return safeHref(url);
};

interface HastNode {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

/**
 * A rehype step that runs before the sanitizer (which drops unsafe addresses silently): a link whose
 * address will be refused keeps that address in its title, so the "[blocked]" text can say what
 * it was.
 */
export function recordBlockedLinks() {
  const visit = (node: HastNode): void => {
    if (node.type === "element" && node.tagName === "a" && node.properties) {
      const href = node.properties.href;
      if (typeof href === "string" && href !== INCOMPLETE_LINK && safeHref(href) === undefined) {
        node.properties.title = `Blocked link: ${href.length > 200 ? `${href.slice(0, 199)}…` : href}`;
      }
    }
    for (const child of node.children ?? []) visit(child);
  };
  return (tree: HastNode): void => visit(tree);
}

/** Elements that never come out of markdown and must not come out of anything else either. */
export const DISALLOWED_ELEMENTS = [
  "script",
  "style",
  "link",
  "meta",
  "base",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "portal",
  "noscript",
  "template",
  "form",
  "textarea",
  "select",
  "button",
  "video",
  "audio",
  "source",
  "track",
  "picture",
  "image",
  "foreignObject",
  "use",
  "animate",
  "set",
];

/** True inside a link, where an image placeholder must not be a link itself. */
const InsideLink = createContext(false);

const linkClass = "wrap-anywhere font-medium text-primary underline underline-offset-2";

/** A markdown link: live only for a safe address; opens in a new tab with no opener or referrer. */
export function SafeLink({ href, title, children, node: _node, target: _target, rel: _rel, ...rest }: ComponentProps<"a"> & ExtraProps) {
  const t = useTranslations("message");
  if (href === INCOMPLETE_LINK) {
    return (
      <span className={linkClass} data-incomplete="true">
        {children}
      </span>
    );
  }
  const safe = safeHref(href);
  if (!safe) {
    return (
      <span className={BLOCKED_CLASS} title={title ?? t("blockedLink")} data-testid="blocked-link">
        {children} {t("blockedMark")}
      </span>
    );
  }
  const samePage = safe.startsWith("#");
  return (
    <InsideLink.Provider value={true}>
      <a
        {...rest}
        title={title}
        href={safe}
        className={linkClass}
        data-streamdown="link"
        target={samePage ? undefined : "_blank"}
        rel="noopener noreferrer"
      >
        {children}
      </a>
    </InsideLink.Provider>
  );
}

const placeholderClass =
  "my-1 inline-flex max-w-full items-center gap-1.5 rounded-md border border-dashed border-border bg-muted px-2 py-1 align-middle text-sm";

/**
 * A markdown image, never loaded: a placeholder that names the image's host and, for a web address,
 * links to it in a new tab. (Inside a link it is plain text: links do not nest.)
 */
export function ImagePlaceholder({ src, alt }: ComponentProps<"img"> & ExtraProps) {
  const t = useTranslations("message");
  const insideLink = useContext(InsideLink);
  const url = remoteImageUrl(src);
  const description = typeof alt === "string" && alt.trim() !== "" ? alt.trim() : undefined;
  if (!url || insideLink) {
    return (
      <span className={cn(placeholderClass, !insideLink && "text-muted-foreground")} data-testid="image-placeholder" title={url?.href}>
        <ImageOff className="h-4 w-4 shrink-0" aria-hidden="true" />
        <span className="wrap-anywhere">
          {url ? t("imageFrom", { host: url.host }) : t("imageHidden")}
          {description && <span className="text-foreground/70"> · {description}</span>}
        </span>
      </span>
    );
  }
  return (
    <a
      href={url.href}
      target="_blank"
      rel="noopener noreferrer"
      className={cn(placeholderClass, "text-primary hover:border-solid")}
      data-testid="image-placeholder"
      title={url.href}
    >
      <ImageOff className="h-4 w-4 shrink-0" aria-hidden="true" />
      <span className="wrap-anywhere">
        {t("imageOpen", { host: url.host })}
        {description && <span className="text-foreground/70"> · {description}</span>}
      </span>
      <ExternalLink className="h-3.5 w-3.5 shrink-0" aria-hidden="true" />
    </a>
  );
}
