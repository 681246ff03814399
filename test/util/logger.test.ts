// The logger's terminal lines, from a child process as the CLI writes them.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { repoPath } from '../../src/util/repo-path.js';

describe('createLogger on the terminal', () => {
  it('shows control and bidi characters in messages, fields and errors as escapes', () => {
    const logger = pathToFileURL(repoPath('dist', 'src', 'util', 'logger.js')).href;
    const script = `
      const { createLogger } = await import(${JSON.stringify(logger)});
      const log = createLogger({ level: 'info' });
      log.error({ err: new Error('bad URL "\\u001b[2J\\u202eX"'), reason: 'r\\u009b\\u2067' }, 'tick \\u001b]0;t\\u0007 failed');`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
    expect(r.stderr).toContain('tick \\u001b]0;t\\u0007 failed');
    expect(r.stderr).toContain('\\u202eX');
    expect(r.stderr).toContain('r\\u009b\\u2067');
  });
});
