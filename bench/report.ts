import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { format, resolveConfig } from 'prettier';

/** One replaceable part of `BENCHMARKS.md`, kept between `<!-- bench:<id> -->` markers. */
export interface ReportSection {
  id: string;
  /** The section's Markdown, starting with its heading. */
  markdown: string;
}

const start = (id: string) => `<!-- bench:${id} -->`;
const end = (id: string) => `<!-- /bench:${id} -->`;

/**
 * Writes `sections` into the Markdown file at `path`: a section already in the file is replaced
 * in place, a new one is appended, every other part of the file is kept. A missing file is
 * created with `header` first. The result is formatted with the project's Prettier settings, so
 * the file stays as `prettier --check` wants it.
 *
 * @throws when the file cannot be read or written, or a section's end marker is missing.
 */
export async function writeReport(
  path: string,
  header: string,
  sections: readonly ReportSection[],
): Promise<void> {
  let text = existsSync(path) ? await readFile(path, 'utf8') : `${header.trim()}\n`;
  for (const section of sections) {
    const block = `${start(section.id)}\n\n${section.markdown.trim()}\n\n${end(section.id)}`;
    const from = text.indexOf(start(section.id));
    if (from === -1) {
      text = `${text.trimEnd()}\n\n${block}\n`;
      continue;
    }
    const to = text.indexOf(end(section.id), from);
    if (to === -1) throw new Error(`${path}: ${start(section.id)} has no ${end(section.id)}`);
    text = `${text.slice(0, from)}${block}${text.slice(to + end(section.id).length)}`;
  }
  const options = (await resolveConfig(path)) ?? {};
  await writeFile(path, await format(text, { ...options, filepath: path }));
}
