import type { BrandAsset, BrandAssetKind } from '../../generated/resolvers-types.js';
import type { BrandDnaDto } from '../../pi/index.js';
import { isJsonObject, toNonEmptyString } from './json-values.js';

/** The palette colours Pi reported (strings only, in Pi's order). */
export function toBrandColorPalette(dna: BrandDnaDto): string[] {
  const palette: unknown = dna.color_palette;
  return Array.isArray(palette)
    ? palette.filter((colour): colour is string => typeof colour === 'string')
    : [];
}

/** The assets of a brand's DNA; entries without a URL are skipped, unknown kinds are `OTHER`. */
export function toBrandAssets(dna: BrandDnaDto): BrandAsset[] {
  const assets: unknown = dna.assets;
  if (!Array.isArray(assets)) return [];
  return assets.flatMap((asset: unknown) => {
    if (!isJsonObject(asset)) return [];
    const url = toNonEmptyString(asset['url']);
    return url === null ? [] : [{ kind: toBrandAssetKind(asset['kind']), url }];
  });
}

/** Maps an asset `kind` to `BrandAssetKind`; anything unknown is `OTHER`. */
export function toBrandAssetKind(kind: unknown): BrandAssetKind {
  switch (kind) {
    case 'logo':
      return 'LOGO';
    case 'reference':
      return 'REFERENCE';
    case 'website_screenshot':
      return 'WEBSITE_SCREENSHOT';
    default:
      return 'OTHER';
  }
}

/** A string DNA key (`typography_rules`, `core_slogan`, ...) or null when absent or not a string. */
export function toBrandDnaText(dna: BrandDnaDto, key: keyof BrandDnaDto & string): string | null {
  return toNonEmptyString(dna[key]);
}
