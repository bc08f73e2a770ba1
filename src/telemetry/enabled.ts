/**
 * Whether usage telemetry is on. Kept apart from the rest of `src/telemetry` so the
 * chat can ask without loading OpenTelemetry: when this says no, nothing else is imported.
 */

/** `CHATMETER_TELEMETRY` values that turn telemetry on and off (compared lower-case). */
const ON = new Set(['1', 'true', 'yes', 'on']);
const OFF = new Set(['0', 'false', 'no', 'off']);

/**
 * True when `CHATMETER_TELEMETRY` turns telemetry on, or is unset (or blank) and the config's
 * `telemetry.enabled` is true. The environment wins over the config file in both directions.
 */
export function telemetryEnabled(env: NodeJS.ProcessEnv, configEnabled: boolean): boolean {
  const value = env.CHATMETER_TELEMETRY?.trim().toLowerCase();
  if (value && ON.has(value)) return true;
  if (value && OFF.has(value)) return false;
  return configEnabled;
}
