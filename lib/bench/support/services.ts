// A fresh data folder, a simulator process and the production app, started together and
// stopped together.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ensureProductionBuild } from "./build";
import { freePort } from "./ports";
import { startAppProcess, startSimulatorProcess, type Service } from "./processes";

export interface BenchServices {
  app: Service;
  simulator: Service;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startServices({
  speed,
  testControls = false,
  nodeOptions,
  env,
  onLine,
}: {
  speed: number;
  testControls?: boolean;
  nodeOptions?: (dataDir: string) => string;
  env?: Record<string, string>;
  onLine?: (line: string) => void;
}): Promise<BenchServices> {
  ensureProductionBuild();
  const dataDir = mkdtempSync(path.join(tmpdir(), "v4chat-bench-"));
  const simulatorPort = await freePort();
  const simulator = await startSimulatorProcess({ port: simulatorPort, speed, testControls });
  try {
    const app = await startAppProcess({ port: await freePort(), simulatorPort, dataDir, nodeOptions: nodeOptions?.(dataDir), env, onLine });
    return {
      app,
      simulator,
      dataDir,
      async stop() {
        await app.stop();
        await simulator.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await simulator.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
