import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { InvalidBlobKeyError, isValidBlobKey } from "./blob-store";
import { LocalFolderStore } from "./local-folder";

// Lets a test make file writes fail after `afterBytes` bytes (like a full disk); -1 is off.
const failing = vi.hoisted(() => ({ afterBytes: -1 }));
vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  const open: typeof actual.open = async (...args) => {
    const handle = await actual.open(...args);
    if (failing.afterBytes < 0) return handle;
    const limit = failing.afterBytes;
    return new Proxy(handle, {
      get(target, prop) {
        if (prop === "writeFile") {
          return async (data: Uint8Array) => {
            await target.write(data.subarray(0, limit));
            throw new Error("disk full");
          };
        }
        const value: unknown = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  };
  return { ...actual, open };
});

let parent: string;
let root: string;
let store: LocalFolderStore;

beforeEach(() => {
  parent = mkdtempSync(path.join(tmpdir(), "v4chat-blob-test-"));
  root = path.join(parent, "files");
  store = new LocalFolderStore(root);
});
afterEach(() => {
  rmSync(parent, { recursive: true, force: true });
});

/** Every file under `dir`, relative, with forward slashes. */
function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
      .sort();
  } catch {
    return [];
  }
}

const bytesOf = (text: string) => new TextEncoder().encode(text);

describe("LocalFolderStore", () => {
  it("round-trips bytes, including every byte value and empty values", async () => {
    const all = new Uint8Array(256).map((_, i) => i);
    await store.put("abc/def", all);
    await store.put("empty", new Uint8Array(0));

    const back = await store.get("abc/def");
    expect(back).toBeInstanceOf(Uint8Array);
    expect(Array.from(back ?? [])).toEqual(Array.from(all));
    expect((await store.get("empty"))?.byteLength).toBe(0);
    // Really on disk, under the folder.
    expect([...readFileSync(path.join(root, "abc", "def.blob"))]).toEqual([...all]);
  });

  it("returns null for a missing key", async () => {
    expect(await store.get("nothing/here")).toBeNull();
  });

  it("replaces the value on a second put", async () => {
    await store.put("k", bytesOf("first version, longer"));
    await store.put("k", bytesOf("second"));
    expect(new TextDecoder().decode((await store.get("k")) ?? undefined)).toBe("second");
  });

  it("keeps a key and a key below it apart", async () => {
    await store.put("a", bytesOf("parent"));
    await store.put("a/b", bytesOf("child"));
    expect(new TextDecoder().decode((await store.get("a")) ?? undefined)).toBe("parent");
    expect(new TextDecoder().decode((await store.get("a/b")) ?? undefined)).toBe("child");
  });

  it("writes atomically: no temp files are left behind", async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.put(`u1/key-${i}`, bytesOf(`value ${i}`))));
    await store.put("u1/key-0", bytesOf("overwritten"));
    expect(filesUnder(root)).toEqual(Array.from({ length: 20 }, (_, i) => `u1/key-${i}.blob`).sort());
  });

  it("leaves neither a temp file nor a half-written value when a write fails midway", async () => {
    await store.put("u/k", bytesOf("old value"));
    failing.afterBytes = 3;
    try {
      await expect(store.put("u/k", bytesOf("a much longer new value"))).rejects.toThrow("disk full");
    } finally {
      failing.afterBytes = -1;
    }
    expect(filesUnder(root)).toEqual(["u/k.blob"]);
    expect(new TextDecoder().decode((await store.get("u/k")) ?? undefined)).toBe("old value");
    // A failed first write leaves no key at all.
    failing.afterBytes = 0;
    try {
      await expect(store.put("u/new", bytesOf("never lands"))).rejects.toThrow("disk full");
    } finally {
      failing.afterBytes = -1;
    }
    expect(await store.get("u/new")).toBeNull();
    expect(filesUnder(root)).toEqual(["u/k.blob"]);
  });

  it("deletes, and deleting a missing key is fine", async () => {
    await store.put("x/y", bytesOf("bye"));
    await store.delete("x/y");
    expect(await store.get("x/y")).toBeNull();
    expect(filesUnder(root)).toEqual([]);
    await expect(store.delete("x/y")).resolves.toBeUndefined();
    await expect(store.delete("never/was")).resolves.toBeUndefined();
  });

  it.each([
    "",
    "../x",
    "a/../../x",
    "/etc/passwd",
    "a//b",
    "a/",
    "/",
    ".hidden",
    "a/.b",
    "x.tmp",
    "A/b",
    "a\\b",
    "..",
    "a b",
    "a\0b",
    "a/-",
    "x".repeat(201),
  ])("refuses the bad key %j on put, get and delete", async (key) => {
    expect(isValidBlobKey(key)).toBe(false);
    await expect(store.put(key, bytesOf("nope"))).rejects.toBeInstanceOf(InvalidBlobKeyError);
    await expect(store.get(key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
    await expect(store.delete(key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
    expect(filesUnder(parent)).toEqual([]);
  });

  it("refuses a key that would overwrite something outside the folder", async () => {
    const outside = path.join(parent, "secret.blob");
    writeFileSync(outside, "keep me");
    await expect(store.put("../secret", bytesOf("overwritten"))).rejects.toBeInstanceOf(InvalidBlobKeyError);
    await expect(store.delete("../secret")).rejects.toBeInstanceOf(InvalidBlobKeyError);
    expect(readFileSync(outside, "utf8")).toBe("keep me");
  });

  it("accepts the keys attachments use", () => {
    expect(isValidBlobKey("0123456789abcdef/6f1c2d3e-aaaa-4bbb-8ccc-0123456789ab")).toBe(true);
    expect(isValidBlobKey("a_b/c-d/e")).toBe(true);
  });
});
