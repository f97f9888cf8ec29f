-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Message" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "conversationId" TEXT NOT NULL,
    "parentId" TEXT,
    "seq" INTEGER NOT NULL DEFAULT 1,
    "selected" BOOLEAN NOT NULL DEFAULT true,
    "lane" INTEGER NOT NULL DEFAULT 0,
    "role" TEXT NOT NULL,
    "parts" TEXT NOT NULL DEFAULT '[]',
    "content" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'complete',
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "errorHint" TEXT,
    "retryAt" DATETIME,
    "model" TEXT,
    "modelId" TEXT,
    "modelVersion" TEXT,
    "mode" TEXT,
    "effectiveMode" TEXT,
    "modeNotice" TEXT,
    "backend" TEXT,
    "finishReason" TEXT,
    "inputTokens" INTEGER,
    "cacheHitTokens" INTEGER,
    "cacheMissTokens" INTEGER,
    "outputTokens" INTEGER,
    "reasoningTokens" INTEGER,
    "usageEstimated" BOOLEAN NOT NULL DEFAULT false,
    "costUsd" REAL,
    "priceTier" TEXT,
    "ttftMs" INTEGER,
    "reasoningMs" INTEGER,
    "durationMs" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Message_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Message" ("backend", "cacheHitTokens", "cacheMissTokens", "content", "conversationId", "costUsd", "createdAt", "durationMs", "effectiveMode", "errorCode", "errorHint", "errorMessage", "finishReason", "id", "inputTokens", "lane", "mode", "modeNotice", "model", "modelId", "modelVersion", "outputTokens", "parentId", "parts", "priceTier", "reasoningMs", "reasoningTokens", "retryAt", "role", "selected", "seq", "status", "ttftMs", "updatedAt") SELECT "backend", "cacheHitTokens", "cacheMissTokens", "content", "conversationId", "costUsd", "createdAt", "durationMs", "effectiveMode", "errorCode", "errorHint", "errorMessage", "finishReason", "id", "inputTokens", "lane", "mode", "modeNotice", "model", "modelId", "modelVersion", "outputTokens", "parentId", "parts", "priceTier", "reasoningMs", "reasoningTokens", "retryAt", "role", "selected", "seq", "status", "ttftMs", "updatedAt" FROM "Message";
DROP TABLE "Message";
ALTER TABLE "new_Message" RENAME TO "Message";
CREATE INDEX "Message_conversationId_parentId_idx" ON "Message"("conversationId", "parentId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
