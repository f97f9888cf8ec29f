import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { ERROR_HINTS, hintText, recogniseHint, type ErrorHintKey } from "@/lib/error-hints";
import { ChatError } from "@/lib/errors";
import en from "@/messages/en.json";
import zh from "@/messages/zh.json";
import { errorTextFor, type ErrorTranslator } from "./error-text";

const translators = {
  en: createTranslator({ locale: "en", messages: en, namespace: "errors" }) as unknown as ErrorTranslator,
  zh: createTranslator({ locale: "zh", messages: zh, namespace: "errors" }) as unknown as ErrorTranslator,
};

/** What the page shows for an error as the server sends it (JSON, like the browser gets it). */
function shown(locale: "en" | "zh", error: ChatError) {
  return errorTextFor(locale, translators[locale], JSON.parse(JSON.stringify(error.toPayload())), "fallback");
}

const sizeRefusal = new ChatError("payload_too_large:image", "“cat.png” is 12.0 MiB; images can be at most 10.0 MiB.", {
  words: { key: "imageTooLarge", values: { name: "cat.png", size: "12.0 MiB", max: "10.0 MiB" } },
});
const overloaded = new ChatError("interrupted:model", "The model sent nothing for 2 minutes, so V4 Chat stopped waiting for it.", {
  hint: hintText("keptQuiet", { where: "DeepSeek" }),
});

describe("errorTextFor", () => {
  it("shows the server's own words in English, hint included", () => {
    expect(shown("en", sizeRefusal)).toEqual({ message: "“cat.png” is 12.0 MiB; images can be at most 10.0 MiB.", hint: undefined });
    expect(shown("en", overloaded)).toEqual({
      message: "The model sent nothing for 2 minutes, so V4 Chat stopped waiting for it.",
      hint: "What arrived is kept. DeepSeek may be overloaded or the connection lost; retry in a little while.",
    });
  });

  it("says an image refusal in Chinese, with its values", () => {
    expect(shown("zh", sizeRefusal)).toEqual({ message: "“cat.png”大小为 12.0 MiB；图片最大为 10.0 MiB。" });
    const vision = new ChatError("bad_request:image", "Images need V4.1 Flash: V4 Pro cannot see images. Switch to V4.1 Flash, or remove the images.", {
      words: { key: "visionSwitch", values: { flash: "V4.1 Flash", model: "V4 Pro" } },
    });
    expect(shown("zh", vision).message).toBe("图片需要 V4.1 Flash：V4 Pro 无法识别图片。请切换到 V4.1 Flash，或移除图片。");
  });

  it("keeps a known hint in Chinese, values filled in, and drops an unknown one", () => {
    expect(shown("zh", overloaded)).toEqual({ message: "回答在完成前中断了。", hint: "已收到的内容会保留。DeepSeek 可能负载过高或连接已断开；请稍后重试。" });
    const limited = new ChatError("rate_limit:chat", "V4 Chat is answering 4 questions already; try again in a moment.", { hint: hintText("serverLimit") });
    expect(shown("zh", limited).hint).toBe("此服务器同时生成的回答数量有限（MAX_CONCURRENT_GENERATIONS）。");
    const odd = new ChatError("rate_limit:chat", "Busy.", { hint: "Some words nobody catalogued." });
    expect(shown("zh", odd)).toEqual({ message: "请求过多。请稍候再试。" });
  });

  it("falls back to the code's text, and to the server's words for an unknown code", () => {
    const unknownWords = new ChatError("payload_too_large:image", "Too big.", { words: { key: "noSuchKey" } });
    expect(shown("zh", unknownWords).message).toBe("超出了此服务器接受的大小。");
    expect(errorTextFor("zh", translators.zh, { code: "teapot:kettle", message: "I am a teapot.", hint: "Brew." }, "x")).toEqual({
      message: "I am a teapot.",
      hint: "Brew.",
    });
  });
});

describe("known hints", () => {
  it("are all recognised from their English words, and catalogued in both languages", () => {
    for (const key of Object.keys(ERROR_HINTS) as ErrorHintKey[]) {
      const text = hintText(key, { where: "OpenRouter" });
      expect(recogniseHint(text)?.key, text).toBe(key);
      expect(translators.zh.has(`hints.${key}`), key).toBe(true);
      expect(translators.en(`hints.${key}`, { where: "OpenRouter" }), key).toBe(text);
    }
  });
});
