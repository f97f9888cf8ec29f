"use client";

import { Moon, Sun } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button } from "./button";

/** Light/dark switch; the choice is remembered, the system preference is the default. */
export function ThemeToggle() {
  const t = useTranslations("common");
  const [dark, setDark] = useState(false);
  // The page's inline script sets the theme before the first paint; a page the browser rendered
  // itself after a server error (a not-found thrown while rendering) never ran it, so it is
  // applied here as well.
  useEffect(() => setDark(applySavedTheme()), []);
  const toggle = () => {
    const next = !dark;
    setDark(next);
    document.documentElement.classList.toggle("dark", next);
    try {
      localStorage.setItem("theme", next ? "dark" : "light");
    } catch {
      // storage unavailable: the choice lasts for this page only
    }
  };
  return (
    <Button variant="ghost" size="icon" onClick={toggle} aria-label={dark ? t("themeToLight") : t("themeToDark")} title={t("themeToggle")}>
      {dark ? <Sun className="h-4 w-4" /> : <Moon className="h-4 w-4" />}
    </Button>
  );
}

/** The saved theme, else the system's, on <html>; true when dark. */
function applySavedTheme(): boolean {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem("theme");
  } catch {
    // storage unavailable: the system preference decides
  }
  const dark = saved === "dark" || (saved !== "light" && matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
  return dark;
}
