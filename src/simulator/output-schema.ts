import { z } from 'zod';

/** Aspect ratios of Pi's image models (contract §3.6); `auto` is accepted on top of these. */
export const ASPECT_RATIOS = [
  '1:1',
  '1:4',
  '1:8',
  '2:3',
  '3:2',
  '3:4',
  '4:1',
  '4:3',
  '4:5',
  '5:4',
  '8:1',
  '9:16',
  '16:9',
  '21:9',
] as const;

/** Image tiers. Uppercase `K` only: `1k` is rejected. */
export const RESOLUTIONS = ['512', '1K', '2K', '4K'] as const;

/** `output` of images/generations, campaigns/* and avatars/generate; every field optional. */
export const outputSchema = z.object({
  aspect_ratio: z.union([z.literal('auto'), z.enum(ASPECT_RATIOS)]).optional(),
  resolution: z.enum(RESOLUTIONS).optional(),
  thinking_intensity: z.enum(['minimal', 'high']).optional(),
});

export type OutputInput = z.output<typeof outputSchema>;

/** `metadata`: at most 16 string values of at most 500 characters (trimmed). */
export const metadataSchema = z
  .record(z.string(), z.string().trim().max(500))
  .refine((value) => Object.keys(value).length <= 16, {
    message: 'metadata may contain at most 16 keys.',
  });

/** `client_reference_id`: trimmed, 1–200 characters. */
export const clientReferenceIdSchema = z.string().trim().min(1).max(200);

/** A prompt: trimmed, 1–`max` characters. */
export function promptSchema(max: number) {
  return z.string().trim().min(1).max(max);
}

/** Reference images (https URL, data URL or raw base64): non-empty strings, at most `max`. */
export function referenceImagesSchema(max: number) {
  return z.array(z.string().min(1)).max(max);
}

/** A UUID as Pi's Zod 3 checks it: 8-4-4-4-12 hex digits, any version. */
export const uuidSchema = z.guid();
