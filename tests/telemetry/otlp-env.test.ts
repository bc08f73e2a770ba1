import { describe, expect, it } from 'vitest';
import { providerEndpoint } from '../../src/telemetry/attributes';
import { telemetryEnabled } from '../../src/telemetry/enabled';
import { otlpSettingsFromEnv, parseKeyValueList } from '../../src/telemetry/otlp-env';

describe('otlpSettingsFromEnv', () => {
  it('defaults to a local collector over http/protobuf, delta, with session ids', () => {
    expect(otlpSettingsFromEnv({})).toEqual({
      url: 'http://localhost:4318/v1/metrics',
      displayUrl: 'http://localhost:4318/v1/metrics',
      protocol: 'http/protobuf',
      headers: {},
      timeoutMs: 10_000,
      intervalMs: 60_000,
      temporality: 'delta',
      includeSessionId: true,
      serviceName: 'chatmeter',
      resourceAttributes: {},
      problems: [],
    });
  });

  it.each([
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example.com:4318/' },
      'https://otel.example.com:4318/v1/metrics',
    ],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318/base' }, 'http://c:4318/base/v1/metrics'],
    [
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318',
        OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://b:9/ingest',
      },
      'http://b:9/ingest',
    ],
  ])('takes the endpoint from %o', (env, url) => {
    expect(otlpSettingsFromEnv(env).url).toBe(url);
  });

  it.each([
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318/base/?token=QSECRET' },
      'http://c:4318/base/v1/metrics?token=QSECRET',
      'http://c:4318/base/v1/metrics?***',
    ],
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://user:PASSWORD@127.0.0.1:42009' },
      'http://user:PASSWORD@127.0.0.1:42009/v1/metrics',
      'http://***@127.0.0.1:42009/v1/metrics',
    ],
    [
      { OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'https://u:p@a@b:9/ingest?k=v&t=QSECRET' },
      'https://u:p@a@b:9/ingest?k=v&t=QSECRET',
      'https://***@b:9/ingest?***',
    ],
  ])(
    'appends /v1/metrics to the path of %o, keeping the query, and hides credentials when printed',
    (env, url, displayUrl) => {
      expect(otlpSettingsFromEnv(env)).toMatchObject({ url, displayUrl, problems: [] });
    },
  );

  it('reads the standard variables, the metrics-specific ones winning', () => {
    const settings = otlpSettingsFromEnv({
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=abc%3D%3D,x-team=a',
      OTEL_EXPORTER_OTLP_METRICS_HEADERS: 'x-team=b',
      OTEL_EXPORTER_OTLP_TIMEOUT: '5000',
      OTEL_METRIC_EXPORT_INTERVAL: '15000',
      OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'Cumulative',
      OTEL_METRICS_INCLUDE_SESSION_ID: 'false',
      OTEL_SERVICE_NAME: 'chat-cli',
      OTEL_RESOURCE_ATTRIBUTES: 'team=platform, department=R%26D,broken',
    });
    expect(settings).toMatchObject({
      protocol: 'http/json',
      headers: { 'x-api-key': 'abc==', 'x-team': 'b' },
      timeoutMs: 5000,
      intervalMs: 15_000,
      temporality: 'cumulative',
      includeSessionId: false,
      serviceName: 'chat-cli',
      resourceAttributes: { team: 'platform', department: 'R&D' },
      problems: [],
    });
  });

  it.each([
    [
      { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' },
      'OTEL_EXPORTER_OTLP_PROTOCOL=grpc is not supported: chatmeter sends OTLP over HTTP (http/protobuf or http/json); using http/protobuf.',
    ],
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'localhost:4317' },
      'OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL such as http://localhost:4318 (it is "localhost:4317"); using http://localhost:4318.',
    ],
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'user:PASSWORD@collector:4318?token=QSECRET' },
      'OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL such as http://localhost:4318 (it is "***@collector:4318?***"); using http://localhost:4318.',
    ],
    [
      { OTEL_METRIC_EXPORT_INTERVAL: '1.5s' },
      'OTEL_METRIC_EXPORT_INTERVAL must be a whole number of milliseconds above 0 (it is "1.5s"); using 60000.',
    ],
    [
      { OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'sometimes' },
      'OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE must be delta or cumulative (it is "sometimes"); using delta.',
    ],
  ])('names the problem with %o and uses the default', (env, problem) => {
    expect(otlpSettingsFromEnv(env).problems).toEqual([problem]);
  });

  it('keeps a value that is not percent-encoded as written', () => {
    expect(parseKeyValueList('a=100%,b=%41')).toEqual({ a: '100%', b: 'A' });
  });
});

describe('providerEndpoint', () => {
  it.each([
    ['openai', undefined, { providerName: 'openai', address: 'api.openai.com', port: 443 }],
    [
      'anthropic',
      undefined,
      { providerName: 'anthropic', address: 'api.anthropic.com', port: 443 },
    ],
    ['openai', 'https://api.x.ai/v1', { providerName: 'x_ai', address: 'api.x.ai', port: 443 }],
    [
      'openai',
      'https://generativelanguage.googleapis.com/v1beta/openai/',
      { providerName: 'gcp.gemini', address: 'generativelanguage.googleapis.com', port: 443 },
    ],
    [
      'openai',
      'https://api.deepseek.com',
      { providerName: 'deepseek', address: 'api.deepseek.com', port: 443 },
    ],
    [
      'openai',
      'http://localhost:11434/v1',
      { providerName: 'openai', address: 'localhost', port: 11434 },
    ],
    ['openai', 'http://[::1]/v1', { providerName: 'openai', address: '::1', port: 80 }],
    [
      'anthropic',
      'https://proxy.internal:8443',
      { providerName: 'anthropic', address: 'proxy.internal', port: 8443 },
    ],
  ])('%s at %s is %o', (provider, baseUrl, endpoint) => {
    expect(providerEndpoint(provider, baseUrl)).toEqual(endpoint);
  });
});

describe('telemetryEnabled', () => {
  it.each([
    [{}, false, false],
    [{}, true, true],
    [{ CHATMETER_TELEMETRY: '1' }, false, true],
    [{ CHATMETER_TELEMETRY: 'true' }, false, true],
    [{ CHATMETER_TELEMETRY: '0' }, true, false],
    [{ CHATMETER_TELEMETRY: 'off' }, true, false],
    [{ CHATMETER_TELEMETRY: ' ' }, true, true],
  ])('is on for %o with the config saying %s: %s', (env, config, on) => {
    expect(telemetryEnabled(env, config)).toBe(on);
  });
});
