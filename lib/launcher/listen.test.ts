import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { parseAllowedHosts } from "@/lib/net/hosts";
import { appUrl, listeningNotice, nextArgs } from "./listen";

describe("where the app listens", () => {
  it("binds to loopback by default", () => {
    const settings = parseEnv({});
    expect(settings.HOST).toBe("127.0.0.1");
    expect(nextArgs(settings, false)).toEqual(["start", "-H", "127.0.0.1", "-p", "3000"]);
    expect(nextArgs(settings, true)).toEqual(["dev", "-H", "127.0.0.1", "-p", "3000"]);
    expect(listeningNotice(settings)).toBe(
      "V4 Chat on http://127.0.0.1:3000 (this machine only; set HOST=0.0.0.0 to open it to the network)",
    );
  });

  it("passes HOST and PORT through", () => {
    const settings = parseEnv({ HOST: "0.0.0.0", PORT: "8080" });
    expect(nextArgs(settings, false)).toEqual(["start", "-H", "0.0.0.0", "-p", "8080"]);
    expect(appUrl(parseEnv({ HOST: "::1" }))).toBe("http://[::1]:3000");
  });

  it("says the real address and who can reach it", () => {
    expect(listeningNotice(parseEnv({ HOST: "localhost", PORT: "3100" }))).toMatch(/^V4 Chat on http:\/\/localhost:3100 \(this machine only/);
    expect(listeningNotice(parseEnv({ HOST: "::1" }))).toMatch(/^V4 Chat on http:\/\/\[::1\]:3000 \(this machine only/);
    const open = listeningNotice({ HOST: "0.0.0.0", PORT: 3000, ALLOWED_HOSTS: [] });
    expect(open).toMatch(/^V4 Chat on http:\/\/0\.0\.0\.0:3000 \(open to the network/);
    expect(open).toMatch(/set ALLOWED_HOSTS/);
    expect(listeningNotice({ HOST: "0.0.0.0", PORT: 3000, ALLOWED_HOSTS: parseAllowedHosts("chat.lan,192.168.1.5:3000") })).toBe(
      "V4 Chat on http://0.0.0.0:3000 (open to the network, sign-in required; it answers to localhost and chat.lan, 192.168.1.5:3000)",
    );
  });
});
