/**
 * Shapes of Pi's REST responses (`../shared/pi-contract.md`), as the gateway receives them.
 * Every field that `fields=` can trim is optional: a DTO is whatever subset Pi returned.
 * Timestamps are kept in Pi's own format (unix seconds or ISO strings); the GraphQL
 * mappers turn them into ISO-8601.
 */

/** Unix seconds (jobs, runs, envelopes) or an ISO-8601 string (brands, avatars, webhooks, raw rows). */
export type PiTimestamp = number | string;

export type JobStatusDto = 'queued' | 'processing' | 'completed' | 'failed';

export type JobTypeDto =
  | 'brand_extraction'
  | 'ad_generation'
  | 'campaign_ad_generation'
  | 'campaign_ad_edit'
  | 'campaign_ad_localization'
  | 'avatar_generation'
  // Other domains (health, voice, ...) add types the gateway passes through as strings.
  | (string & {});

export type JsonObject = { [key: string]: unknown };

export interface JobResultDto {
  type: 'brand' | 'avatar' | 'ad';
  id: string;
  url?: string;
  image_url?: string;
  brand?: BrandDto;
}

/** `data` of `GET /api/v1/jobs/:id` (also `expanded.latest_job` on brands, with ISO timestamps). */
export interface JobDto {
  id: string;
  org_id?: string;
  type?: JobTypeDto;
  status?: JobStatusDto;
  payload?: JsonObject;
  result_url?: string | null;
  error_log?: string | null;
  created_at?: PiTimestamp;
  updated_at?: PiTimestamp;
  job_result?: JobResultDto;
  expanded?: { brand?: BrandDto };
  avatar?: { image_url: string };
  ad?: { image_url: string };
}

export interface BrandDnaDto extends JsonObject {
  primary_background_hex?: string;
  primary_accent_hex?: string;
  color_palette?: string[];
  typography_rules?: string;
  core_slogan?: string;
  imagen_style_conditioning?: string;
  source?: string;
  manifest_excerpt?: string;
  firecrawl_branding?: JsonObject | null;
  firecrawl_metadata?: JsonObject | null;
  firecrawl_actions?: JsonObject | null;
  assets?: Array<{ kind: 'logo' | 'reference' | 'website_screenshot'; url: string }>;
}

/** A brand row (`GET /api/v1/brands/:id`, list items, `expanded.brand`). */
export interface BrandDto {
  id: string;
  org_id?: string;
  domain?: string;
  name?: string;
  primary_hex?: string | null;
  secondary_hex?: string | null;
  logo_url?: string | null;
  font_file_url?: string | null;
  layout_rules?: JsonObject | null;
  brand_dna?: BrandDnaDto | null;
  created_at?: PiTimestamp;
  updated_at?: PiTimestamp;
  expanded?: { latest_job?: JobDto | null };
}

/** `data` of `GET /api/v1/brands`. */
export interface BrandListDto {
  data: BrandDto[];
  total_count: number;
  has_more: boolean;
}

/** `data` of `POST /api/v1/brands/:id/project`. */
export interface BrandProjectionDto {
  use_case: string;
  is_wildcard: boolean;
  payload: JsonObject;
}

export interface SavedAvatarDto {
  id: string;
  object?: 'saved_avatar';
  label: string | null;
  image_url: string;
  created_at: PiTimestamp;
  updated_at?: PiTimestamp;
}

export interface SavedAvatarListDto {
  object: 'list';
  data: SavedAvatarDto[];
  has_more: boolean;
  total_count: number;
}

export interface WebhookDto {
  object?: 'webhook';
  id: string;
  endpoint_url: string;
  is_active: boolean;
  created_at: PiTimestamp;
  updated_at: PiTimestamp;
}

export interface WebhookListDto {
  object: 'list';
  data: WebhookDto[];
}

export type RunStatusDto = 'pending' | 'in_progress' | 'completed' | 'failed' | 'cancelled';
export type RunStepStatusDto =
  'pending' | 'queued' | 'processing' | 'completed' | 'failed' | 'skipped';

export interface RunStepDto {
  id: string;
  action?: 'brands.extract' | 'campaigns.generate' | 'campaigns.edit' | 'campaigns.localize_ad';
  status: RunStepStatusDto;
  depends_on?: string[];
  job_id?: string | null;
  result?: unknown;
  error?: string | null;
  started_at?: number | null;
  completed_at?: number | null;
}

export interface RunDto {
  id: string;
  org_id?: string;
  status: RunStatusDto;
  steps: RunStepDto[];
  metadata?: JsonObject | null;
  created_at?: PiTimestamp;
  updated_at?: PiTimestamp;
}

