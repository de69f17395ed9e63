#!/usr/bin/env node
// The installed entry point: runs the compiled CLI (dist/ is built by `npm ci` through `prepare`).
import { runCli } from '../dist/node/cli/main.js';

runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
