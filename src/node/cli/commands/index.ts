/**
 * Every CLI command, one module each. A module exports `register(program)`, which adds its command
 * (with options, a description and an example in its help) to the program.
 */
import type { Command } from 'commander';
import { register as registerDesign } from './design.js';
import { register as registerMaterials } from './materials.js';
import { register as registerServe } from './serve.js';
import { register as registerImport } from './import.js';

type Register = (program: Command) => void;

const registrations: Register[] = [
  // one line per command module, in the order `cathodelab --help` lists them
  registerDesign,
  registerMaterials,
  registerServe,
  registerImport,
];

export function registerAllCommands(program: Command): void {
  for (const register of registrations) register(program);
}
