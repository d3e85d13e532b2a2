import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KERNEL_BIN } from '../protocol/client.js';

describe('tsml CLI', () => {
  it('installs a kernelspec with logo into a prefix', () => {
    const prefix = mkdtempSync(join(tmpdir(), 'tsml-prefix-'));
    const out = execFileSync(process.execPath, [KERNEL_BIN, 'install', '--prefix', prefix, '--name', 'tsml-test', '--display-name', 'TS test'], { encoding: 'utf8' });
    const dir = join(prefix, 'share', 'jupyter', 'kernels', 'tsml-test');
    expect(out).toContain(dir);
    const spec = JSON.parse(readFileSync(join(dir, 'kernel.json'), 'utf8'));
    expect(spec).toMatchObject({ display_name: 'TS test', language: 'typescript', interrupt_mode: 'message' });
    expect(spec.argv).toEqual([process.execPath, KERNEL_BIN, 'kernel', '{connection_file}']);
    expect(existsSync(join(dir, 'logo-svg.svg'))).toBe(true);
    expect(existsSync(join(dir, 'logo-64x64.png'))).toBe(true);
  });

  it('prints its version and rejects bad options with a clear message', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../kernel/package.json', import.meta.url), 'utf8'));
    expect(execFileSync(process.execPath, [KERNEL_BIN, '--version'], { encoding: 'utf8' }).trim()).toBe(pkg.version);
    let err = '';
    try {
      execFileSync(process.execPath, [KERNEL_BIN, 'install', '--interrupt-mode', 'sometimes'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      err = String((e as { stderr: string }).stderr);
    }
    expect(err).toMatch(/--interrupt-mode must be message or signal/);
  });

  it('fails with a message when the connection file is missing', () => {
    let err = '';
    try {
      execFileSync(process.execPath, [KERNEL_BIN, 'kernel', '/nonexistent/conn.json'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      err = String((e as { stderr: string }).stderr);
    }
    expect(err).toMatch(/cannot read connection file \/nonexistent\/conn.json/);
  });
});
