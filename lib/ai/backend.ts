import "server-only";
import { env } from "@/lib/env";
import { createBackend } from "./backends/select";
import type { Backend } from "./backends/types";

let current: Backend | undefined;

/** The backend this process talks to, chosen once from the settings. */
export function backend(): Backend {
  current ??= createBackend(env());
  return current;
}

export type { Backend } from "./backends/types";
