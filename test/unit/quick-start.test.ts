import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

/** The command lines of the README's Quick start block. */
function quickStartLines(): string[] {
  const section = read('README.md').split('## Quick start')[1] ?? '';
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block.split('\n').filter((line) => line.trim() !== '');
}

describe('README Quick start', () => {
  it('should have exactly two command lines: run the gateway, run the tests', () => {
    const lines = quickStartLines();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('npm ci && npm start');
  });

  it('should be what CI runs, so CI runs nothing weaker than the README promises', () => {
    const ciLines = read('.ci/run')
      .split('\n')
      .filter(
        (line) =>
          line.trim() !== '' &&
          !line.startsWith('#') &&
          !line.startsWith('set ') &&
          !line.startsWith('cd '),
      );
    expect(ciLines).toEqual([quickStartLines()[1]]);
  });
});
