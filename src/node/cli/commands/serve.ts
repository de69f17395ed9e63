/**
 * `cathodelab serve`: serves the built browser app (web/dist) on this machine only (127.0.0.1) unless
 * --host says otherwise. Measurement files dropped on the page are parsed in the browser; the server
 * only hands out the app's static files. If the app is not built yet and Vite is installed (a source
 * checkout), it is built first.
 */
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { CathodeLabError, InputError } from '../../../core/errors.js';
import { startStaticServer } from '../../web/static-server.js';

interface ServeOptions {
  port: string;
  host: string;
  dir?: string;
  build: boolean;
}

/** The folder holding cathodelab's package.json, found from this file's location (src/ or dist/). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj)) {
      try {
        if ((JSON.parse(readFileSync(pj, 'utf8')) as { name?: string }).name === 'cathodelab') return dir;
      } catch { /* not ours; keep looking */ }
    }
    dir = dirname(dir);
  }
  return process.cwd();
}

export function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < 0 || n > 65535) {
    throw new InputError({ field: '--port' }, 'an integer port from 0 to 65535 (0 picks a free one)', `'${value}'`);
  }
  return n;
}

/** Builds web/dist with Vite when it is missing, or says how to. */
function ensureBuilt(root: string, dist: string, allowBuild: boolean): void {
  if (existsSync(join(dist, 'index.html'))) return;
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const config = join(root, 'web', 'vite.config.ts');
  if (!allowBuild || !existsSync(vite) || !existsSync(config)) {
    throw new CathodeLabError('NOT_BUILT', `the browser app is not built (${dist} has no index.html); run \`npm run build:web\` first`);
  }
  process.stderr.write('web/dist is missing; building the app first (npm run build:web)…\n');
  const r = spawnSync(process.execPath, [vite, 'build', '--config', config, '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0 || !existsSync(join(dist, 'index.html'))) {
    throw new CathodeLabError('NOT_BUILT', `building the browser app failed (exit ${r.status}); run \`npm run build:web\` to see why`);
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function register(program: Command): void {
  program
    .command('serve')
    .description('serve the browser app (designer, data, simulator) on this machine; files you open are parsed in the browser, never uploaded')
    .option('--port <n>', 'port to listen on (0 picks a free one)', '8417')
    .option('--host <address>', 'interface to listen on; the default is this machine only', '127.0.0.1')
    .option('--dir <path>', 'folder to serve instead of the built app (web/dist)')
    .option('--no-build', 'do not build the app when web/dist is missing')
    .addHelpText('after', '\nExample:\n  cathodelab serve --port 8417    # then open http://127.0.0.1:8417/\n')
    .action(async (opts: ServeOptions) => {
      const port = parsePort(opts.port);
      const root = packageRoot();
      const dist = opts.dir ? resolve(opts.dir) : join(root, 'web', 'dist');
      if (opts.dir) {
        if (!existsSync(dist)) throw new InputError({ field: '--dir' }, 'an existing folder', `'${opts.dir}' (no such folder)`);
      } else {
        ensureBuilt(root, dist, opts.build);
      }
      let running;
      try {
        running = await startStaticServer({ root: dist, host: opts.host, port });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new InputError({ field: '--port' }, 'a free port', `port ${port} is in use`);
        if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new InputError({ field: '--host' }, 'an address of this machine', `'${opts.host}'`);
        throw e;
      }
      const warn = LOOPBACK.has(opts.host) ? '' : ' (reachable from other machines)';
      process.stdout.write(`cathodelab app: ${running.url}${warn} — serving ${dist}; Ctrl+C to stop\n`);
      await new Promise<void>((done) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void running.close().then(done);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
