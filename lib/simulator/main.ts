// CLI entry: `npm run simulator`. Configured through SIMULATOR_* variables.
import { startSimulator } from "./server";

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`${name} must be a non-negative number, got "${raw}"`);
    process.exit(1);
  }
  return value;
}

async function main(): Promise<void> {
  const speed = numberFromEnv("SIMULATOR_SPEED", 1);
  const simulator = await startSimulator({
    port: numberFromEnv("SIMULATOR_PORT", 4010),
    host: process.env.SIMULATOR_HOST || "127.0.0.1",
    testControls: process.env.SIMULATOR_TEST_CONTROLS === "1",
    speed: speed > 0 ? speed : 1,
    log: process.env.SIMULATOR_LOG === "1",
  });
  console.log(`simulator listening on ${simulator.url}`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    simulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
