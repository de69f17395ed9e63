/** cathodelab's Node-only API: file reading, output, the CLI. Re-exports only. */
export * from './node/io/read-input.js';
export * from './node/io/file-source.js';
export * from './node/io/read-measurement-file.js';
export { runCli, buildProgram } from './node/cli/main.js';
export { writeFileAtomic, printJson, formatTable } from './node/cli/output.js';
export { streamSummary, streamMptSummary, canStream } from './node/io/stream-summary.js';
export type { StreamedImport } from './node/io/stream-summary.js';
