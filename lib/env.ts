import path from "node:path";
import { z } from "zod";
import { DEFAULT_OUTPUT_CAPS, DEFAULT_UPSTREAM_TIMEOUTS } from "./ai/limits";
import { backendKindSchema } from "./contract/enums";
import { databaseUrl as resolveDatabaseUrl } from "./db/url";
import { parseAllowedHosts, parseHost } from "./net/hosts";

/**
 * Every setting V4 Chat reads, parsed once. Nothing else reads process.env:
 * a missing or malformed setting fails at start-up with its name.
 */

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const optionalUrl = optionalString.pipe(z.url({ message: "must be an http(s) URL" }).optional());

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * Ports that browsers and Node's fetch refuse to connect to (the Fetch standard's "bad ports"):
 * the app or the simulator there would start, then every request to it would fail.
 */
const BAD_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135,
  137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719,
  1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);
const port = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .max(65535)
    .refine((value) => !BAD_PORTS.has(value), { message: "browsers and fetch refuse this port (a Fetch standard 'bad port'); choose another" })
    .default(fallback);

/** 16 MiB: a message may be 4M characters, and JSON escaping can make that more bytes. */
export const DEFAULT_MAX_REQUEST_BYTES = 16 * 1024 * 1024;
export const DEFAULT_DOCUMENT_MAX_BYTES = 50 * 1024 * 1024;

/** The address to listen on: a name or an IP address, without a port. */
const listenHost = optionalString
  .transform((value) => value ?? "127.0.0.1")
  .refine((value) => {
    const parsed = parseHost(value);
    return parsed !== undefined && parsed.port === undefined;
  }, "must be a host name or an IP address without a port, e.g. 127.0.0.1 or 0.0.0.0");

