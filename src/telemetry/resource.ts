/** The OpenTelemetry resource of chatmeter's metrics: who sends them. */
import { userInfo } from 'node:os';
import { type Resource, resourceFromAttributes } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { ATTR_USER_NAME } from '@opentelemetry/semantic-conventions/incubating';
import type { OtlpSettings } from './otlp-env';

/** The OS login name, or undefined where the system cannot tell. */
function loginName(): string | undefined {
  try {
    return userInfo().username || undefined;
  } catch {
    // No passwd entry (a container's arbitrary uid): the attribute is left out.
    return undefined;
  }
}

/**
 * `service.name` (`OTEL_SERVICE_NAME`, else chatmeter), `service.version`, `user.name` (the OS
 * login; `OTEL_RESOURCE_ATTRIBUTES=user.name=...` replaces it) and every attribute of
 * `OTEL_RESOURCE_ATTRIBUTES` (team, department...).
 */
export function chatmeterResource(settings: OtlpSettings, chatmeterVersion: string): Resource {
  const user = loginName();
  return resourceFromAttributes({
    ...(user === undefined ? {} : { [ATTR_USER_NAME]: user }),
    [ATTR_SERVICE_VERSION]: chatmeterVersion,
    ...settings.resourceAttributes,
    [ATTR_SERVICE_NAME]: settings.serviceName,
  });
}
