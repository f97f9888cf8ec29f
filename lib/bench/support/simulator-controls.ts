// The simulator's test-only controls (the benchmark's simulator runs with SIMULATOR_TEST_CONTROLS=1).

/** Makes the next request whose last user message contains `match` answer exactly `content`. */
export async function scriptAnswer(simulatorUrl: string, match: string, content: string, reasoning = ""): Promise<void> {
  const response = await fetch(`${simulatorUrl}/__sim/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ match, fault: { kind: "script", content, reasoning }, times: 2 }),
  });
  if (!response.ok) throw new Error(`could not script the answer: ${response.status} ${await response.text()}`);
}
