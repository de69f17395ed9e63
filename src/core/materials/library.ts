/**
 * A set of materials looked up by id: the built-in library, optionally extended (or overridden, id
 * for id) by a user's material file. Lookups name the design-file field on failure.
 */
import { InputError, UnknownNameError, type InputLocation } from '../errors.js';
import { parseStructuredText } from '../design/structured-text.js';
import { validateWithSchema } from '../design/schema-errors.js';
import { BUILTIN_MATERIALS } from './builtin.js';
import { materialFileSchema } from './schema.js';
import type { Material, MaterialKind } from './types.js';

export type MaterialOrigin = 'built-in' | string;

export interface LibraryEntry {
  material: Material;
  /** "built-in" or the file the material came from. */
  origin: MaterialOrigin;
}

/** The material types whose kind overlaps K (MetalFoil's kind is itself a union). */
export type OfKind<K extends MaterialKind> = Material extends infer M
  ? M extends { kind: infer MK } ? ([Extract<MK, K>] extends [never] ? never : M) : never
  : never;

export class MaterialLibrary {
  private readonly byId: Map<string, LibraryEntry>;

  constructor(entries: Iterable<LibraryEntry>) {
    this.byId = new Map();
    for (const e of entries) this.byId.set(e.material.id, e);
  }

  static builtin(): MaterialLibrary {
    return new MaterialLibrary(BUILTIN_MATERIALS.map((material) => ({ material, origin: 'built-in' })));
  }

  /** A new library with the given materials added; a material with an existing id replaces it. */
  extend(materials: readonly Material[], origin: string): MaterialLibrary {
    return new MaterialLibrary([...this.byId.values(), ...materials.map((material) => ({ material, origin }))]);
  }

  /** Parses and validates a user material file (JSON or YAML text) and returns the extended library. */
  extendFromText(text: string, fileName: string): MaterialLibrary {
    const data = validateWithSchema(materialFileSchema, parseStructuredText(text, fileName), fileName);
    const seen = new Set<string>();
    data.materials.forEach((m, i) => {
      if (seen.has(m.id)) throw new InputError({ file: fileName, field: `materials[${i}].id` }, 'ids unique within the file', `"${m.id}" a second time`);
      seen.add(m.id);
    });
    return this.extend(data.materials, fileName);
  }

  entries(): LibraryEntry[] {
    return [...this.byId.values()];
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The material with this id, or UnknownNameError listing the known ids. */
  get(id: string, location: InputLocation = {}): Material {
    const e = this.byId.get(id);
    if (!e) throw new UnknownNameError('material', id, this.ids(), location);
    return e.material;
  }

  /** The material with this id, which must be of one of the given kinds. */
  getOfKind<K extends MaterialKind>(id: string, kinds: readonly K[], location: InputLocation = {}): OfKind<K> {
    const m = this.get(id, location);
    if (!(kinds as readonly MaterialKind[]).includes(m.kind)) {
      const candidates = this.entries().filter((e) => (kinds as readonly MaterialKind[]).includes(e.material.kind)).map((e) => e.material.id);
      throw new InputError(location, `a material of kind ${kinds.join(' or ')} (e.g. ${candidates.slice(0, 6).join(', ') || 'none known'})`, `"${id}" of kind ${m.kind}`);
    }
    return m as OfKind<K>;
  }
}
