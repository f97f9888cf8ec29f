-- CreateTable
CREATE TABLE "Attachment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Attachment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

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
    "costUsd" REAL,
    "priceTier" TEXT,
    "ttftMs" INTEGER,
    "reasoningMs" INTEGER,
    "durationMs" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Message_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Every existing message becomes the only version of its turn: its parent is the message before
-- it in the old (createdAt, id) order, and its reasoning and text become typed parts.
INSERT INTO "new_Message" ("id", "conversationId", "parentId", "seq", "selected", "lane", "role", "parts", "content", "status", "errorCode", "errorMessage", "model", "modelId", "mode", "effectiveMode", "backend", "finishReason", "inputTokens", "cacheHitTokens", "cacheMissTokens", "outputTokens", "reasoningTokens", "costUsd", "ttftMs", "reasoningMs", "durationMs", "createdAt", "updatedAt")
SELECT "id", "conversationId",
    LAG("id") OVER (PARTITION BY "conversationId" ORDER BY "createdAt", "id"),
    1, true, 0, "role",
    CASE
        WHEN COALESCE("reasoning", '') <> '' AND "content" <> '' THEN json_array(json_object('type', 'reasoning', 'text', "reasoning"), json_object('type', 'text', 'text', "content"))
        WHEN COALESCE("reasoning", '') <> '' THEN json_array(json_object('type', 'reasoning', 'text', "reasoning"))
        WHEN "content" <> '' THEN json_array(json_object('type', 'text', 'text', "content"))
        ELSE '[]'
    END,
    "content", "status", "errorCode", "errorMessage", "model", "modelId", "mode", "effectiveMode", "backend", "finishReason", "inputTokens", "cacheHitTokens", "cacheMissTokens", "outputTokens", "reasoningTokens", "costUsd", "ttftMs", "reasoningMs", "durationMs", "createdAt", "updatedAt"
FROM "Message";
DROP TABLE "Message";
ALTER TABLE "new_Message" RENAME TO "Message";
CREATE INDEX "Message_conversationId_parentId_idx" ON "Message"("conversationId", "parentId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Attachment_storageKey_key" ON "Attachment"("storageKey");

-- CreateIndex
CREATE INDEX "Attachment_userId_createdAt_idx" ON "Attachment"("userId", "createdAt");
