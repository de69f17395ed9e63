/** A small, hand-checkable design used by the design tests (not a test file itself). */
import type { Design } from '../../../src/core/design/schema.js';

/**
 * n = 2 double-sided cathodes 40 × 50 mm; 95 / 2 / 3 NCM811 / Super P / PTFE at 20 mg/cm² of coating
 * per side and 30 % porosity; 30 µm Li per face on 8 µm Cu; PE-12; LP30 at 2 g/Ah; 113 µm laminate.
 */
export function smallDesign(): Design {
  return {
    name: 'hand-checkable two-layer cell',
    cathode: {
      compositionWtPercent: { NCM811: 95, SuperP: 2, PTFE: 3 },
      loadingMgPerCm2: 20,
      loadingBasis: 'coating',
      sides: 2,
      porosityPercent: 30,
      currentCollector: { material: 'Al-foil', thicknessUm: 12 },
    },
    anode: { material: 'Li-metal', thicknessUmPerSide: 30, currentCollector: { material: 'Cu-foil', thicknessUm: 8 } },
    separator: { material: 'PE-12' },
    electrolyte: { material: 'LP30', electrolyteGPerAh: 2 },
    stack: { cathodeLayers: 2, cathodeWidthMm: 40, cathodeHeightMm: 50, anodeOverhangMm: 1, separatorOverhangMm: 2, outerAnodes: 'single-sided' },
    package: {
      laminate: 'Al-laminate-113',
      sealMarginMm: 5,
      headspaceMm: 10,
      tabs: {
        cathode: { material: 'Al-tab', widthMm: 5, lengthMm: 20, thicknessUm: 100 },
        anode: { material: 'Ni-tab', widthMm: 5, lengthMm: 20, thicknessUm: 100 },
      },
    },
  };
}
