/**
 * The time intervals of exported points: a backfill stamps each session's span, and live delta
 * exports start where the previous export ended (the SDK starts a delta point at its first
 * measurement, which chatmeter records just before collecting: a zero-width interval).
 */
import type { HrTime } from '@opentelemetry/api';
import { DataPointType, type MetricData, type ResourceMetrics } from '@opentelemetry/sdk-metrics';

/** `metric` with every point's interval start set to `startTime`, and its end to `endTime` if given. */
export function restamped(metric: MetricData, startTime: HrTime, endTime?: HrTime): MetricData {
  const dataPoints = metric.dataPoints.map((point) => ({
    ...point,
    startTime,
    endTime: endTime ?? point.endTime,
  }));
  return { ...metric, dataPoints } as MetricData;
}

const later = (a: HrTime, b: HrTime): HrTime => (a[0] > b[0] || (a[0] === b[0] && a[1] >= b[1]) ? a : b);

/**
 * `metrics` with every sum and histogram point starting at `startTime` (gauges have no
 * interval), and the latest end among the points (`startTime` when there is none): where the
 * next delta export starts.
 */
export function startingAt(
  metrics: ResourceMetrics,
  startTime: HrTime,
): { metrics: ResourceMetrics; endTime: HrTime } {
  let endTime = startTime;
  const scopeMetrics = metrics.scopeMetrics.map((scope) => ({
    ...scope,
    metrics: scope.metrics.map((metric) => {
      for (const point of metric.dataPoints) endTime = later(endTime, point.endTime);
      return metric.dataPointType === DataPointType.GAUGE ? metric : restamped(metric, startTime);
    }),
  }));
  return { metrics: { ...metrics, scopeMetrics }, endTime };
}
