import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The secret that signs sessions: BETTER_AUTH_SECRET, else one made on first run and kept in the
 * data folder (readable by the owner only), so sessions survive restarts without any set-up.
 */
export function authSecret({ configured, dataDir }: { configured: string | undefined; dataDir: string }): string {
  if (configured) return configured;
  const file = path.join(dataDir, "auth-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    // "wx": if another process won the race, read its secret instead of replacing it.
    try {
      writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      return readFileSync(file, "utf8").trim();
    }
  }
}
