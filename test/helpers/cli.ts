/** Runs the real CLI in a child process (TypeScript through tsx), as a user would. */
import { spawnSync } from 'node:child_process';

export interface CliRun { code: number; stdout: string; stderr: string }

export function runCliProcess(args: string[], options: { input?: string; cwd?: string; timeoutMs?: number } = {}): CliRun {
  const r = spawnSync(process.execPath, ['--import', 'tsx', `${process.cwd()}/src/node/cli/main.ts`, ...args], {
    encoding: 'utf8',
    input: options.input,
    cwd: options.cwd ?? process.cwd(),
    timeout: options.timeoutMs ?? 120_000,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
