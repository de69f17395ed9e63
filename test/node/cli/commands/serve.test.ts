import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliProcess } from '../../../helpers/cli.js';

test('cathodelab serve prints its loopback URL and serves the folder until stopped', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cathodelab-serve-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><p>hello</p>');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/node/cli/main.ts', 'serve', '--port', '0', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no URL printed; stdout: ${out}`)), 20_000);
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (c: string) => {
        out += c;
        const m = /cathodelab app: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (m) { clearTimeout(timer); resolve(m[1]); }
      });
      child.on('exit', (code) => reject(new Error(`serve exited early with ${code}`)));
    });
    const res = await fetch(url);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(await res.text(), '<!doctype html><p>hello</p>');
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cathodelab serve: a bad port or a missing folder is one line of error', () => {
  const r = runCliProcess(['serve', '--port', '70000']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr.trim(), "error: field '--port': expected an integer port from 0 to 65535 (0 picks a free one), found '70000'");
  const d = runCliProcess(['serve', '--dir', '/nonexistent/cathodelab-dist']);
  assert.equal(d.code, 1);
  assert.match(d.stderr.trim(), /^error: field '--dir': expected an existing folder/);
});
