import { z } from 'zod';
import type {
  ImageAspectRatio,
  ImageResolution,
  RunStepAction,
  ThinkingIntensity,
} from '../../../generated/resolvers-types.js';
import type { ImageOutputDto, RunStepBodyDto } from '../../../pi/index.js';
import { isUuid } from '../../../pi/index.js';
import { findRunDagIssues } from './find-run-dag-issues.js';

// The mutations' input rules, mirroring Pi's own body validation (contract §3.1, §3.5–§3.12):
// the same lengths (after trimming, where Pi trims), counts, URL and UUID checks and
// exactly-one-of rules, so a bad input fails before any call instead of as Pi's 400. GraphQL
// already checks types and enums. Optional fields accept null as absent.

/** GraphQL's aspect ratio names → Pi's values. */
export const ASPECT_RATIOS: Readonly<Record<ImageAspectRatio, string>> = {
  AUTO: 'auto',
  R1_1: '1:1',
  R1_4: '1:4',
  R1_8: '1:8',
  R2_3: '2:3',
  R3_2: '3:2',
  R3_4: '3:4',
  R4_1: '4:1',
  R4_3: '4:3',
  R4_5: '4:5',
  R5_4: '5:4',
  R8_1: '8:1',
  R9_16: '9:16',
  R16_9: '16:9',
  R21_9: '21:9',
};

/** GraphQL's resolution names → Pi's values. */
export const RESOLUTIONS: Readonly<
  Record<ImageResolution, NonNullable<ImageOutputDto['resolution']>>
> = { RES_512: '512', RES_1K: '1K', RES_2K: '2K', RES_4K: '4K' };

/** GraphQL's thinking intensities → Pi's values. */
export const THINKING_INTENSITIES: Readonly<
  Record<ThinkingIntensity, NonNullable<ImageOutputDto['thinking_intensity']>>
> = { MINIMAL: 'minimal', HIGH: 'high' };

/** GraphQL's run step actions → Pi's values. */
export const RUN_STEP_ACTIONS: Readonly<Record<RunStepAction, RunStepBodyDto['action']>> = {
  BRANDS_EXTRACT: 'brands.extract',
  CAMPAIGNS_GENERATE: 'campaigns.generate',
  CAMPAIGNS_EDIT: 'campaigns.edit',
  CAMPAIGNS_LOCALIZE_AD: 'campaigns.localize_ad',
};

const isGiven = (value: unknown): boolean => value !== null && value !== undefined;

const keysOf = <K extends string>(record: Readonly<Record<K, unknown>>) =>
  Object.keys(record) as [K, ...K[]];

