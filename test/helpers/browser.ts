/**
 * End-to-end helpers: build the app once into a temporary folder, serve it with the real
 * `cathodelab serve` command on a free loopback port, and drive Debian's Chromium through playwright-core.
 * In CI (CI=true) a missing Chromium is a failure; elsewhere the browser tests are skipped with a reason.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CATHODELAB_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Why browser tests cannot run here, or undefined when they can. Throws in CI: there they must run. */
export function browserUnavailable(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  const why = `Chromium not found at ${CHROMIUM} (apt-get install chromium; CI installs it from .ci/apt-packages)`;
  if (process.env.CI === 'true') throw new Error(why);
  return why;
}

/** Builds the app with Vite into a fresh temporary folder; returns the folder. */
export function buildApp(): string {
  const out = mkdtempSync(join(tmpdir(), 'cathodelab-web-'));
  const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--outDir', out, '--logLevel', 'warn'], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`web build failed (exit ${r.status}):\n${r.stderr}\n${r.stdout}`);
  return out;
}

export interface Served {
  url: string;
  stop(): Promise<void>;
}

/** Starts `cathodelab serve --port 0 --dir <dir>` and waits for its URL. */
export async function serve(dir: string): Promise<Served> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/node/cli/main.ts', 'serve', '--port', '0', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`serve printed no URL in 20 s; stdout ${out} stderr ${err}`)), 20_000);
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (c: string) => (err += c));
    child.stdout?.on('data', (c: string) => {
      out += c;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`serve exited with ${code}: ${err}`)); });
  });
  return {
    url,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
  /** Every request the pages made: method and URL (to check nothing leaves the machine). */
  requests: string[];
  close(): Promise<void>;
}

export async function openBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'cathodelab-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  const requests: string[] = [];
  const watch = (p: Page): void => {
    p.on('request', (r) => { requests.push(`${r.method()} ${r.url()}`); });
    p.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()} @ ${m.location().url}:${m.location().lineNumber}`); });
    p.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  // Fail fast: nothing in the app should take seconds, and a broken page should not cost 30 s per step.
  context.setDefaultTimeout(10_000);
  return {
    context,
    page,
    errors,
    requests,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * How much of a screenshot is not background: the share of sampled pixels that differ from the
 * most common colour, and the number of distinct colours. Decoded by the browser itself (a canvas
 * in a blank page), so no PNG decoder is needed here.
 */
export async function screenshotContent(context: BrowserContext, png: Buffer): Promise<{ nonBackground: number; colours: number }> {
  const p = await context.newPage();
  try {
    return await p.evaluate(async (b64: string) => {
      const img = new Image();
      await new Promise((ok, bad) => { img.onload = ok; img.onerror = bad; img.src = `data:image/png;base64,${b64}`; });
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d') as CanvasRenderingContext2D;
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      const counts = new Map<number, number>();
      let n = 0;
      for (let i = 0; i < d.length; i += 4 * 7) {
        const key = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
        counts.set(key, (counts.get(key) ?? 0) + 1);
        n++;
      }
      const top = Math.max(...counts.values());
      return { nonBackground: 1 - top / n, colours: counts.size };
    }, png.toString('base64'));
  } finally {
    await p.close();
  }
}
