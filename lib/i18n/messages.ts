import type { Locale } from "./config";

/** The catalogue of a locale (messages/<locale>.json), loaded on the server only. */
export async function loadMessages(locale: Locale): Promise<Messages> {
  switch (locale) {
    case "zh":
      return (await import("../../messages/zh.json")).default;
    default:
      return (await import("../../messages/en.json")).default;
  }
}

export type Messages = typeof import("../../messages/en.json");
