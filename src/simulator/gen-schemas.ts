import { z } from 'zod';
import {
  clientReferenceIdSchema,
  metadataSchema,
  outputSchema,
  promptSchema,
  referenceImagesSchema,
  uuidSchema,
} from './output-schema.js';
import type { QuirksMode } from './types.js';

/** Body of `POST /images/generations`, `/ads/generate`, `/campaigns/generate`, `/images/campaigns`. */
export const adGenerationSchema = z.object({
  prompt: promptSchema(5000),
  reference_images: referenceImagesSchema(6).optional(),
  brand_id: uuidSchema.optional(),
  brand_identity_json: z.record(z.string(), z.unknown()).optional(),
  output: outputSchema.optional(),
  client_reference_id: clientReferenceIdSchema.optional(),
  metadata: metadataSchema.optional(),
});

export type AdGenerationInput = z.output<typeof adGenerationSchema>;

/** Body of `POST /campaigns/edit`. `brand_identity_json` is not accepted (stripped as unknown). */
export const campaignEditSchema = z.object({
  source_job_id: uuidSchema,
  prompt: promptSchema(5000),
  reference_images: referenceImagesSchema(6).optional(),
  brand_id: uuidSchema.optional(),
  output: outputSchema.optional(),
  client_reference_id: clientReferenceIdSchema.optional(),
  metadata: metadataSchema.optional(),
});

export type CampaignEditInput = z.output<typeof campaignEditSchema>;

/** Body of `POST /campaigns/localize-ad`: exactly one of `source_image_url` / `source_job_id`. */
export const campaignLocalizeSchema = z
  .object({
    prompt: promptSchema(5000),
    source_image_url: z.string().trim().min(1).max(20000).optional(),
    source_job_id: uuidSchema.optional(),
    target_culture: z.string().trim().min(1).max(200),
    target_language: z.string().trim().min(1).max(64).optional(),
    target_currency: z.string().trim().min(1).max(16).optional(),
    brand_id: uuidSchema.optional(),
    reference_images: referenceImagesSchema(5).optional(),
    output: outputSchema.optional(),
    client_reference_id: clientReferenceIdSchema.optional(),
    metadata: metadataSchema.optional(),
  })
  .superRefine((value, ctx) => {
    if (Boolean(value.source_image_url) === Boolean(value.source_job_id)) {
      ctx.addIssue({
        code: 'custom',
        message: 'Provide exactly one of source_image_url or source_job_id.',
        path: ['source_image_url'],
      });
    }
  });

export type CampaignLocalizeInput = z.output<typeof campaignLocalizeSchema>;

const HINT_KEYS = [
  'ethnicity',
  'role_archetype',
  'age_range',
  'gender_expression',
  'custom_gender_expression',
  'avatar_composition',
  'pose_style',
  'camera_view',
  'eye_direction',
  'head_orientation',
  'body_type',
  'skin_tone',
  'hair_style',
  'hair_color',
  'eye_color',
  'outfit_category',
  'art_direction',
  'visual_influence',
  'lighting',
  'background',
  'mood',
  'filter_culture',
  'filter_industry',
  'expression',
] as const;

/** Avatar `hints`: known keys are strings (`accessories` a string list ≤32); unknown keys pass through. */
const hintsSchema = z.looseObject({
  ...Object.fromEntries(HINT_KEYS.map((key) => [key, z.string().optional()])),
  accessories: z.array(z.string()).max(32).optional(),
});

function avatarGenerationSchema(promptMax: number) {
  return z.object({
    prompt: promptSchema(promptMax),
    hints: hintsSchema.optional(),
    reference_images: referenceImagesSchema(6).optional(),
    output: outputSchema.optional(),
    client_reference_id: clientReferenceIdSchema.optional(),
    metadata: metadataSchema.optional(),
  });
}

// The docs allow 5000 prompt characters; the reference implementation 4000 (contract §9.5).
const avatarSchemas = {
  docs: avatarGenerationSchema(5000),
  impl: avatarGenerationSchema(4000),
} as const;

export type AvatarGenerationInput = z.output<ReturnType<typeof avatarGenerationSchema>>;

/** The `avatars/generate` body schema for a quirks mode (prompt limit 5000 docs, 4000 impl). */
export function avatarGenerationSchemaFor(quirks: QuirksMode) {
  return avatarSchemas[quirks];
}

/** Body of `POST /avatars/save`. */
export const avatarSaveSchema = z.object({
  job_id: uuidSchema,
  label: z.string().trim().max(200).optional(),
});
