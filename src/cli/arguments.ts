import { InvalidArgumentError } from 'commander';
import { BASE_URL_EXAMPLE, isHttpUrl } from '../core/http-url';
import { modelIdProblem } from '../core/model-id';

/** Commander parser of a whole number > 0 (`--max-tokens`, `--timeout`, `--top`). */
export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('Expected a positive integer.');
  return n;
}

/** Commander parser of a TCP port, 0 to 65535 (0: the system picks a free one). */
export function portNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new InvalidArgumentError('Expected a port number from 0 to 65535 (0 picks a free one).');
  }
  return n;
}

/** Commander parser of an amount in USD as decimal text (`--budget`, `--fail-over`). */
export function usdAmount(value: string): string {
  if (!/^\d+(\.\d+)?$/.test(value.trim())) {
    throw new InvalidArgumentError('Expected an amount in USD such as 5 or 0.25.');
  }
  return value.trim();
}

/** Commander parser of a model id: refuses ids with control characters or spaces. */
export function modelId(value: string): string {
  const problem = modelIdProblem(value);
  if (problem) throw new InvalidArgumentError(`The ${problem}`);
  return value;
}

/** Commander parser of an http(s) URL (`--base-url`, the proxy upstreams). */
export function httpUrl(value: string): string {
  if (!isHttpUrl(value)) {
    throw new InvalidArgumentError(`Expected an http(s) URL such as ${BASE_URL_EXAMPLE}.`);
  }
  return value.trim();
}
