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
  | 'pending'
  | 'queued'
  | 'processing'
  | 'completed'
  | 'failed'
  | 'skipped';

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
