/**
 * mdb-reader's browser build (Arbin .res) calls the global `Buffer`, which browsers lack; the `buffer`
 * package provides the same class. Imported first by the file-reading worker.
 */
import { Buffer } from 'buffer';

const g = globalThis as { Buffer?: unknown };
if (g.Buffer === undefined) g.Buffer = Buffer;
