import { defineConfig, devices } from "@playwright/test";

/**
 * Ports of the app and its simulator under test (apart from a developer's running instance).
 * E2E_PORT_OFFSET moves both, so two checkouts can run their browser tests at once.
 */
const PORT_OFFSET = Number(process.env.E2E_PORT_OFFSET ?? 0);
export const APP_PORT = 3100 + PORT_OFFSET;
export const SIMULATOR_PORT = 4100 + PORT_OFFSET;

export default defineConfig({
  testDir: "e2e",
  outputDir: "e2e/.artifacts/results",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright cannot download its own browser here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 860 } } },
  ],
  webServer: {
    // The real start-up path: build if needed, migrate a fresh database, start the simulator
    // (with its test-only controls) and the app.
    command: "rm -rf e2e/.artifacts/data && npm start",
    url: `http://127.0.0.1:${APP_PORT}/api/conversations`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(APP_PORT),
      DATA_DIR: "e2e/.artifacts/data",
      SIMULATOR_PORT: String(SIMULATOR_PORT),
      SIMULATOR_SPEED: "5",
      SIMULATOR_TEST_CONTROLS: "1",
      // Whatever the machine has configured, the tests talk to the simulator.
      V4_BACKEND: "simulator",
    },
  },
});