/** "host" or "host:port", comma-separated, parsed into a list. */
const allowedHosts = z
  .string()
  .optional()
  .transform((value, ctx) => {
    try {
      return parseAllowedHosts(value);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
      return z.NEVER;
    }
  });

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: port(3000),
  /**
   * Address the web app listens on. The default, 127.0.0.1, is this machine only; 0.0.0.0 opens it
   * to the network (then sign-in is always required, and the names people use to reach it go in
   * ALLOWED_HOSTS).
   */
  HOST: listenHost,
  /** Host names (or host:port) the app answers to besides localhost, 127.0.0.1 and [::1]. */
  ALLOWED_HOSTS: allowedHosts,
  /** Largest request body the API reads, in bytes (413 beyond it). */
  MAX_REQUEST_BYTES: z.coerce.number().int().min(1024, "must be at least 1024").default(DEFAULT_MAX_REQUEST_BYTES),
  /** Largest document a person may upload, in bytes (50 MiB, also the ceiling). */
  DOCUMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1, "must be at least 1")
    .max(DEFAULT_DOCUMENT_MAX_BYTES, "must be at most 52428800 (50 MiB)")
    .default(DEFAULT_DOCUMENT_MAX_BYTES),
  /** Worker threads that read documents (extraction and token counts run off the request path). */
  DOCUMENT_WORKERS: positiveInt(1),
  /**
   * Tokens of the model's window a document may fill before it is summarised in parts (tests set
   * it small). Unset: the model's window less room for the answer.
   */
  DOCUMENT_WINDOW_TOKENS: z.coerce.number().int().min(1000).optional(),
  /** SQLite file (default, `file:…`) or a PostgreSQL server (`postgresql://…`). */
  DATABASE_URL: optionalString,
  /** Where the SQLite file and other local state live. */
  DATA_DIR: optionalString,
  /** Uploaded files (default <DATA_DIR>/files). Several instances share one folder (a network mount). */
  FILES_DIR: optionalString,
  /** PostgreSQL connections each instance may hold. */
  DATABASE_POOL_SIZE: positiveInt(10),
  /**
   * Redis (`redis://host:port`), for several instances of the app: running answers, following and
   * stopping them from any instance, and the per-user cap on answers at once are shared there.
   * Unset: all of that lives in this process.
   */
  REDIS_URL: optionalString,
  /** "1": print every database statement (for measuring; noisy). */
  DB_LOG_STATEMENTS: z.enum(["0", "1"]).default("0"),

  /** Explicit backend choice; when unset the first configured one wins, else the simulator. */
  V4_BACKEND: backendKindSchema.optional(),

  DEEPSEEK_API_KEY: optionalString,
  DEEPSEEK_BASE_URL: optionalUrl,

  OPENROUTER_API_KEY: optionalString,
  OPENROUTER_BASE_URL: optionalUrl,

  /** vLLM, SGLang or any server with an OpenAI-compatible /v1/chat/completions. */
  OPENAI_COMPATIBLE_BASE_URL: optionalUrl,
  OPENAI_COMPATIBLE_API_KEY: optionalString,
  /** Which server speaks there: decides how reasoning modes are sent. */
  OPENAI_COMPATIBLE_DIALECT: z.enum(["vllm", "sglang"]).default("vllm"),
  /** The server's context length (vLLM --max-model-len). Under 384K, Think Max falls back to Think High. */
  OPENAI_COMPATIBLE_CONTEXT_WINDOW: positiveInt(1_048_576),

  /** Upstream model ids: DeepSeek renamed them twice in 2026, so they are configuration. */
  FLASH_MODEL_ID: optionalString,
  PRO_MODEL_ID: optionalString,

  /** Price overrides, USD per 1M tokens as "cacheHit/cacheMiss/output" (e.g. "0.014/0.44/1.32"). */
  FLASH_PRICES: optionalString,
  PRO_PRICES: optionalString,
  /** Days billed off-peak all day, as "YYYY-MM-DD,YYYY-MM-DD,…" (China time); replaces the built-in holiday list. */
  OFF_PEAK_DAYS: optionalString,

  /**
   * Output-token caps, sent as max_tokens on every request (reasoning tokens count towards them).
   * Defaults and the reasons for them: lib/ai/limits.ts. Values above what the model or the server
   * allows are lowered to that.
   */
  MAX_OUTPUT_TOKENS_NON_THINK: positiveInt(DEFAULT_OUTPUT_CAPS["non-think"]),
  MAX_OUTPUT_TOKENS_THINK_HIGH: positiveInt(DEFAULT_OUTPUT_CAPS["think-high"]),
  MAX_OUTPUT_TOKENS_THINK_MAX: positiveInt(DEFAULT_OUTPUT_CAPS["think-max"]),
  /** An upstream that sends no byte at all for this long is given up on (the answer ends interrupted). */
  UPSTREAM_IDLE_TIMEOUT_MS: positiveInt(DEFAULT_UPSTREAM_TIMEOUTS.idleMs),
  /** Keep-alive comments count as life only this long without any data event (a request queued for ever). */
  UPSTREAM_KEEPALIVE_LIMIT_MS: positiveInt(DEFAULT_UPSTREAM_TIMEOUTS.keepAliveLimitMs),
  /** Answers generated at once by this server; the next one is refused with 429. */
  MAX_CONCURRENT_GENERATIONS: positiveInt(32),

  /** The built-in offline simulator (used when no backend is configured). */
  SIMULATOR_PORT: port(4010),
  /** Pacing multiplier for the simulator: 1 is realistic, higher is faster. */
  SIMULATOR_SPEED: z.coerce.number().positive().default(1),

  // Accounts and limits (lib/auth). HOST and ALLOWED_HOSTS are at the top.
  /** "1": on loopback, keep using the app without signing in even after accounts exist (as the admin). */
  LOOPBACK_WITHOUT_SIGN_IN: z.enum(["0", "1"]).default("0"),
  /** Signs sessions; made once and kept in the data folder when unset. */
  BETTER_AUTH_SECRET: optionalString,
  /** Default per-user limits (the admin can set each user's own); 0 means no limit. */
  LIMIT_REQUESTS_PER_MINUTE: z.coerce.number().int().nonnegative().default(20),
  LIMIT_TOKENS_PER_DAY: z.coerce.number().int().nonnegative().default(0),
  LIMIT_USD_PER_DAY: z.coerce.number().nonnegative().default(0),
  LIMIT_CONCURRENT_PER_USER: z.coerce.number().int().nonnegative().default(4),
});

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `  ${issue.path.join(".")}: ${issue.message}`)
      .join("\n");
    throw new Error(`Invalid settings:\n${problems}`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The process's settings, parsed on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Data folder, absolute. */
export function dataDir(settings: Env = env()): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), settings.DATA_DIR ?? "data");
}

/** Folder of uploaded files, absolute: FILES_DIR, else `files` in the data folder. */
export function filesDir(settings: Env = env()): string {
  return settings.FILES_DIR
    ? path.resolve(/*turbopackIgnore: true*/ process.cwd(), settings.FILES_DIR)
    : path.join(dataDir(settings), "files");
}

/** The database URL (DATABASE_URL, else v4chat.db in the data folder): see lib/db/url.ts. */
export function databaseUrl(settings: Env = env()): string {
  return resolveDatabaseUrl(settings);
}
