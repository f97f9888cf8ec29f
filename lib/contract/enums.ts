// The value sets shared by the database, the engine and the browser. Each is defined here once;
// the schema keeps them as plain strings (portable between SQLite and PostgreSQL) and zod checks
// them at the boundaries.
import { z } from "zod";

export const MESSAGE_ROLES = ["user", "assistant"] as const;
export const messageRoleSchema = z.enum(MESSAGE_ROLES);
export type MessageRole = z.infer<typeof messageRoleSchema>;

export const MESSAGE_STATUSES = ["streaming", "complete", "stopped", "error", "interrupted"] as const;
export const messageStatusSchema = z.enum(MESSAGE_STATUSES);
export type MessageStatus = z.infer<typeof messageStatusSchema>;

/** Statuses an answer can end in. */
export const FINAL_MESSAGE_STATUSES = ["complete", "stopped", "error", "interrupted"] as const;
export const finalMessageStatusSchema = z.enum(FINAL_MESSAGE_STATUSES);
export type FinalMessageStatus = z.infer<typeof finalMessageStatusSchema>;

/** "peak" / "off-peak" where the price list tells them apart, else "standard". */
export const PRICE_TIERS = ["peak", "off-peak", "standard"] as const;
export const priceTierSchema = z.enum(PRICE_TIERS);
export type PriceTier = z.infer<typeof priceTierSchema>;

export const BACKEND_KINDS = ["deepseek", "openrouter", "openai-compatible", "simulator"] as const;
export const backendKindSchema = z.enum(BACKEND_KINDS);
export type BackendKind = z.infer<typeof backendKindSchema>;

export const TITLE_SOURCES = ["auto", "user"] as const;
export const titleSourceSchema = z.enum(TITLE_SOURCES);
export type TitleSource = z.infer<typeof titleSourceSchema>;
