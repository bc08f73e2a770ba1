import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { usePtyCli } from '../helpers/pty-suite';

const pty = usePtyCli();

/** Preloaded into the CLI: on exit, writes the Node internals it loaded to CHATMETER_HOME. */
const HOOK = `data:text/javascript,${encodeURIComponent(
  "import { writeFileSync } from 'node:fs';" +
    "process.on('exit', () => writeFileSync(process.env.CHATMETER_HOME + '/modules.txt', process.moduleLoadList.join('\\n')));",
)}`;

describe('the interactive chat', () => {
  it('draws its first frame and ends a mock session without loading Node’s HTTP client', async () => {
    const cli = pty.start({ env: { NODE_OPTIONS: `--import=${HOOK}` } });
    await cli.waitForText(/MOCK \| mock\/mock/);
    cli.press('ctrl+c');
    expect(await cli.exited()).toBe(0);
    const modules = readFileSync(join(cli.home, 'modules.txt'), 'utf8').split('\n');
    expect(modules).toContain('NativeModule internal/tty');
    expect(modules.filter((name) => /undici/.test(name))).toEqual([]);
  });
});
