import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { createBackend } from "./select";

const simulatorWith = (settings: Record<string, string>) => createBackend(parseEnv({ V4_BACKEND: "simulator", ...settings }));
const tierAt = (settings: Record<string, string>, at: string) => simulatorWith(settings).prices("flash", new Date(at)).tier;

describe("OFF_PEAK_DAYS", () => {
  it("defaults to China's public holidays", () => {
    expect(tierAt({}, "2026-10-01T02:00:00Z")).toBe("off-peak");
    expect(tierAt({}, "2026-11-24T02:30:00Z")).toBe("peak");
  });

  it("replaces the built-in list where prices are quoted", () => {
    const settings = { OFF_PEAK_DAYS: "2026-11-24,2026-11-25" };
    expect(tierAt(settings, "2026-11-24T02:30:00Z")).toBe("off-peak");
    expect(tierAt(settings, "2026-11-25T09:00:00Z")).toBe("off-peak");
    expect(tierAt(settings, "2026-10-01T02:00:00Z")).toBe("peak");
  });

  it("names itself when malformed", () => {
    expect(() => simulatorWith({ OFF_PEAK_DAYS: "2026-11-24,tomorrow" })).toThrow(/OFF_PEAK_DAYS/);
  });
});
