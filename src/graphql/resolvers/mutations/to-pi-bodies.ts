import type { z } from 'zod';
import type {
  AvatarGenerationBodyDto,
  AvatarHintsDto,
  AvatarSaveBodyDto,
  BrandExtractionBodyDto,
  CampaignEditBodyDto,
  CampaignLocalizationBodyDto,
  ImageGenerationBodyDto,
  ImageOutputDto,
  JsonObject,
  RunCreateBodyDto,
  WebhookCreateBodyDto,
} from '../../../pi/index.js';
import {
  ASPECT_RATIOS,
  RESOLUTIONS,
  RUN_STEP_ACTIONS,
  THINKING_INTENSITIES,
} from './input-schemas.js';
import type {
  createWebhookSchema,
  editCampaignAdSchema,
  extractBrandSchema,
  generateAvatarSchema,
  generateImageSchema,
  localizeCampaignAdSchema,
  saveAvatarSchema,
  startRunSchema,
} from './input-schemas.js';

// Checked mutation inputs (camelCase, GraphQL enum names) → Pi request bodies (snake_case, Pi's
// values). Absent and null fields are left out of the body, as a client would leave them out of
// its JSON.

type Compact<T> = { [K in keyof T]?: Exclude<T[K], null | undefined> };

function compact<T extends object>(record: T): Compact<T> {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== null && value !== undefined),
  ) as Compact<T>;
}

const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

type OutputInput = z.output<typeof generateImageSchema>['output'];

function toImageOutput(output: OutputInput): ImageOutputDto | undefined {
  if (output === null || output === undefined) return undefined;
  const { aspectRatio, resolution, thinkingIntensity } = compact(output);
  return compact({
    aspect_ratio: aspectRatio === undefined ? undefined : ASPECT_RATIOS[aspectRatio],
    resolution: resolution === undefined ? undefined : RESOLUTIONS[resolution],
    thinking_intensity:
      thinkingIntensity === undefined ? undefined : THINKING_INTENSITIES[thinkingIntensity],
  });
}

/** `extractBrand`'s input → `POST /brands/extract` (whose fields Pi names in camelCase too). */
export function toExtractBrandBody(
  input: z.output<typeof extractBrandSchema>,
): BrandExtractionBodyDto {
  const { url, logoBase64, imagesBase64, location } = compact(input);
  return compact({
    url,
    logoBase64,
    imagesBase64,
    location: location === undefined ? undefined : compact(location),
  });
}

/** `generateImage`/`generateCampaignAd`'s input → `POST /images/generations`, `/campaigns/generate`. */
export function toImageGenerationBody(
  input: z.output<typeof generateImageSchema>,
): ImageGenerationBodyDto {
  return compact({
    prompt: input.prompt,
    reference_images: input.referenceImages,
    brand_id: input.brandId,
    brand_identity_json: input.brandIdentityJson as JsonObject | null | undefined,
    output: toImageOutput(input.output),
    client_reference_id: input.clientReferenceId,
    metadata: input.metadata,
  }) as ImageGenerationBodyDto;
}

/** `editCampaignAd`'s input → `POST /campaigns/edit`. */
export function toCampaignEditBody(
  input: z.output<typeof editCampaignAdSchema>,
): CampaignEditBodyDto {
  return compact({
    source_job_id: input.sourceJobId,
    prompt: input.prompt,
    reference_images: input.referenceImages,
    brand_id: input.brandId,
    output: toImageOutput(input.output),
    client_reference_id: input.clientReferenceId,
    metadata: input.metadata,
  }) as CampaignEditBodyDto;
}

/** `localizeCampaignAd`'s input → `POST /campaigns/localize-ad`. */
export function toCampaignLocalizationBody(
  input: z.output<typeof localizeCampaignAdSchema>,
): CampaignLocalizationBodyDto {
  return compact({
    prompt: input.prompt,
    source_image_url: input.sourceImageUrl,
    source_job_id: input.sourceJobId,
    target_culture: input.targetCulture,
    target_language: input.targetLanguage,
    target_currency: input.targetCurrency,
    brand_id: input.brandId,
    reference_images: input.referenceImages,
    output: toImageOutput(input.output),
    client_reference_id: input.clientReferenceId,
    metadata: input.metadata,
  }) as CampaignLocalizationBodyDto;
}

/** `generateAvatar`'s input → `POST /avatars/generate` (hint names in snake_case). */
export function toAvatarGenerationBody(
  input: z.output<typeof generateAvatarSchema>,
): AvatarGenerationBodyDto {
  const hints =
    input.hints === null || input.hints === undefined
      ? undefined
      : (Object.fromEntries(
          Object.entries(compact(input.hints)).map(([name, value]) => [snakeCase(name), value]),
        ) as AvatarHintsDto);
  return compact({
    prompt: input.prompt,
    hints,
    reference_images: input.referenceImages,
    output: toImageOutput(input.output),
    client_reference_id: input.clientReferenceId,
    metadata: input.metadata,
  }) as AvatarGenerationBodyDto;
}

/** `saveAvatar`'s input → `POST /avatars/save`. */
export function toAvatarSaveBody(input: z.output<typeof saveAvatarSchema>): AvatarSaveBodyDto {
  return compact({ job_id: input.jobId, label: input.label }) as AvatarSaveBodyDto;
}

/** `createWebhook`'s input → `POST /webhooks`. */
export function toWebhookCreateBody(
  input: z.output<typeof createWebhookSchema>,
): WebhookCreateBodyDto {
  return { endpoint_url: input.endpointUrl, secret: input.secret };
}

/** `startRun`'s input → `POST /runs`. */
export function toRunCreateBody(input: z.output<typeof startRunSchema>): RunCreateBodyDto {
  return compact({
    steps: input.steps.map((step) =>
      compact({
        id: step.id,
        action: RUN_STEP_ACTIONS[step.action],
        input: step.input as JsonObject | null | undefined,
        depends_on: step.dependsOn,
        input_map: step.inputMap,
      }),
    ),
    metadata: input.metadata as JsonObject | null | undefined,
  }) as RunCreateBodyDto;
}
