import type { Locale } from "@/lib/i18n/config";
import type messages from "./messages/en.json";

// Type-checks every translation key and its arguments against the English catalogue.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof messages;
  }
}
