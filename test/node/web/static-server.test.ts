import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { startStaticServer, resolveRequestPath, type RunningServer } from '../../../src/node/web/static-server.js';

// A root folder with an app, and a secret file beside it that no request may reach.
const base = mkdtempSync(join(tmpdir(), 'cathodelab-static-'));
const root = join(base, 'dist');
const SECRET = 'top-secret-not-for-http';
mkdirSync(join(root, 'assets'), { recursive: true });
mkdirSync(join(root, 'sub'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
writeFileSync(join(root, 'assets', 'main-abc.js'), 'console.log(1)');
writeFileSync(join(root, 'assets', 'style.css'), 'body{}');
writeFileSync(join(root, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
writeFileSync(join(root, 'sub', 'index.html'), 'sub index');
writeFileSync(join(base, 'secret.txt'), SECRET);
symlinkSync(join(base, 'secret.txt'), join(root, 'link.txt'));

let srv: RunningServer;
before(async () => {
  srv = await startStaticServer({ root });
});
after(async () => {
  await srv.close();
  rmSync(base, { recursive: true, force: true });
});

/** A raw request: the path goes to the server exactly as written (fetch would normalise `..`). */
function get(path: string, method = 'GET'): Promise<{ status: number; type: string; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: srv.port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('listens on 127.0.0.1 only by default', () => {
  const addr = srv.server.address();
  assert.ok(addr !== null && typeof addr === 'object');
  assert.equal(addr.address, '127.0.0.1');
  assert.equal(srv.url, `http://127.0.0.1:${srv.port}/`);
});

test('serves files with the right MIME types; / and folders give index.html', async () => {
  const cases: [string, string, string][] = [
    ['/', 'text/html; charset=utf-8', '<!doctype html><title>app</title>'],
    ['/index.html?x=1', 'text/html; charset=utf-8', '<!doctype html><title>app</title>'],
    ['/assets/main-abc.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
    ['/assets/style.css', 'text/css; charset=utf-8', 'body{}'],
    ['/icon.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"/>'],
    ['/sub/', 'text/html; charset=utf-8', 'sub index'],
  ];
  for (const [path, type, body] of cases) {
    const r = await get(path);
    assert.equal(r.status, 200, path);
    assert.equal(r.type, type, path);
    assert.equal(r.body, body, path);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.match(String(r.headers['content-security-policy']), /default-src 'self'/);
  }
  const head = await get('/assets/main-abc.js', 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.headers['content-length'], '14');
  assert.equal(head.body, '');
});

test('no path traversal: .., encoded dots and slashes, backslashes, NUL and symlinks out of the root are refused', async () => {
  const attacks = [
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/%5c..%5csecret.txt',
    '/secret.txt%00.html',
    '/link.txt',
    '//etc/passwd',
    '/%',
  ];
  for (const path of attacks) {
    const r = await get(path);
    assert.ok([400, 403, 404].includes(r.status), `${path} → ${r.status}`);
    assert.ok(!r.body.includes(SECRET), `${path} leaked the secret`);
  }
  assert.equal((await get('/missing.js')).status, 404);
});

test('only GET and HEAD', async () => {
  const r = await get('/', 'POST');
  assert.equal(r.status, 405);
  assert.equal(r.headers.allow, 'GET, HEAD');
});

test('resolveRequestPath keeps every resolved file inside the root', () => {
  assert.deepEqual(resolveRequestPath(root, '/../x'), { status: 403 });
  assert.deepEqual(resolveRequestPath(root, '/a\\..\\x'), { status: 400 });
  const ok = resolveRequestPath(root, '/assets/main-abc.js');
  assert.ok('file' in ok && ok.file.endsWith(join('dist', 'assets', 'main-abc.js')));
});