/** `data` of every async 202: `{ job_id }` (runs: `{ run_id, status, steps }`). */
export interface AcceptedJobDto {
  job_id: string;
}

export interface AcceptedRunDto {
  run_id: string;
  status: RunStatusDto;
  steps: Array<{ id: string; status: RunStepStatusDto }>;
}

/** The success envelope. `status` is not the job state: read `data.status` (contract §9.1). */
export interface PiEnvelope<T> {
  id: string;
  object: string;
  status: string;
  created_at: number;
  data: T;
}

/** The Stripe-style error envelope. */
export interface PiErrorBodyDto {
  error: {
    type: string;
    code: string;
    message: string;
    request_id?: string;
    param?: string;
    issues?: unknown[];
  };
}

/** A signed webhook delivery (`job.completed` / `job.failed`). */
export interface WebhookEventDto {
  id: string;
  object: 'event';
  type: 'job.completed' | 'job.failed';
  created_at: number;
  data: { job: JobDto };
}

// ---- Write bodies (contract §3.1, §3.5–§3.12), as the gateway sends them ----

/** `output` of image, campaign and avatar bodies (contract §3.6); every field optional. */
export interface ImageOutputDto {
  /** `auto` or a ratio such as `16:9`. */
  aspect_ratio?: string;
  resolution?: '512' | '1K' | '2K' | '4K';
  thinking_intensity?: 'minimal' | 'high';
}

/** Body of `POST /brands/extract`: at least one of `url`, `logoBase64`, `imagesBase64` (Pi's own camelCase). */
export interface BrandExtractionBodyDto {
  url?: string;
  logoBase64?: string;
  imagesBase64?: string[];
  location?: { country?: string; languages?: string[] };
}

/** Body of `POST /brands/:id/project`. */
export interface BrandProjectionBodyDto {
  use_case: string;
}

/** Body of `POST /images/generations` and `POST /campaigns/generate` (identical, §3.6–§3.7). */
export interface ImageGenerationBodyDto {
  prompt: string;
  reference_images?: string[];
  brand_id?: string;
  brand_identity_json?: JsonObject;
  output?: ImageOutputDto;
  client_reference_id?: string;
  /** At most 16 string values of at most 500 characters. */
  metadata?: Record<string, string>;
}

/** Body of `POST /campaigns/edit` (§3.8). */
export interface CampaignEditBodyDto {
  source_job_id: string;
  prompt: string;
  reference_images?: string[];
  brand_id?: string;
  output?: ImageOutputDto;
  client_reference_id?: string;
  metadata?: Record<string, string>;
}

/** Body of `POST /campaigns/localize-ad` (§3.9): exactly one of `source_image_url` / `source_job_id`. */
export interface CampaignLocalizationBodyDto {
  prompt: string;
  source_image_url?: string;
  source_job_id?: string;
  target_culture: string;
  target_language?: string;
  target_currency?: string;
  brand_id?: string;
  reference_images?: string[];
  output?: ImageOutputDto;
  client_reference_id?: string;
  metadata?: Record<string, string>;
}

/** `hints` of `POST /avatars/generate`: flat string hints, plus `accessories` (at most 32). */
export type AvatarHintsDto = { [hint: string]: string | string[] | undefined } & {
  accessories?: string[];
};

/** Body of `POST /avatars/generate` (§3.10). */
export interface AvatarGenerationBodyDto {
  prompt: string;
  hints?: AvatarHintsDto;
  reference_images?: string[];
  output?: ImageOutputDto;
  client_reference_id?: string;
  metadata?: Record<string, string>;
}

/** Body of `POST /avatars/save`. */
export interface AvatarSaveBodyDto {
  job_id: string;
  label?: string;
}

/** Body of `POST /webhooks`. The secret is sent to Pi and nowhere else. */
export interface WebhookCreateBodyDto {
  endpoint_url: string;
  secret: string;
}

/** Body of `PATCH /webhooks/:id`. */
export interface WebhookUpdateBodyDto {
  is_active: boolean;
}

/** One step of `POST /runs` (§3.12). */
export interface RunStepBodyDto {
  id: string;
  action: NonNullable<RunStepDto['action']>;
  input?: JsonObject;
  depends_on?: string[];
  /** `{ field: "$steps.<step_id>.result.<path>" }`. */
  input_map?: Record<string, string>;
}

/** Body of `POST /runs`. */
export interface RunCreateBodyDto {
  steps: RunStepBodyDto[];
  metadata?: JsonObject;
}
