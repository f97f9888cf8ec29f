// Child processes for the benchmarks: a separate simulator and the production app (`next start`),
// with their memory and CPU read from /proc (Linux), summed over each process tree.
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const root = process.cwd();
const CLOCK_TICKS_PER_SECOND = 100; // Linux USER_HZ

type Settings = Record<string, string | undefined>;

export interface Service {
  readonly url: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

function spawnService(command: string, args: string[], env: Settings, onLine?: (line: string) => void): ChildProcess {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  let partial = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
    if (!onLine) return;
    const lines = (partial + chunk.toString()).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) onLine(line);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  child.on("exit", (code, signal) => {
    // 143 is SIGTERM, which is how the benchmark stops its services.
    if (code && code !== 0 && code !== 143) console.error(`${command} ${args.join(" ")} exited with ${code ?? signal}:\n${output}`);
  });
  return child;
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

const tsx = path.join(root, "node_modules", ".bin", "tsx");

export async function startSimulatorProcess({ port, speed, testControls = false }: { port: number; speed: number; testControls?: boolean }): Promise<Service> {
  const child = spawnService(tsx, ["lib/simulator/main.ts"], {
    SIMULATOR_PORT: String(port),
    SIMULATOR_SPEED: String(speed),
    SIMULATOR_TEST_CONTROLS: testControls ? "1" : "0",
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/models`, 30_000);
  return { url, child, stop: () => stopChild(child) };
}

/** The production server on a fresh data folder, pointed at an already running simulator. */
export async function startAppProcess({
  port,
  simulatorPort,
  dataDir,
  env = {},
  nodeOptions,
  onLine,
}: {
  port: number;
  simulatorPort: number;
  dataDir: string;
  env?: Settings;
  nodeOptions?: string;
  /** Called with each line the app prints on stdout. */
  onLine?: (line: string) => void;
}): Promise<Service> {
  const settings: Settings = {
    DATA_DIR: dataDir,
    V4_BACKEND: "simulator",
    SIMULATOR_PORT: String(simulatorPort),
    NEXT_TELEMETRY_DISABLED: "1",
    // The benchmark is one user sending many chats at once: the per-user and server caps are
    // product limits, not what is being measured.
    MAX_CONCURRENT_GENERATIONS: "100000",
    LIMIT_CONCURRENT_PER_USER: "0",
    LIMIT_REQUESTS_PER_MINUTE: "0",
    ...env,
  };
  const migrate = spawnService(tsx, ["lib/db/migrate-cli.ts"], settings);
  const migrated = await new Promise<number | null>((resolve) => migrate.on("exit", resolve));
  if (migrated !== 0) throw new Error("migrations failed");
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  const child = spawnService(process.execPath, [...(nodeOptions ? nodeOptions.split(" ") : []), nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], settings, onLine);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/api/conversations`, 60_000);
  return { url, child, stop: () => stopChild(child) };
}

function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[1]) === pid) children.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return children;
}

function processTree(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i += 1) all.push(...childrenOf(all[i]!));
  return all;
}

/** Resident memory of a process and its descendants, in bytes. */
export function treeRss(pid: number): number {
  let total = 0;
  for (const member of processTree(pid)) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${member}/status`, "utf8"));
      if (match) total += Number(match[1]) * 1024;
    } catch {
      // ended
    }
  }
  return total;
}

/** User + system CPU time of a process and its live descendants, in ms. */
export function treeCpuMs(pid: number): number {
  let ticks = 0;
  for (const member of processTree(pid)) {
    try {
      const stat = readFileSync(`/proc/${member}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // ended
    }
  }
  return (ticks / CLOCK_TICKS_PER_SECOND) * 1000;
}

/** Samples a process tree's RSS every `everyMs` until stopped; returns the peak. */
export function samplePeakRss(pid: number, everyMs = 100): { stop(): number } {
  let peak = treeRss(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRss(pid));
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, treeRss(pid));
    },
  };
}
