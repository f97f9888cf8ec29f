import { defineConfig, devices } from "@playwright/test";

/**
 * Ports of the app and its simulator under test (apart from a developer's running instance).
 * E2E_PORT_OFFSET moves both, so two checkouts can run their browser tests at once.
 */
const PORT_OFFSET = Number(process.env.E2E_PORT_OFFSET ?? 0);
export const APP_PORT = 3100 + PORT_OFFSET;
export const SIMULATOR_PORT = 4100 + PORT_OFFSET;
/** A second app, for the account tests: creating accounts there must not lock the main suite out. */
export const ACCOUNTS_APP_PORT = 3101 + PORT_OFFSET;
export const ACCOUNTS_SIMULATOR_PORT = 4101 + PORT_OFFSET;
/** The app under test takes documents up to 4 MiB, and reads at most 12K tokens of them whole. */
export const DOCUMENT_MAX_BYTES_UNDER_TEST = 4 * 1024 * 1024;
export const DOCUMENT_WINDOW_TOKENS_UNDER_TEST = 12_000;

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
    {
      name: "desktop",
      testIgnore: /accounts\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 860 } },
    },
    {
      name: "accounts",
      testMatch: /accounts\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 860 }, baseURL: `http://127.0.0.1:${ACCOUNTS_APP_PORT}` },
    },
  ],
  // Started one after the other: the first builds the app if needed, the second reuses the build.
  webServer: [
    appServer({ port: APP_PORT, simulatorPort: SIMULATOR_PORT, dataDir: "e2e/.artifacts/data" }),
    appServer({ port: ACCOUNTS_APP_PORT, simulatorPort: ACCOUNTS_SIMULATOR_PORT, dataDir: "e2e/.artifacts/data-accounts" }),
  ],
});

/**
 * The real start-up path: build if needed, migrate a fresh database, start the simulator (with
 * its test-only controls) and the app.
 */
function appServer({ port, simulatorPort, dataDir }: { port: number; simulatorPort: number; dataDir: string }) {
  return {
    command: `rm -rf ${dataDir} && npm start`,
    url: `http://127.0.0.1:${port}/api/conversations`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe" as const,
    stderr: "pipe" as const,
    env: {
      PORT: String(port),
      DATA_DIR: dataDir,
      SIMULATOR_PORT: String(simulatorPort),
      SIMULATOR_SPEED: "5",
      SIMULATOR_TEST_CONTROLS: "1",
      // Whatever the machine has configured, the tests talk to the simulator.
      V4_BACKEND: "simulator",
      // Documents: a small upload limit and window, so the bad-file and over-window tests stay small.
      DOCUMENT_MAX_BYTES: String(DOCUMENT_MAX_BYTES_UNDER_TEST),
      DOCUMENT_WINDOW_TOKENS: String(DOCUMENT_WINDOW_TOKENS_UNDER_TEST),
    },
  };
}
