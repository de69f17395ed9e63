/**
 * Every CLI command, one module each. A module exports `register(program)`, which adds its command
 * (with options, a description and an example in its help) to the program.
 */
import type { Command } from 'commander';
import { register as registerDesign } from './design.js';
import { register as registerMaterials } from './materials.js';
import { register as registerElectrode } from './electrode.js';
import { register as registerServe } from './serve.js';
import { register as registerImport } from './import.js';
import { register as registerSimulate } from './simulate.js';
import { register as registerGitt } from './gitt.js';
import { register as registerCv } from './cv.js';
import { register as registerCycles } from './cycles.js';
import { register as registerRate } from './rate.js';
import { register as registerDqdv } from './dqdv.js';
import { register as registerXrd } from './xrd.js';
import { register as registerEis } from './eis.js';
import { register as registerArrhenius } from './arrhenius.js';
import { register as registerStudy } from './study.js';

type Register = (program: Command) => void;

const registrations: Register[] = [
  // one line per command module, in the order `cathodelab --help` lists them
  registerDesign,
  registerElectrode,
  registerMaterials,
  registerServe,
  registerImport,
  registerGitt,
  registerCv,
  registerCycles,
  registerRate,
  registerDqdv,
  registerXrd,
  registerEis,
  registerArrhenius,
  registerSimulate,
  registerStudy,
];

export function registerAllCommands(program: Command): void {
  for (const register of registrations) register(program);
}
