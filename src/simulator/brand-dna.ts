import { createHash } from 'node:crypto';

/** An asset the extractor looked at. */
export interface BrandAssetDto {
  kind: 'logo' | 'reference' | 'website_screenshot';
  url: string;
}

/** `brand.brand_dna` as the extractor writes it (contract §5.2). */
export interface BrandDnaDto {
  primary_background_hex: string;
  primary_accent_hex: string;
  color_palette: string[];
  typography_rules: string;
  core_slogan: string;
  imagen_style_conditioning: string;
  source: 'omnivorous-brand-extractor';
  manifest_excerpt: string;
  firecrawl_branding: null;
  firecrawl_metadata: null;
  firecrawl_actions: null;
  assets: BrandAssetDto[];
}

const HEADLINE_FONTS = [
  'Inter',
  'Playfair Display',
  'Montserrat',
  'Space Grotesk',
  'Poppins',
  'Lora',
];
const BODY_FONTS = [
  'Source Sans 3',
  'IBM Plex Sans',
  'Roboto',
  'Nunito Sans',
  'Work Sans',
  'Merriweather',
];
const ADJECTIVES = ['bold', 'calm', 'playful', 'precise', 'warm', 'minimal', 'vivid', 'refined'];
const PROMISES = [
  'Made to matter',
  'Built for every day',
  'Designed to delight',
  'Crafted with care',
  'Simply better',
];
const LIGHTING = [
  'soft natural lighting',
  'crisp studio lighting',
  'warm golden-hour light',
  'cool diffused daylight',
];

/**
 * Builds deterministic Brand DNA for `domain` (the same domain always gives the same colours and
 * copy) that meets the documented invariants: `#RRGGBB` colours, exactly 4 unique palette
 * colours, one typography sentence and exactly two sentences of style conditioning.
 */
export function createBrandDna(domain: string, name: string, assets: BrandAssetDto[]): BrandDnaDto {
  const seed = createHash('sha256').update(domain).digest();
  const palette = createPalette(seed);
  const headline = pick(HEADLINE_FONTS, seed[20]!);
  const body = pick(BODY_FONTS, seed[21]!);
  const adjective = pick(ADJECTIVES, seed[22]!);
  const lighting = pick(LIGHTING, seed[23]!);
  const slogan = `${pick(PROMISES, seed[24]!)}, the ${adjective} way`;
  const typography = `Set headlines in ${headline} bold and body copy in ${body} regular with generous line height`;
  const style =
    `Clean ${adjective} compositions anchored on a ${palette[0]} background with ${palette[1]} accents. ` +
    `Product-first framing with ${lighting} and generous negative space.`;
  const manifest =
    `Brand manifesto for ${name}. The brand speaks in a ${adjective} voice and leads with the promise "${slogan}". ` +
    `Its visual system pairs ${palette[0]} surfaces with ${palette[1]} calls to action, supported by ${palette[2]} and ${palette[3]}.`;
  return {
    primary_background_hex: palette[0]!,
    primary_accent_hex: palette[1]!,
    color_palette: palette,
    typography_rules: `${typography}.`,
    core_slogan: slogan,
    imagen_style_conditioning: style,
    source: 'omnivorous-brand-extractor',
    manifest_excerpt: manifest.slice(0, 2000),
    firecrawl_branding: null,
    firecrawl_metadata: null,
    firecrawl_actions: null,
    assets,
  };
}

function createPalette(seed: Buffer): string[] {
  const palette: string[] = [];
  for (let offset = 0; palette.length < 4; offset += 3) {
    const at = offset % (seed.length - 2);
    // Mixing in the round keeps colours unique even if the seed repeats itself.
    const round = Math.floor(offset / (seed.length - 2));
    const hex = `#${[seed[at]!, seed[at + 1]!, (seed[at + 2]! + round * 37) % 256]
      .map((byte) => byte.toString(16).padStart(2, '0'))
      .join('')
      .toUpperCase()}`;
    if (!palette.includes(hex)) palette.push(hex);
  }
  return palette;
}

function pick<T>(list: readonly T[], byte: number): T {
  return list[byte % list.length]!;
}
