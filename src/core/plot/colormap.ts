/**
 * Colour maps for heat maps. Viridis and cividis (perceptually uniform, readable with colour-vision
 * deficiency and in greyscale) are given by nine anchor colours sampled from the published maps
 * (van der Walt & Smith 2015; Nuñez et al., PLOS ONE 2018) and interpolated linearly in sRGB.
 */
const ANCHORS: Record<ColorMapName, readonly string[]> = {
  viridis: ['#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c', '#28ae80', '#5ec962', '#addc30', '#fde725'],
  cividis: ['#00224e', '#123570', '#3b496c', '#575d6d', '#707173', '#8a8779', '#a69d75', '#c4b56c', '#fee838'],
};

export type ColorMapName = 'viridis' | 'cividis';

function parseHex(h: string): [number, number, number] {
  return [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
}

function hex2(v: number): string {
  return Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0');
}

/** The colour at t ∈ [0, 1] (clamped) as #rrggbb. */
export function colorAt(map: ColorMapName, t: number): string {
  const a = ANCHORS[map];
  const u = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (a.length - 1);
  const i = Math.min(a.length - 2, Math.floor(u));
  const f = u - i;
  const c0 = parseHex(a[i]);
  const c1 = parseHex(a[i + 1]);
  return `#${hex2(c0[0] + (c1[0] - c0[0]) * f)}${hex2(c0[1] + (c1[1] - c0[1]) * f)}${hex2(c0[2] + (c1[2] - c0[2]) * f)}`;
}
