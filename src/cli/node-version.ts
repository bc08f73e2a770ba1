/**
 * The oldest Node.js chatmeter runs on: `node:sqlite` without a flag arrived in 22.13, and the
 * OpenTelemetry JS SDK behind usage telemetry (sdk-metrics 3, OTLP exporters 0.30x) needs 22.15.
 */
export const MIN_NODE_VERSION = '22.15.0';

/**
 * The one-line problem with running on Node `version` (`process.versions.node`, e.g. `20.20.2`),
 * or null when it is recent enough.
 */
export function nodeVersionProblem(version: string): string | null {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 15)) return null;
  return `chatmeter needs Node.js ${MIN_NODE_VERSION} or later; this is ${version}. Install a newer Node (e.g. npm install node@24) and run it again.`;
}
