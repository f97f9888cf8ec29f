import { describe, expect, it } from "vitest";
import { chooseLocale, preferredLanguages } from "./negotiate";

describe("the interface's locale", () => {
  it("is the saved choice first", () => {
    expect(chooseLocale({ cookie: "zh", acceptLanguage: "en-US,en;q=0.9" })).toBe("zh");
    expect(chooseLocale({ cookie: "en", acceptLanguage: "zh-CN,zh;q=0.9" })).toBe("en");
  });

  it("follows the browser's languages in their order of preference", () => {
    expect(chooseLocale({ acceptLanguage: "zh-CN,zh;q=0.9,en;q=0.8" })).toBe("zh");
    expect(chooseLocale({ acceptLanguage: "fr-FR,fr;q=0.9,zh-TW;q=0.8,en;q=0.5" })).toBe("zh");
    expect(chooseLocale({ acceptLanguage: "en;q=0.5,zh;q=0.9" })).toBe("zh");
    expect(chooseLocale({ acceptLanguage: "de-DE,en-GB;q=0.7" })).toBe("en");
  });

  it("falls back to English for anything else", () => {
    expect(chooseLocale({})).toBe("en");
    expect(chooseLocale({ cookie: "fr", acceptLanguage: "fr, de" })).toBe("en");
    expect(chooseLocale({ acceptLanguage: "zh;q=0, *" })).toBe("en");
  });

  it("reads q-values", () => {
    expect(preferredLanguages("en;q=0.2, zh-CN, de;q=0.5")).toEqual(["zh-CN", "de", "en"]);
  });
});
