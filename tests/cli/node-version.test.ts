import { describe, expect, it } from 'vitest';
import { nodeVersionProblem } from '../../src/cli/node-version';

describe('nodeVersionProblem', () => {
  it.each(['22.15.0', '22.20.1', '23.0.0', '24.21.0', '30.1.2'])('accepts Node %s', (version) => {
    expect(nodeVersionProblem(version)).toBeNull();
  });

  it.each(['20.20.2', '22.12.0', '22.14.0', '18.0.0'])('names the version needed on Node %s', (version) => {
    expect(nodeVersionProblem(version)).toBe(
      `chatmeter needs Node.js 22.15.0 or later; this is ${version}. Install a newer Node (e.g. npm install node@24) and run it again.`,
    );
  });
});