/** A trimmed string of `min`–`max` characters. */
const text = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters long`)
    .max(max, `must be at most ${max} characters long`);

const uuid = z.string().refine(isUuid, 'must be a UUID');

const jsonObject = z.record(z.string(), z.unknown(), 'must be a JSON object');

const referenceImages = (max: number) =>
  z.array(z.string().min(1, 'must not be empty')).max(max, `takes at most ${max} reference images`);

/** `metadata`: at most 16 string values of at most 500 characters (trimmed). */
const metadata = z
  .record(
    z.string(),
    z.string('must be a string').trim().max(500, 'must be at most 500 characters long'),
    'must be a JSON object of string values',
  )
  .refine((value) => Object.keys(value).length <= 16, 'may have at most 16 keys');

const output = z.object({
  aspectRatio: z.enum(keysOf(ASPECT_RATIOS)).nullish(),
  resolution: z.enum(keysOf(RESOLUTIONS)).nullish(),
  thinkingIntensity: z.enum(keysOf(THINKING_INTENSITIES)).nullish(),
});

const prompt = (max: number) => text(1, max);
const clientReferenceId = text(1, 200);

/** `ExtractBrandInput` (contract §3.1): at least one of `url`, `logoBase64`, a non-empty `imagesBase64`. */
export const extractBrandSchema = z
  .object({
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).nullish(),
    logoBase64: z.string().min(1, 'must not be empty').nullish(),
    imagesBase64: z.array(z.string().min(1, 'must not be empty')).nullish(),
    location: z
      .object({
        country: z.string().length(2, 'must be a two-letter country code').nullish(),
        languages: z.array(z.string().min(2, 'must be at least 2 characters long')).nullish(),
      })
      .nullish(),
  })
  .refine(
    (input) =>
      isGiven(input.url) || isGiven(input.logoBase64) || (input.imagesBase64?.length ?? 0) > 0,
    { path: ['url'], message: 'give at least one of url, logoBase64 or imagesBase64' },
  );

/** `ProjectBrandInput` (§3.5): a UUID brand id and a 1–700 character use case. */
export const projectBrandSchema = z.object({ brandId: uuid, useCase: text(1, 700) });

/** `GenerateImageInput` and `GenerateCampaignAdInput` (§3.6). */
export const generateImageSchema = z.object({
  prompt: prompt(5000),
  referenceImages: referenceImages(6).nullish(),
  brandId: uuid.nullish(),
  brandIdentityJson: jsonObject.nullish(),
  output: output.nullish(),
  clientReferenceId: clientReferenceId.nullish(),
  metadata: metadata.nullish(),
});

/** `EditCampaignAdInput` (§3.8). */
export const editCampaignAdSchema = z.object({
  sourceJobId: uuid,
  prompt: prompt(5000),
  referenceImages: referenceImages(6).nullish(),
  brandId: uuid.nullish(),
  output: output.nullish(),
  clientReferenceId: clientReferenceId.nullish(),
  metadata: metadata.nullish(),
});

/** `LocalizeCampaignAdInput` (§3.9): exactly one of `sourceImageUrl` and `sourceJobId`. */
export const localizeCampaignAdSchema = z
  .object({
    prompt: prompt(5000),
    sourceImageUrl: text(1, 20_000).nullish(),
    sourceJobId: uuid.nullish(),
    targetCulture: text(1, 200),
    targetLanguage: text(1, 64).nullish(),
    targetCurrency: text(1, 16).nullish(),
    brandId: uuid.nullish(),
    referenceImages: referenceImages(5).nullish(),
    output: output.nullish(),
    clientReferenceId: clientReferenceId.nullish(),
    metadata: metadata.nullish(),
  })
  .refine((input) => isGiven(input.sourceImageUrl) !== isGiven(input.sourceJobId), {
    path: ['sourceImageUrl'],
    message: 'give exactly one of sourceImageUrl or sourceJobId',
  });

// The other hints are free text; GraphQL already made them strings.
const hints = z.looseObject({
  accessories: z.array(z.string()).max(32, 'takes at most 32 accessories').nullish(),
});

// Pi's docs allow 5000 prompt characters, its reference implementation 4000 (contract §9.5):
// the gateway checks the documented limit and leaves the stricter one to Pi.
/** `GenerateAvatarInput` (§3.10). */
export const generateAvatarSchema = z.object({
  prompt: prompt(5000),
  hints: hints.nullish(),
  referenceImages: referenceImages(6).nullish(),
  output: output.nullish(),
  clientReferenceId: clientReferenceId.nullish(),
  metadata: metadata.nullish(),
});

/** `SaveAvatarInput` (§3.10). */
export const saveAvatarSchema = z.object({
  jobId: uuid,
  label: z.string().trim().max(200, 'must be at most 200 characters long').nullish(),
});

/** `CreateWebhookInput` (§3.11): an https URL and an 8–500 character secret. */
export const createWebhookSchema = z.object({
  endpointUrl: z.url({ protocol: /^https$/, error: 'must be an https URL' }),
  secret: text(8, 500),
});

/** `SetWebhookActiveInput` (§3.11). */
export const setWebhookActiveSchema = z.object({ id: uuid, isActive: z.boolean() });

const stepId = text(1, 64);

/** `StartRunInput` (§3.12): 1–10 steps forming a graph without cycles (`findRunDagIssues`). */
export const startRunSchema = z
  .object({
    steps: z
      .array(
        z.object({
          id: stepId,
          action: z.enum(keysOf(RUN_STEP_ACTIONS)),
          input: jsonObject.nullish(),
          dependsOn: z.array(stepId).nullish(),
          inputMap: z
            .record(z.string(), z.string('must be a string'), 'must be a JSON object of strings')
            .nullish(),
        }),
      )
      .min(1, 'takes at least one step')
      .max(10, 'takes at most 10 steps'),
    metadata: jsonObject.nullish(),
  })
  .superRefine((input, context) => {
    for (const issue of findRunDagIssues(input.steps))
      context.addIssue({ code: 'custom', ...issue });
  });
