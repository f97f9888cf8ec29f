"use client";

import { Moon, Sun } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button } from "./button";

/** Light/dark switch; the choice is remembered, the system preference is the default. */
export function ThemeToggle() {
  const t = useTranslations("common");
  const [dark, setDark] = useState(false);
  useEffect(() => setDark(document.documentElement.classList.contains("dark")), []);
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
