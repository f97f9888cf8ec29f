/**
 * next-intl's per-request configuration (named in next.config.ts): which locale this request is
 * in and its messages. Cookie-based, without locale routing.
 */
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE } from "./config";
import { loadMessages } from "./messages";
import { chooseLocale } from "./negotiate";

export default getRequestConfig(async () => {
  const locale = chooseLocale({
    cookie: (await cookies()).get(LOCALE_COOKIE)?.value,
    acceptLanguage: (await headers()).get("accept-language"),
  });
  return { locale, messages: await loadMessages(locale) };
});
