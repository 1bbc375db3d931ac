/* eslint-disable */
// GENERATED FILE: do not edit. Produced by `npm run codegen` from schema/*.graphql (see codegen.ts).
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { JobDto, BrandDto, BrandDnaDto, BrandListDto, SavedAvatarDto, SavedAvatarListDto, WebhookDto, RunDto, RunStepDto } from '../pi/index.js';
import type { GatewayContext } from '../graphql/context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /**
   * An instant as an ISO-8601 string in UTC, e.g. `2026-01-31T12:00:00.000Z`. Pi reports some
   * timestamps as unix seconds and others as ISO strings; the gateway always answers ISO-8601.
   * As an input, an ISO-8601 string or a number of unix seconds is accepted.
   */
  DateTime: { input: string; output: string; }
  /** Any JSON value (object, array, string, number, boolean or null), passed through as Pi sent it. */
  JSON: { input: unknown; output: unknown; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** Hints for an avatar: free text, each sent to Pi under its snake_case name (`roleArchetype` → `role_archetype`). */
export type AvatarHintsInput = {
  /** Accessories, at most 32 (`accessories`). */
  accessories?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Age range, e.g. `30-40` (`age_range`). */
  ageRange?: InputMaybe<Scalars['String']['input']>;
  /** Art direction (`art_direction`). */
  artDirection?: InputMaybe<Scalars['String']['input']>;
  /** Composition, e.g. portrait or full body; drives the automatic aspect ratio (`avatar_composition`). */
  avatarComposition?: InputMaybe<Scalars['String']['input']>;
  /** Background (`background`). */
  background?: InputMaybe<Scalars['String']['input']>;
  /** Body type (`body_type`). */
  bodyType?: InputMaybe<Scalars['String']['input']>;
  /** Camera view (`camera_view`). */
  cameraView?: InputMaybe<Scalars['String']['input']>;
  /** A custom gender expression (`custom_gender_expression`). */
  customGenderExpression?: InputMaybe<Scalars['String']['input']>;
  /** Ethnicity (`ethnicity`). */
  ethnicity?: InputMaybe<Scalars['String']['input']>;
  /** Facial expression (`expression`). */
  expression?: InputMaybe<Scalars['String']['input']>;
  /** Eye colour (`eye_color`). */
  eyeColor?: InputMaybe<Scalars['String']['input']>;
  /** Eye direction (`eye_direction`). */
  eyeDirection?: InputMaybe<Scalars['String']['input']>;
  /** Culture filter for the reference library (`filter_culture`). */
  filterCulture?: InputMaybe<Scalars['String']['input']>;
  /** Industry filter for the reference library (`filter_industry`). */
  filterIndustry?: InputMaybe<Scalars['String']['input']>;
  /** Gender expression (`gender_expression`). */
  genderExpression?: InputMaybe<Scalars['String']['input']>;
  /** Hair colour (`hair_color`). */
  hairColor?: InputMaybe<Scalars['String']['input']>;
  /** Hair style (`hair_style`). */
  hairStyle?: InputMaybe<Scalars['String']['input']>;
  /** Head orientation (`head_orientation`). */
  headOrientation?: InputMaybe<Scalars['String']['input']>;
  /** Lighting (`lighting`). */
  lighting?: InputMaybe<Scalars['String']['input']>;
  /** Mood (`mood`). */
  mood?: InputMaybe<Scalars['String']['input']>;
  /** Outfit category (`outfit_category`). */
  outfitCategory?: InputMaybe<Scalars['String']['input']>;
  /** Pose style (`pose_style`). */
  poseStyle?: InputMaybe<Scalars['String']['input']>;
  /** Role archetype, e.g. `chef` (`role_archetype`). */
  roleArchetype?: InputMaybe<Scalars['String']['input']>;
  /** Skin tone (`skin_tone`). */
  skinTone?: InputMaybe<Scalars['String']['input']>;
  /** Visual influence (`visual_influence`). */
  visualInfluence?: InputMaybe<Scalars['String']['input']>;
};

/** A brand whose DNA Pi extracted from a website, a logo or reference images. */
export type Brand = {
  __typename?: 'Brand';
  /** When the brand was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The brand's extracted DNA; null when Pi has none. */
  dna?: Maybe<BrandDna>;
  /** The brand's identity key, unique in the organization, e.g. `apple.com`. */
  domain: Scalars['String']['output'];
  /** A font file's URL, if one is known. */
  fontFileUrl?: Maybe<Scalars['String']['output']>;
  /** The brand's id (a UUID). */
  id: Scalars['ID']['output'];
  /** The newest completed extraction job that produced this brand, if any. */
  latestJob?: Maybe<Job>;
  /** Free-form layout metadata (typography rules, slogan, image style conditioning). */
  layoutRules?: Maybe<Scalars['JSON']['output']>;
  /** The uploaded logo's URL, if a logo was provided. */
  logoUrl?: Maybe<Scalars['String']['output']>;
  /** The brand's human name (today the same as the domain). */
  name: Scalars['String']['output'];
  /** The dominant surface colour as `#RRGGBB`. */
  primaryHex?: Maybe<Scalars['String']['output']>;
  /** The call-to-action accent colour as `#RRGGBB`. */
  secondaryHex?: Maybe<Scalars['String']['output']>;
  /** When the brand last changed (re-extracting the same domain updates it). */
  updatedAt: Scalars['DateTime']['output'];
};

/** An asset a brand extraction used. */
export type BrandAsset = {
  __typename?: 'BrandAsset';
  /** What the asset is. */
  kind: BrandAssetKind;
  /** Where the asset is stored. */
  url: Scalars['String']['output'];
};

/** The kinds of brand asset. */
export type BrandAssetKind =
  /** The brand's logo. */
  | 'LOGO'
  /** A kind of asset the gateway does not know. */
  | 'OTHER'
  /** A reference image. */
  | 'REFERENCE'
  /** A screenshot of the brand's website. */
  | 'WEBSITE_SCREENSHOT';

/** One page of brands. */
export type BrandConnection = {
  __typename?: 'BrandConnection';
  /** Whether there are brands after this page. */
  hasMore: Scalars['Boolean']['output'];
  /** The brands on this page. */
  nodes: Array<Brand>;
  /** How many brands match in total, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** A brand's DNA: the normalized identity Pi extracted. */
export type BrandDna = {
  __typename?: 'BrandDna';
  /** The assets the extraction used. */
  assets: Array<BrandAsset>;
  /** The brand palette (Pi documents exactly four unique `#RRGGBB` colours). */
  colorPalette: Array<Scalars['String']['output']>;
  /** The brand's slogan. */
  coreSlogan?: Maybe<Scalars['String']['output']>;
  /** Two sentences that condition image generation on the brand's style. */
  imagenStyleConditioning?: Maybe<Scalars['String']['output']>;
  /** An excerpt of the brand manifesto the extractor wrote (at most 2000 characters). */
  manifestExcerpt?: Maybe<Scalars['String']['output']>;
  /** The call-to-action colour as `#RRGGBB`. */
  primaryAccentHex?: Maybe<Scalars['String']['output']>;
  /** The dominant surface colour as `#RRGGBB`. */
  primaryBackgroundHex?: Maybe<Scalars['String']['output']>;
  /** The whole DNA object as Pi stores it, including keys without a typed field. */
  raw: Scalars['JSON']['output'];
  /** Which extractor produced the DNA, e.g. `omnivorous-brand-extractor`. */
  source?: Maybe<Scalars['String']['output']>;
  /** One sentence on typography. */
  typographyRules?: Maybe<Scalars['String']['output']>;
};

/** Locale hints for a website crawl. */
export type BrandLocationInput = {
  /** A two-letter country code, e.g. `FR`. */
  country?: InputMaybe<Scalars['String']['input']>;
  /** Language codes, each at least two characters, e.g. `fr`. */
  languages?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** A brand's DNA shaped for one use case. */
export type BrandProjection = {
  __typename?: 'BrandProjection';
  /** The projected brand's id. */
  brandId: Scalars['ID']['output'];
  /** Whether Pi treated the use case as free-form (always true today). */
  isWildcard: Scalars['Boolean']['output'];
  /** The projected, use-case-shaped JSON. */
  payload: Scalars['JSON']['output'];
  /**
   * Where the payload came from: `payload.meta.source`, e.g. `deterministic_projection` when Pi
   * fell back to its deterministic projection; null when Pi does not say.
   */
  source?: Maybe<Scalars['String']['output']>;
  /** The use case, as Pi echoed it. */
  useCase: Scalars['String']['output'];
};

/** A webhook endpoint to register. */
export type CreateWebhookInput = {
  /** Where Pi posts events: an https URL. */
  endpointUrl: Scalars['String']['input'];
  /** The secret Pi signs events with (`X-Pi-Signature`), 8–500 characters (trimmed). Never returned. */
  secret: Scalars['String']['input'];
};

/** An edit of a completed campaign ad (or of a completed edit, to chain edits). */
export type EditCampaignAdInput = {
  /** A stored brand (a UUID) to reinforce. */
  brandId?: InputMaybe<Scalars['ID']['input']>;
  /** Your own reference for the request, 1–200 characters (trimmed). */
  clientReferenceId?: InputMaybe<Scalars['String']['input']>;
  /** Your own metadata: a JSON object of at most 16 string values of at most 500 characters. */
  metadata?: InputMaybe<Scalars['JSON']['input']>;
  /** How the image is rendered; with `AUTO` or none, the source image's ratio is kept. */
  output?: InputMaybe<ImageOutputInput>;
  /** The edit instruction, 1–5000 characters (trimmed). */
  prompt: Scalars['String']['input'];
  /** At most 6 reference images: https URLs, data URLs or raw base64. */
  referenceImages?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The job whose image is edited (a UUID): a completed campaign ad or campaign edit. */
  sourceJobId: Scalars['ID']['input'];
};

/** What to extract a brand from: at least one of `url`, `logoBase64` and a non-empty `imagesBase64`. */
export type ExtractBrandInput = {
  /** Reference images as data URLs or raw base64; Pi advises a logo plus 1–3 images. */
  imagesBase64?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Locale hints for crawling `url`. */
  location?: InputMaybe<BrandLocationInput>;
  /** A logo as a data URL (`data:image/png;base64,...`) or raw base64 (read as PNG). */
  logoBase64?: InputMaybe<Scalars['String']['input']>;
  /** The brand's website, an http(s) URL. */
  url?: InputMaybe<Scalars['String']['input']>;
};

/**
 * An avatar to generate. With `referenceImages` (1–6) Pi draws from them; without, it uses its
 * reference library.
 */
export type GenerateAvatarInput = {
  /** Your own reference for the request, 1–200 characters (trimmed). */
  clientReferenceId?: InputMaybe<Scalars['String']['input']>;
  /** Hints about the avatar. */
  hints?: InputMaybe<AvatarHintsInput>;
  /** Your own metadata: a JSON object of at most 16 string values of at most 500 characters. */
  metadata?: InputMaybe<Scalars['JSON']['input']>;
  /** How the image is rendered; with `AUTO` or none, the ratio follows the hints. */
  output?: InputMaybe<ImageOutputInput>;
  /**
   * What to generate, 1–5000 characters (trimmed). Pi's reference implementation accepts only
   * 4000; beyond that it answers `BAD_USER_INPUT`.
   */
  prompt: Scalars['String']['input'];
  /** At most 6 reference images as data URLs or raw base64. */
  referenceImages?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** A premium campaign ad to generate (the same fields as `GenerateImageInput`). */
export type GenerateCampaignAdInput = {
  /** A stored brand (a UUID); takes precedence over `brandIdentityJson`. */
  brandId?: InputMaybe<Scalars['ID']['input']>;
  /** An inline brand context, a JSON object with any keys. */
  brandIdentityJson?: InputMaybe<Scalars['JSON']['input']>;
  /** Your own reference for the request, 1–200 characters (trimmed). */
  clientReferenceId?: InputMaybe<Scalars['String']['input']>;
  /** Your own metadata: a JSON object of at most 16 string values of at most 500 characters. */
  metadata?: InputMaybe<Scalars['JSON']['input']>;
  /** How the image is rendered. */
  output?: InputMaybe<ImageOutputInput>;
  /** What to generate, 1–5000 characters (trimmed). */
  prompt: Scalars['String']['input'];
  /** At most 6 reference images: https URLs, data URLs or raw base64. */
  referenceImages?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** A static ad image to generate. */
export type GenerateImageInput = {
  /** A stored brand (a UUID); takes precedence over `brandIdentityJson`. */
  brandId?: InputMaybe<Scalars['ID']['input']>;
  /** An inline brand context, a JSON object with any keys. */
  brandIdentityJson?: InputMaybe<Scalars['JSON']['input']>;
  /** Your own reference for the request, 1–200 characters (trimmed), echoed into the job. */
  clientReferenceId?: InputMaybe<Scalars['String']['input']>;
  /** Your own metadata: a JSON object of at most 16 string values of at most 500 characters. */
  metadata?: InputMaybe<Scalars['JSON']['input']>;
  /** How the image is rendered. */
  output?: InputMaybe<ImageOutputInput>;
  /** What to generate, 1–5000 characters (trimmed). */
  prompt: Scalars['String']['input'];
  /** At most 6 reference images: https URLs, data URLs or raw base64. */
  referenceImages?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** An image's aspect ratio: `R16_9` is Pi's `16:9`; `AUTO` lets Pi choose. */
export type ImageAspectRatio =
  /** Pi chooses (`auto`). */
  | 'AUTO'
  /** `1:1` */
  | 'R1_1'
  /** `1:4` */
  | 'R1_4'
  /** `1:8` */
  | 'R1_8'
  /** `2:3` */
  | 'R2_3'
  /** `3:2` */
  | 'R3_2'
  /** `3:4` */
  | 'R3_4'
  /** `4:1` */
  | 'R4_1'
  /** `4:3` */
  | 'R4_3'
  /** `4:5` */
  | 'R4_5'
  /** `5:4` */
  | 'R5_4'
  /** `8:1` */
  | 'R8_1'
  /** `9:16` */
  | 'R9_16'
  /** `16:9` */
  | 'R16_9'
  /** `21:9` */
  | 'R21_9';

/** Pi's quality evaluation of a generated ad. Scores are numbers as Pi reports them; null when absent. */
export type ImageEvaluation = {
  __typename?: 'ImageEvaluation';
  /** How clear the ad is. */
  adClarity?: Maybe<Scalars['Float']['output']>;
  /** How visible the call to action is. */
  ctaVisibility?: Maybe<Scalars['Float']['output']>;
  /** How well the ad fits the target culture. */
  culturalFit?: Maybe<Scalars['Float']['output']>;
  /** How correct the ad's language is. */
  languageCorrectness?: Maybe<Scalars['Float']['output']>;
  /** How prominent the product is. */
  productProminence?: Maybe<Scalars['Float']['output']>;
  /** The whole evaluation as Pi reports it. */
  raw: Scalars['JSON']['output'];
  /** The evaluator's summary. */
  summary?: Maybe<Scalars['String']['output']>;
  /** The overall score. */
  totalScore?: Maybe<Scalars['Float']['output']>;
};

/**
 * An image-producing job (ad, campaign ad, campaign edit, localization, avatar) seen as the image it
 * makes. Pi drops some request fields from later payloads (campaign ads and edits lose their input on
 * completion); those fields are then null, never guessed.
 */
export type ImageGeneration = {
  __typename?: 'ImageGeneration';
  /** The aspect ratio Pi applied, else the one requested (e.g. `16:9`, `auto`); null when Pi reports neither. */
  aspectRatio?: Maybe<Scalars['String']['output']>;
  /** The brand the job was given by id, if any and readable. */
  brand?: Maybe<Brand>;
  /** The caller's own reference for the request, while Pi still reports it. */
  clientReferenceId?: Maybe<Scalars['String']['output']>;
  /** The quality evaluation of a completed ad generation; null for other kinds. */
  evaluator?: Maybe<ImageEvaluation>;
  /** The job's id. */
  id: Scalars['ID']['output'];
  /** The generated image's URL; null until the job completes. */
  imageUrl?: Maybe<Scalars['String']['output']>;
  /** The underlying job. */
  job: Job;
  /** What kind of image the job makes. */
  kind: ImageGenerationKind;
  /** The caller's metadata for the request (string values), while Pi still reports it. */
  metadata?: Maybe<Scalars['JSON']['output']>;
  /** The prompt the job was given, while Pi still reports it. */
  prompt?: Maybe<Scalars['String']['output']>;
  /** The resolution Pi applied, else the one requested (`512`, `1K`, `2K`, `4K`); null when Pi reports neither. */
  resolution?: Maybe<Scalars['String']['output']>;
  /** The generation this one edits or localizes (`payload.source_job_id`), if any. */
  sourceGeneration?: Maybe<ImageGeneration>;
  /** The job's lifecycle state. */
  status: JobStatus;
};

/** The kinds of image generation. */
export type ImageGenerationKind =
  /** A static ad (`ad_generation`). */
  | 'AD'
  /** An avatar (`avatar_generation`). */
  | 'AVATAR'
  /** A premium campaign ad (`campaign_ad_generation`). */
  | 'CAMPAIGN_AD'
  /** An edit of a campaign ad (`campaign_ad_edit`). */
  | 'CAMPAIGN_EDIT'
  /** A localized ad (`campaign_ad_localization`). */
  | 'LOCALIZATION';

/** The answer to a write that queued an image-producing job. */
export type ImageGenerationPayload = {
  __typename?: 'ImageGenerationPayload';
  /** The `Idempotency-Key` sent to Pi (given, derived from the header, or minted by the gateway). */
  idempotencyKey?: Maybe<Scalars['String']['output']>;
  /** The queued job viewed as an image generation (`id`, `kind` and a fresh `status` cost no call). */
  imageGeneration: ImageGeneration;
  /** The queued job (see `JobPayload.job` for when it costs another call to Pi). */
  job: Job;
  /**
   * Whether Pi answered with the response it had stored for this key (`X-Idempotency-Replayed`).
   * Also true when the gateway's own retry got the replay because the first answer was lost.
   */
  replayed: Scalars['Boolean']['output'];
  /** Pi's request id (`X-Request-Id`) of the answer the write got; `unknown` if Pi sent none. */
  requestId: Scalars['String']['output'];
};

/** How the image is rendered. Every field is optional; Pi picks defaults (resolution `1K`). */
export type ImageOutputInput = {
  /** The aspect ratio. */
  aspectRatio?: InputMaybe<ImageAspectRatio>;
  /** The resolution. */
  resolution?: InputMaybe<ImageResolution>;
  /** How much the model deliberates before drawing. */
  thinkingIntensity?: InputMaybe<ThinkingIntensity>;
};

/** An image's resolution tier. */
export type ImageResolution =
  /** `1K` (Pi's default) */
  | 'RES_1K'
  /** `2K` */
  | 'RES_2K'
  /** `4K` */
  | 'RES_4K'
  /** `512` */
  | 'RES_512';

/**
 * An asynchronous unit of work in Pi: a brand extraction, an image generation, an avatar, ...
 * Fields that Pi did not report for this job are null; nothing is guessed.
 */
export type Job = {
  __typename?: 'Job';
  /**
   * The brand the job produced (brand extractions) or uses (image jobs given a `brand_id`).
   * Null when the job names no brand or the brand cannot be read.
   */
  brand?: Maybe<Brand>;
  /** The id of the brand the job produced or uses (`payload.brand_id`, `result_url`, `payload.input.brand_id`), if any. */
  brandId?: Maybe<Scalars['ID']['output']>;
  /** When the job was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The worker's step diagnostics (`payload.diagnostics`), fetched only when selected; null when Pi has none. */
  diagnostics?: Maybe<Scalars['JSON']['output']>;
  /** Why the job failed; null unless it failed. */
  error?: Maybe<JobError>;
  /** The job's id (a UUID). */
  id: Scalars['ID']['output'];
  /** This job viewed as an image generation; null for jobs that produce no image (e.g. brand extractions). */
  imageGeneration?: Maybe<ImageGeneration>;
  /** The URL of the image the job produced (ads, campaign images, avatars); null until there is one. */
  imageUrl?: Maybe<Scalars['String']['output']>;
  /**
   * The job's free-form payload as Pi reports it; its shape depends on the job type and phase.
   * Diagnostics are left out here: select `diagnostics` and `retrievalDiagnostics` instead.
   */
  payload?: Maybe<Scalars['JSON']['output']>;
  /** The worker's current phase (`payload.phase`), e.g. `phase_b_gemini_manifesto`; null when Pi reports none. */
  phase?: Maybe<Scalars['String']['output']>;
  /**
   * Progress from 0 to 1, derived from the position of `phase` in the documented phase sequence
   * of the job's type. 1 once the job is `COMPLETED` or `FAILED`; 0 while `QUEUED`; 0.5 while
   * `PROCESSING` in a phase the gateway does not know.
   */
  progress: Scalars['Float']['output'];
  /** The job type exactly as Pi names it, e.g. `brand_extraction`. */
  rawType: Scalars['String']['output'];
  /**
   * Pi's reference to the result of a completed job: `brands/<id>` for brand extractions,
   * `ads/<id>` and `avatars/<id>` for ads and avatars, the image URL for campaign jobs. Null until
   * the job completes.
   */
  resultUrl?: Maybe<Scalars['String']['output']>;
  /** The retrieval diagnostics of ad generations (`payload.retrieval_diagnostics`), fetched only when selected. */
  retrievalDiagnostics?: Maybe<Scalars['JSON']['output']>;
  /** The job's lifecycle state (Pi's `data.status`, never the envelope's `status`). */
  status: JobStatus;
  /** What the job does. `OTHER` for job types this gateway does not know; see `rawType`. */
  type: JobType;
  /** When the job last changed. */
  updatedAt: Scalars['DateTime']['output'];
};

/** Why a job failed. */
export type JobError = {
  __typename?: 'JobError';
  /** Pi's failure code (`payload.failure_code` or the `<code>:` prefix of the error log), e.g. `policy_conflict`; null when Pi gave none. */
  code?: Maybe<Scalars['String']['output']>;
  /** A one-line description of the failure (never a stack trace). */
  message: Scalars['String']['output'];
};

/** The answer to a write that queued a job. */
export type JobPayload = {
  __typename?: 'JobPayload';
  /** The `Idempotency-Key` sent to Pi; null for endpoints without idempotency upstream. */
  idempotencyKey?: Maybe<Scalars['String']['output']>;
  /**
   * The queued job. Selecting only fields the write's answer already tells (`id`, `type`,
   * `rawType`, and `status` = `QUEUED` unless replayed) makes no further call to Pi; anything else
   * reads the job like `Query.job` does.
   */
  job: Job;
  /**
   * Whether Pi answered with the response it had stored for this key (`X-Idempotency-Replayed`).
   * Also true when the gateway's own retry got the replay because the first answer was lost.
   */
  replayed: Scalars['Boolean']['output'];
  /** Pi's request id (`X-Request-Id`) of the answer the write got; `unknown` if Pi sent none. */
  requestId: Scalars['String']['output'];
};

/** A job's lifecycle state: `QUEUED → PROCESSING → COMPLETED | FAILED`. The last two are final. */
export type JobStatus =
  /** Finished with a result. */
  | 'COMPLETED'
  /** Finished without a result; see `error`. Polling again will not retry it. */
  | 'FAILED'
  /** A worker is on it; see `phase` and `progress`. */
  | 'PROCESSING'
  /** Accepted, not started yet. */
  | 'QUEUED';

/** The kinds of job the gateway knows. */
export type JobType =
  /** A static ad image (`POST /images/generations`, `/ads/generate`). */
  | 'AD_GENERATION'
  /** An avatar image (`POST /avatars/generate`). */
  | 'AVATAR_GENERATION'
  /** Brand DNA extraction (`POST /brands/extract`). */
  | 'BRAND_EXTRACTION'
  /** An edit of a campaign ad (`POST /campaigns/edit`). */
  | 'CAMPAIGN_AD_EDIT'
  /** A premium campaign ad (`POST /campaigns/generate`, `/images/campaigns`). */
  | 'CAMPAIGN_AD_GENERATION'
  /** A localization of an ad (`POST /campaigns/localize-ad`). */
  | 'CAMPAIGN_AD_LOCALIZATION'
  /** A job type from another Pi domain; see `Job.rawType`. */
  | 'OTHER';

/** An ad to localize: exactly one of `sourceImageUrl` and `sourceJobId`. */
export type LocalizeCampaignAdInput = {
  /** A stored brand (a UUID). */
  brandId?: InputMaybe<Scalars['ID']['input']>;
  /** Your own reference for the request, 1–200 characters (trimmed). */
  clientReferenceId?: InputMaybe<Scalars['String']['input']>;
  /** Your own metadata: a JSON object of at most 16 string values of at most 500 characters. */
  metadata?: InputMaybe<Scalars['JSON']['input']>;
  /** How the image is rendered. */
  output?: InputMaybe<ImageOutputInput>;
  /** What to do, 1–5000 characters (trimmed). */
  prompt: Scalars['String']['input'];
  /** At most 5 reference images (the source image is separate). */
  referenceImages?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The image to localize: an https URL, a data URL or base64, 1–20000 characters. */
  sourceImageUrl?: InputMaybe<Scalars['String']['input']>;
  /** A completed campaign ad or edit (a UUID) whose image is localized. */
  sourceJobId?: InputMaybe<Scalars['ID']['input']>;
  /** The target culture or market, 1–200 characters (trimmed). */
  targetCulture: Scalars['String']['input'];
  /** The target currency, 1–16 characters; Pi infers it when omitted. */
  targetCurrency?: InputMaybe<Scalars['String']['input']>;
  /** The target language, 1–64 characters; Pi infers it when omitted. */
  targetLanguage?: InputMaybe<Scalars['String']['input']>;
};

/**
 * The gateway's writes: one mutation per write endpoint of Pi. Each takes one `input` whose fields
 * are the endpoint's body fields in camelCase; the gateway checks them as Pi does (lengths, counts,
 * enums, exactly-one-of rules) and answers `BAD_USER_INPUT` with `extensions.field` (the dotted path
 * of the bad field, e.g. `input.output.resolution`; list items as `input.referenceImages[2]`) before
 * any call to Pi.
 *
 * **Idempotency.** The mutations whose endpoint supports it upstream (`generateImage`,
 * `generateCampaignAd`, `editCampaignAd`, `localizeCampaignAd`, `generateAvatar`) send an
 * `Idempotency-Key` to Pi on every attempt, unchanged. The key is, in order:
 * 1. the mutation's `idempotencyKey` argument;
 * 2. the request's `Idempotency-Key` header, as is when the operation has one mutation field; when it
 *    has several, each field gets `<header key>:<response key>` (the field's alias, else its name),
 *    so the same operation retried with the same header maps every field to the same key again;
 * 3. otherwise a key the gateway mints for the field (`gw_` + a random UUID) before the first attempt.
 *
 * The key used is returned as `idempotencyKey`, so a client can retry later with it without
 * duplicating the work. Pi keeps one stored response per (organization, endpoint, key): the same key
 * with the same input replays the original answer (`replayed: true`, same job); with another input
 * it fails with `IDEMPOTENCY_KEY_MISMATCH`, which is never retried. Keys are at most 255 printable
 * ASCII characters.
 *
 * **Retries.** With a key, the gateway retries a write on connection failures and resets (also after
 * the request was sent), 502/503/504 and 429 (honouring `Retry-After` within the operation's
 * deadline), with jittered backoff and a bounded number of attempts. The other writes
 * (`extractBrand`, `projectBrand`, `saveAvatar`, webhooks, `startRun`) have no idempotency upstream
 * and are retried only when the request provably never reached Pi; otherwise they fail with
 * `UPSTREAM_UNAVAILABLE` (or `UPSTREAM_TIMEOUT`) and `extensions.outcome: "unknown"`: the write may
 * or may not have happened. An idempotent write that still fails carries its key in
 * `extensions.idempotencyKey`.
 */
export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Registers an https endpoint for `job.completed`/`job.failed` events (`POST /api/v1/webhooks`).
   * The secret goes to Pi only: it is never returned or logged. Never retried once sent.
   */
  createWebhook: WebhookPayload;
  /** Queues an edit of a completed campaign ad (`POST /api/v1/campaigns/edit`). */
  editCampaignAd: ImageGenerationPayload;
  /**
   * Queues a brand DNA extraction from a website, a logo and/or reference images
   * (`POST /api/v1/brands/extract`). The job's result is the brand (`job { brand { ... } }` once
   * `COMPLETED`). Pi has no idempotency for this endpoint: it is never retried once sent.
   */
  extractBrand: JobPayload;
  /** Queues an avatar image (`POST /api/v1/avatars/generate`). */
  generateAvatar: ImageGenerationPayload;
  /** Queues a premium campaign ad (`POST /api/v1/campaigns/generate`). */
  generateCampaignAd: ImageGenerationPayload;
  /** Queues a static ad image (`POST /api/v1/images/generations`). */
  generateImage: ImageGenerationPayload;
  /** Queues a localization of an ad to a culture or market (`POST /api/v1/campaigns/localize-ad`). */
  localizeCampaignAd: ImageGenerationPayload;
  /**
   * Projects a brand's DNA for a use case, synchronously (`POST /api/v1/brands/:id/project`).
   * Not idempotent upstream: never retried once sent.
   */
  projectBrand: ProjectBrandPayload;
  /**
   * Saves the image of a completed avatar generation (`POST /api/v1/avatars/save`). Every call saves
   * another avatar upstream; never retried once sent.
   */
  saveAvatar: SaveAvatarPayload;
  /** Turns event delivery to a webhook on or off (`PATCH /api/v1/webhooks/:id`). */
  setWebhookActive: WebhookPayload;
  /**
   * Starts a run: a pipeline of steps Pi executes in dependency order (`POST /api/v1/runs`).
   * Never retried once sent.
   */
  startRun: StartRunPayload;
};


/**
 * The gateway's writes: one mutation per write endpoint of Pi. Each takes one `input` whose fields
 * are the endpoint's body fields in camelCase; the gateway checks them as Pi does (lengths, counts,
 * enums, exactly-one-of rules) and answers `BAD_USER_INPUT` with `extensions.field` (the dotted path
 * of the bad field, e.g. `input.output.resolution`; list items as `input.referenceImages[2]`) before
 * any call to Pi.
 *
 * **Idempotency.** The mutations whose endpoint supports it upstream (`generateImage`,
 * `generateCampaignAd`, `editCampaignAd`, `localizeCampaignAd`, `generateAvatar`) send an
 * `Idempotency-Key` to Pi on every attempt, unchanged. The key is, in order:
 * 1. the mutation's `idempotencyKey` argument;
 * 2. the request's `Idempotency-Key` header, as is when the operation has one mutation field; when it
 *    has several, each field gets `<header key>:<response key>` (the field's alias, else its name),
 *    so the same operation retried with the same header maps every field to the same key again;
 * 3. otherwise a key the gateway mints for the field (`gw_` + a random UUID) before the first attempt.
 *
 * The key used is returned as `idempotencyKey`, so a client can retry later with it without
 * duplicating the work. Pi keeps one stored response per (organization, endpoint, key): the same key
 * with the same input replays the original answer (`replayed: true`, same job); with another input
 * it fails with `IDEMPOTENCY_KEY_MISMATCH`, which is never retried. Keys are at most 255 printable
 * ASCII characters.
 *
 * **Retries.** With a key, the gateway retries a write on connection failures and resets (also after
 * the request was sent), 502/503/504 and 429 (honouring `Retry-After` within the operation's
 * deadline), with jittered backoff and a bounded number of attempts. The other writes
 * (`extractBrand`, `projectBrand`, `saveAvatar`, webhooks, `startRun`) have no idempotency upstream
 * and are retried only when the request provably never reached Pi; otherwise they fail with
 * `UPSTREAM_UNAVAILABLE` (or `UPSTREAM_TIMEOUT`) and `extensions.outcome: "unknown"`: the write may
 * or may not have happened. An idempotent write that still fails carries its key in
 * `extensions.idempotencyKey`.
 */
export type MutationCreateWebhookArgs = {
  input: CreateWebhookInput;
};


/**
 * The gateway's writes: one mutation per write endpoint of Pi. Each takes one `input` whose fields
 * are the endpoint's body fields in camelCase; the gateway checks them as Pi does (lengths, counts,
 * enums, exactly-one-of rules) and answers `BAD_USER_INPUT` with `extensions.field` (the dotted path
 * of the bad field, e.g. `input.output.resolution`; list items as `input.referenceImages[2]`) before
 * any call to Pi.
 *
 * **Idempotency.** The mutations whose endpoint supports it upstream (`generateImage`,
 * `generateCampaignAd`, `editCampaignAd`, `localizeCampaignAd`, `generateAvatar`) send an
 * `Idempotency-Key` to Pi on every attempt, unchanged. The key is, in order:
 * 1. the mutation's `idempotencyKey` argument;
 * 2. the request's `Idempotency-Key` header, as is when the operation has one mutation field; when it
 *    has several, each field gets `<header key>:<response key>` (the field's alias, else its name),
 *    so the same operation retried with the same header maps every field to the same key again;
 * 3. otherwise a key the gateway mints for the field (`gw_` + a random UUID) before the first attempt.
 *
 * The key used is returned as `idempotencyKey`, so a client can retry later with it without
 * duplicating the work. Pi keeps one stored response per (organization, endpoint, key): the same key
 * with the same input replays the original answer (`replayed: true`, same job); with another input
 * it fails with `IDEMPOTENCY_KEY_MISMATCH`, which is never retried. Keys are at most 255 printable
 * ASCII characters.
 *
 * **Retries.** With a key, the gateway retries a write on connection failures and resets (also after
 * the request was sent), 502/503/504 and 429 (honouring `Retry-After` within the operation's
 * deadline), with jittered backoff and a bounded number of attempts. The other writes
 * (`extractBrand`, `projectBrand`, `saveAvatar`, webhooks, `startRun`) have no idempotency upstream
 * and are retried only when the request provably never reached Pi; otherwise they fail with
 * `UPSTREAM_UNAVAILABLE` (or `UPSTREAM_TIMEOUT`) and `extensions.outcome: "unknown"`: the write may
 * or may not have happened. An idempotent write that still fails carries its key in
 * `extensions.idempotencyKey`.
 */
export type MutationEditCampaignAdArgs = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  input: EditCampaignAdInput;
};


/**
 * The gateway's writes: one mutation per write endpoint of Pi. Each takes one `input` whose fields
 * are the endpoint's body fields in camelCase; the gateway checks them as Pi does (lengths, counts,
 * enums, exactly-one-of rules) and answers `BAD_USER_INPUT` with `extensions.field` (the dotted path
 * of the bad field, e.g. `input.output.resolution`; list items as `input.referenceImages[2]`) before
 * any call to Pi.
 *
 * **Idempotency.** The mutations whose endpoint supports it upstream (`generateImage`,
 * `generateCampaignAd`, `editCampaignAd`, `localizeCampaignAd`, `generateAvatar`) send an
 * `Idempotency-Key` to Pi on every attempt, unchanged. The key is, in order:
 * 1. the mutation's `idempotencyKey` argument;
 * 2. the request's `Idempotency-Key` header, as is when the operation has one mutation field; when it
 *    has several, each field gets `<header key>:<response key>` (the field's alias, else its name),
 *    so the same operation retried with the same header maps every field to the same key again;
 * 3. otherwise a key the gateway mints for the field (`gw_` + a random UUID) before the first attempt.
 *
 * The key used is returned as `idempotencyKey`, so a client can retry later with it without
 * duplicating the work. Pi keeps one stored response per (organization, endpoint, key): the same key
 * with the same input replays the original answer (`replayed: true`, same job); with another input
 * it fails with `IDEMPOTENCY_KEY_MISMATCH`, which is never retried. Keys are at most 255 printable
 * ASCII characters.
 *
 * **Retries.** With a key, the gateway retries a write on connection failures and resets (also after
 * the request was sent), 502/503/504 and 429 (honouring `Retry-After` within the operation's
 * deadline), with jittered backoff and a bounded number of attempts. The other writes
 * (`extractBrand`, `projectBrand`, `saveAvatar`, webhooks, `startRun`) have no idempotency upstream
 * and are retried only when the request provably never reached Pi; otherwise they fail with
 * `UPSTREAM_UNAVAILABLE` (or `UPSTREAM_TIMEOUT`) and `extensions.outcome: "unknown"`: the write may
 * or may not have happened. An idempotent write that still fails carries its key in
 * `extensions.idempotencyKey`.
 */
export type MutationExtractBrandArgs = {
  input: ExtractBrandInput;
};


/**
 * The gateway's writes: one mutation per write endpoint of Pi. Each takes one `input` whose fields
 * are the endpoint's body fields in camelCase; the gateway checks them as Pi does (lengths, counts,
 * enums, exactly-one-of rules) and answers `BAD_USER_INPUT` with `extensions.field` (the dotted path
 * of the bad field, e.g. `input.output.resolution`; list items as `input.referenceImages[2]`) before
 * any call to Pi.
 *
 * **Idempotency.** The mutations whose endpoint supports it upstream (`generateImage`,
 * `generateCampaignAd`, `editCampaignAd`, `localizeCampaignAd`, `generateAvatar`) send an
 * `Idempotency-Key` to Pi on every attempt, unchanged. The key is, in order:
 * 1. the mutation's `idempotencyKey` argument;
 * 2. the request's `Idempotency-Key` header, as is when the operation has one mutation field; when it
 *    has several, each field gets `<header key>:<response key>` (the field's alias, else its name),
 *    so the same operation retried with the same header maps every field to the same key again;
 * 3. otherwise a key the gateway mints for the field (`gw_` + a random UUID) before the first attempt.
 *
 * The key used is returned as `idempotencyKey`, so a client can retry later with it without
 * duplicating the work. Pi keeps one stored response per (organization, endpoint, key): the same key
 * with the same input replays the original answer (`replayed: true`, same job); with another input
 * it fails with `IDEMPOTENCY_KEY_MISMATCH`, which is never retried. Keys are at most 255 printable
 * ASCII characters.
 *
 * **Retries.** With a key, the gateway retries a write on connection failures and resets (also after
 * the request was sent), 502/503/504 and 429 (honouring `Retry-After` within the operation's
 * deadline), with jittered backoff and a bounded number of attempts. The other writes
 * (`extractBrand`, `projectBrand`, `saveAvatar`, webhooks, `startRun`) have no idempotency upstream
 * and are retried only when the request provably never reached Pi; otherwise they fail with
 * `UPSTREAM_UNAVAILABLE` (or `UPSTREAM_TIMEOUT`) and `extensions.outcome: "unknown"`: the write may
 * or may not have happened. An idempotent write that still fails carries its key in
 * `extensions.idempotencyKey`.
 */
export type MutationGenerateAvatarArgs = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  input: GenerateAvatarInput;
};


/**
 * The gateway's writes: one mutation per write endpoint of Pi. Each takes one `input` whose fields
 * are the endpoint's body fields in camelCase; the gateway checks them as Pi does (lengths, counts,
 * enums, exactly-one-of rules) and answers `BAD_USER_INPUT` with `extensions.field` (the dotted path
 * of the bad field, e.g. `input.output.resolution`; list items as `input.referenceImages[2]`) before
 * any call to Pi.
 *
 * **Idempotency.** The mutations whose endpoint supports it upstream (`generateImage`,
 * `generateCampaignAd`, `editCampaignAd`, `localizeCampaignAd`, `generateAvatar`) send an
 * `Idempotency-Key` to Pi on every attempt, unchanged. The key is, in order:
 * 1. the mutation's `idempotencyKey` argument;
 * 2. the request's `Idempotency-Key` header, as is when the operation has one mutation field; when it
 *    has several, each field gets `<header key>:<response key>` (the field's alias, else its name),
 *    so the same operation retried with the same header maps every field to the same key again;
 * 3. otherwise a key the gateway mints for the field (`gw_` + a random UUID) before the first attempt.
 *
 * The key used is returned as `idempotencyKey`, so a client can retry later with it without
 * duplicating the work. Pi keeps one stored response per (organization, endpoint, key): the same key
 * with the same input replays the original answer (`replayed: true`, same job); with another input
 * it fails with `IDEMPOTENCY_KEY_MISMATCH`, which is never retried. Keys are at most 255 printable
 * ASCII characters.
 *
 * **Retries.** With a key, the gateway retries a write on connection failures and resets (also after
 * the request was sent), 502/503/504 and 429 (honouring `Retry-After` within the operation's
 * deadline), with jittered backoff and a bounded number of attempts. The other writes
 * (`extractBrand`, `projectBrand`, `saveAvatar`, webhooks, `startRun`) have no idempotency upstream
 * and are retried only when the request provably never reached Pi; otherwise they fail with
 * `UPSTREAM_UNAVAILABLE` (or `UPSTREAM_TIMEOUT`) and `extensions.outcome: "unknown"`: the write may
 * or may not have happened. An idempotent write that still fails carries its key in
 * `extensions.idempotencyKey`.
 */
export type MutationGenerateCampaignAdArgs = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  input: GenerateCampaignAdInput;
};


/**
 * The gateway's writes: one mutation per write endpoint of Pi. Each takes one `input` whose fields
 * are the endpoint's body fields in camelCase; the gateway checks them as Pi does (lengths, counts,
 * enums, exactly-one-of rules) and answers `BAD_USER_INPUT` with `extensions.field` (the dotted path
 * of the bad field, e.g. `input.output.resolution`; list items as `input.referenceImages[2]`) before
 * any call to Pi.
 *
 * **Idempotency.** The mutations whose endpoint supports it upstream (`generateImage`,
 * `generateCampaignAd`, `editCampaignAd`, `localizeCampaignAd`, `generateAvatar`) send an
 * `Idempotency-Key` to Pi on every attempt, unchanged. The key is, in order:
 * 1. the mutation's `idempotencyKey` argument;
 * 2. the request's `Idempotency-Key` header, as is when the operation has one mutation field; when it
 *    has several, each field gets `<header key>:<response key>` (the field's alias, else its name),
 *    so the same operation retried with the same header maps every field to the same key again;
 * 3. otherwise a key the gateway mints for the field (`gw_` + a random UUID) before the first attempt.
 *
 * The key used is returned as `idempotencyKey`, so a client can retry later with it without
 * duplicating the work. Pi keeps one stored response per (organization, endpoint, key): the same key
 * with the same input replays the original answer (`replayed: true`, same job); with another input
 * it fails with `IDEMPOTENCY_KEY_MISMATCH`, which is never retried. Keys are at most 255 printable
 * ASCII characters.
 *
 * **Retries.** With a key, the gateway retries a write on connection failures and resets (also after
 * the request was sent), 502/503/504 and 429 (honouring `Retry-After` within the operation's
 * deadline), with jittered backoff and a bounded number of attempts. The other writes
 * (`extractBrand`, `projectBrand`, `saveAvatar`, webhooks, `startRun`) have no idempotency upstream
 * and are retried only when the request provably never reached Pi; otherwise they fail with
 * `UPSTREAM_UNAVAILABLE` (or `UPSTREAM_TIMEOUT`) and `extensions.outcome: "unknown"`: the write may
 * or may not have happened. An idempotent write that still fails carries its key in
 * `extensions.idempotencyKey`.
 */
export type MutationGenerateImageArgs = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  input: GenerateImageInput;
};


/**
 * The gateway's writes: one mutation per write endpoint of Pi. Each takes one `input` whose fields
 * are the endpoint's body fields in camelCase; the gateway checks them as Pi does (lengths, counts,
 * enums, exactly-one-of rules) and answers `BAD_USER_INPUT` with `extensions.field` (the dotted path
 * of the bad field, e.g. `input.output.resolution`; list items as `input.referenceImages[2]`) before
 * any call to Pi.
 *
 * **Idempotency.** The mutations whose endpoint supports it upstream (`generateImage`,
 * `generateCampaignAd`, `editCampaignAd`, `localizeCampaignAd`, `generateAvatar`) send an
 * `Idempotency-Key` to Pi on every attempt, unchanged. The key is, in order:
 * 1. the mutation's `idempotencyKey` argument;
 * 2. the request's `Idempotency-Key` header, as is when the operation has one mutation field; when it
 *    has several, each field gets `<header key>:<response key>` (the field's alias, else its name),
 *    so the same operation retried with the same header maps every field to the same key again;
 * 3. otherwise a key the gateway mints for the field (`gw_` + a random UUID) before the first attempt.
 *
 * The key used is returned as `idempotencyKey`, so a client can retry later with it without
 * duplicating the work. Pi keeps one stored response per (organization, endpoint, key): the same key
 * with the same input replays the original answer (`replayed: true`, same job); with another input
 * it fails with `IDEMPOTENCY_KEY_MISMATCH`, which is never retried. Keys are at most 255 printable
 * ASCII characters.
 *
 * **Retries.** With a key, the gateway retries a write on connection failures and resets (also after
 * the request was sent), 502/503/504 and 429 (honouring `Retry-After` within the operation's
 * deadline), with jittered backoff and a bounded number of attempts. The other writes
 * (`extractBrand`, `projectBrand`, `saveAvatar`, webhooks, `startRun`) have no idempotency upstream
 * and are retried only when the request provably never reached Pi; otherwise they fail with
 * `UPSTREAM_UNAVAILABLE` (or `UPSTREAM_TIMEOUT`) and `extensions.outcome: "unknown"`: the write may
 * or may not have happened. An idempotent write that still fails carries its key in
 * `extensions.idempotencyKey`.
 */
export type MutationLocalizeCampaignAdArgs = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  input: LocalizeCampaignAdInput;
};


/**
 * The gateway's writes: one mutation per write endpoint of Pi. Each takes one `input` whose fields
 * are the endpoint's body fields in camelCase; the gateway checks them as Pi does (lengths, counts,
 * enums, exactly-one-of rules) and answers `BAD_USER_INPUT` with `extensions.field` (the dotted path
 * of the bad field, e.g. `input.output.resolution`; list items as `input.referenceImages[2]`) before
 * any call to Pi.
 *
 * **Idempotency.** The mutations whose endpoint supports it upstream (`generateImage`,
 * `generateCampaignAd`, `editCampaignAd`, `localizeCampaignAd`, `generateAvatar`) send an
 * `Idempotency-Key` to Pi on every attempt, unchanged. The key is, in order:
 * 1. the mutation's `idempotencyKey` argument;
 * 2. the request's `Idempotency-Key` header, as is when the operation has one mutation field; when it
 *    has several, each field gets `<header key>:<response key>` (the field's alias, else its name),
 *    so the same operation retried with the same header maps every field to the same key again;
 * 3. otherwise a key the gateway mints for the field (`gw_` + a random UUID) before the first attempt.
 *
 * The key used is returned as `idempotencyKey`, so a client can retry later with it without
 * duplicating the work. Pi keeps one stored response per (organization, endpoint, key): the same key
 * with the same input replays the original answer (`replayed: true`, same job); with another input
 * it fails with `IDEMPOTENCY_KEY_MISMATCH`, which is never retried. Keys are at most 255 printable
 * ASCII characters.
 *
 * **Retries.** With a key, the gateway retries a write on connection failures and resets (also after
 * the request was sent), 502/503/504 and 429 (honouring `Retry-After` within the operation's
 * deadline), with jittered backoff and a bounded number of attempts. The other writes
 * (`extractBrand`, `projectBrand`, `saveAvatar`, webhooks, `startRun`) have no idempotency upstream
 * and are retried only when the request provably never reached Pi; otherwise they fail with
 * `UPSTREAM_UNAVAILABLE` (or `UPSTREAM_TIMEOUT`) and `extensions.outcome: "unknown"`: the write may
 * or may not have happened. An idempotent write that still fails carries its key in
 * `extensions.idempotencyKey`.
 */
export type MutationProjectBrandArgs = {
  input: ProjectBrandInput;
};


/**
 * The gateway's writes: one mutation per write endpoint of Pi. Each takes one `input` whose fields
 * are the endpoint's body fields in camelCase; the gateway checks them as Pi does (lengths, counts,
 * enums, exactly-one-of rules) and answers `BAD_USER_INPUT` with `extensions.field` (the dotted path
 * of the bad field, e.g. `input.output.resolution`; list items as `input.referenceImages[2]`) before
 * any call to Pi.
 *
 * **Idempotency.** The mutations whose endpoint supports it upstream (`generateImage`,
 * `generateCampaignAd`, `editCampaignAd`, `localizeCampaignAd`, `generateAvatar`) send an
 * `Idempotency-Key` to Pi on every attempt, unchanged. The key is, in order:
 * 1. the mutation's `idempotencyKey` argument;
 * 2. the request's `Idempotency-Key` header, as is when the operation has one mutation field; when it
 *    has several, each field gets `<header key>:<response key>` (the field's alias, else its name),
 *    so the same operation retried with the same header maps every field to the same key again;
 * 3. otherwise a key the gateway mints for the field (`gw_` + a random UUID) before the first attempt.
 *
 * The key used is returned as `idempotencyKey`, so a client can retry later with it without
 * duplicating the work. Pi keeps one stored response per (organization, endpoint, key): the same key
 * with the same input replays the original answer (`replayed: true`, same job); with another input
 * it fails with `IDEMPOTENCY_KEY_MISMATCH`, which is never retried. Keys are at most 255 printable
 * ASCII characters.
 *
 * **Retries.** With a key, the gateway retries a write on connection failures and resets (also after
 * the request was sent), 502/503/504 and 429 (honouring `Retry-After` within the operation's
 * deadline), with jittered backoff and a bounded number of attempts. The other writes
 * (`extractBrand`, `projectBrand`, `saveAvatar`, webhooks, `startRun`) have no idempotency upstream
 * and are retried only when the request provably never reached Pi; otherwise they fail with
 * `UPSTREAM_UNAVAILABLE` (or `UPSTREAM_TIMEOUT`) and `extensions.outcome: "unknown"`: the write may
 * or may not have happened. An idempotent write that still fails carries its key in
 * `extensions.idempotencyKey`.
 */
export type MutationSaveAvatarArgs = {
  input: SaveAvatarInput;
};


/**
 * The gateway's writes: one mutation per write endpoint of Pi. Each takes one `input` whose fields
 * are the endpoint's body fields in camelCase; the gateway checks them as Pi does (lengths, counts,
 * enums, exactly-one-of rules) and answers `BAD_USER_INPUT` with `extensions.field` (the dotted path
 * of the bad field, e.g. `input.output.resolution`; list items as `input.referenceImages[2]`) before
 * any call to Pi.
 *
 * **Idempotency.** The mutations whose endpoint supports it upstream (`generateImage`,
 * `generateCampaignAd`, `editCampaignAd`, `localizeCampaignAd`, `generateAvatar`) send an
 * `Idempotency-Key` to Pi on every attempt, unchanged. The key is, in order:
 * 1. the mutation's `idempotencyKey` argument;
 * 2. the request's `Idempotency-Key` header, as is when the operation has one mutation field; when it
 *    has several, each field gets `<header key>:<response key>` (the field's alias, else its name),
 *    so the same operation retried with the same header maps every field to the same key again;
 * 3. otherwise a key the gateway mints for the field (`gw_` + a random UUID) before the first attempt.
 *
 * The key used is returned as `idempotencyKey`, so a client can retry later with it without
 * duplicating the work. Pi keeps one stored response per (organization, endpoint, key): the same key
 * with the same input replays the original answer (`replayed: true`, same job); with another input
 * it fails with `IDEMPOTENCY_KEY_MISMATCH`, which is never retried. Keys are at most 255 printable
 * ASCII characters.
 *
 * **Retries.** With a key, the gateway retries a write on connection failures and resets (also after
 * the request was sent), 502/503/504 and 429 (honouring `Retry-After` within the operation's
 * deadline), with jittered backoff and a bounded number of attempts. The other writes
 * (`extractBrand`, `projectBrand`, `saveAvatar`, webhooks, `startRun`) have no idempotency upstream
 * and are retried only when the request provably never reached Pi; otherwise they fail with
 * `UPSTREAM_UNAVAILABLE` (or `UPSTREAM_TIMEOUT`) and `extensions.outcome: "unknown"`: the write may
 * or may not have happened. An idempotent write that still fails carries its key in
 * `extensions.idempotencyKey`.
 */
export type MutationSetWebhookActiveArgs = {
  input: SetWebhookActiveInput;
};


/**
 * The gateway's writes: one mutation per write endpoint of Pi. Each takes one `input` whose fields
 * are the endpoint's body fields in camelCase; the gateway checks them as Pi does (lengths, counts,
 * enums, exactly-one-of rules) and answers `BAD_USER_INPUT` with `extensions.field` (the dotted path
 * of the bad field, e.g. `input.output.resolution`; list items as `input.referenceImages[2]`) before
 * any call to Pi.
 *
 * **Idempotency.** The mutations whose endpoint supports it upstream (`generateImage`,
 * `generateCampaignAd`, `editCampaignAd`, `localizeCampaignAd`, `generateAvatar`) send an
 * `Idempotency-Key` to Pi on every attempt, unchanged. The key is, in order:
 * 1. the mutation's `idempotencyKey` argument;
 * 2. the request's `Idempotency-Key` header, as is when the operation has one mutation field; when it
 *    has several, each field gets `<header key>:<response key>` (the field's alias, else its name),
 *    so the same operation retried with the same header maps every field to the same key again;
 * 3. otherwise a key the gateway mints for the field (`gw_` + a random UUID) before the first attempt.
 *
 * The key used is returned as `idempotencyKey`, so a client can retry later with it without
 * duplicating the work. Pi keeps one stored response per (organization, endpoint, key): the same key
 * with the same input replays the original answer (`replayed: true`, same job); with another input
 * it fails with `IDEMPOTENCY_KEY_MISMATCH`, which is never retried. Keys are at most 255 printable
 * ASCII characters.
 *
 * **Retries.** With a key, the gateway retries a write on connection failures and resets (also after
 * the request was sent), 502/503/504 and 429 (honouring `Retry-After` within the operation's
 * deadline), with jittered backoff and a bounded number of attempts. The other writes
 * (`extractBrand`, `projectBrand`, `saveAvatar`, webhooks, `startRun`) have no idempotency upstream
 * and are retried only when the request provably never reached Pi; otherwise they fail with
 * `UPSTREAM_UNAVAILABLE` (or `UPSTREAM_TIMEOUT`) and `extensions.outcome: "unknown"`: the write may
 * or may not have happened. An idempotent write that still fails carries its key in
 * `extensions.idempotencyKey`.
 */
export type MutationStartRunArgs = {
  input: StartRunInput;
};

/** A brand to project and what for. */
export type ProjectBrandInput = {
  /** The brand's id (a UUID). */
  brandId: Scalars['ID']['input'];
  /** What the projection is for, 1–700 characters (trimmed). */
  useCase: Scalars['String']['input'];
};

/** The answer to `projectBrand`. */
export type ProjectBrandPayload = {
  __typename?: 'ProjectBrandPayload';
  /** The projection Pi produced. */
  projection: BrandProjection;
  /** Pi's request id (`X-Request-Id`); `unknown` if Pi sent none. */
  requestId: Scalars['String']['output'];
};

/** The gateway's entry points. Each domain file adds its fields with `extend type Query`. */
export type Query = {
  __typename?: 'Query';
  /**
   * One brand by id (`GET /api/v1/brands/:id`). Null, with a `NOT_FOUND` error at this path, when
   * the brand does not exist or belongs to another organization.
   */
  brand?: Maybe<Brand>;
  /** The organization's brands, newest first, one page at a time (`GET /api/v1/brands`). */
  brands: BrandConnection;
  /**
   * One image-producing job viewed as an image generation. Null when the job is not an image job;
   * null with a `NOT_FOUND` error when the job does not exist or belongs to another organization.
   */
  imageGeneration?: Maybe<ImageGeneration>;
  /**
   * One job by id (`GET /api/v1/jobs/:id`). Null, with a `NOT_FOUND` error at this path, when the
   * job does not exist or belongs to another organization.
   */
  job?: Maybe<Job>;
  /**
   * Several jobs by id, in the order given (at most 100). A job that cannot be read is null at its
   * index, with its error at `[jobs, index]`; the others are unaffected.
   */
  jobs: Array<Maybe<Job>>;
  /**
   * One run (a multi-step pipeline) by id (`GET /api/v1/runs/:id`). Null, with a `NOT_FOUND` error
   * at this path, when it does not exist or belongs to another organization.
   */
  run?: Maybe<Run>;
  /**
   * One saved avatar by id (`GET /api/v1/avatars/:id`). Null, with a `NOT_FOUND` error at this
   * path, when it does not exist or belongs to another organization.
   */
  savedAvatar?: Maybe<SavedAvatar>;
  /** The organization's saved avatars, newest first, one page at a time (`GET /api/v1/avatars`). */
  savedAvatars: SavedAvatarConnection;
  /** The organization's webhook endpoints, newest first (`GET /api/v1/webhooks`). */
  webhooks: Array<Webhook>;
};


/** The gateway's entry points. Each domain file adds its fields with `extend type Query`. */
export type QueryBrandArgs = {
  id: Scalars['ID']['input'];
};


/** The gateway's entry points. Each domain file adds its fields with `extend type Query`. */
export type QueryBrandsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  query?: InputMaybe<Scalars['String']['input']>;
};


/** The gateway's entry points. Each domain file adds its fields with `extend type Query`. */
export type QueryImageGenerationArgs = {
  id: Scalars['ID']['input'];
};


/** The gateway's entry points. Each domain file adds its fields with `extend type Query`. */
export type QueryJobArgs = {
  id: Scalars['ID']['input'];
};


/** The gateway's entry points. Each domain file adds its fields with `extend type Query`. */
export type QueryJobsArgs = {
  ids: Array<Scalars['ID']['input']>;
};


/** The gateway's entry points. Each domain file adds its fields with `extend type Query`. */
export type QueryRunArgs = {
  id: Scalars['ID']['input'];
};


/** The gateway's entry points. Each domain file adds its fields with `extend type Query`. */
export type QuerySavedAvatarArgs = {
  id: Scalars['ID']['input'];
};


/** The gateway's entry points. Each domain file adds its fields with `extend type Query`. */
export type QuerySavedAvatarsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};

/** A pipeline of steps that Pi runs in dependency order, each step one job. */
export type Run = {
  __typename?: 'Run';
  /** When the run was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The run's id (a UUID). */
  id: Scalars['ID']['output'];
  /** The caller's metadata for the run, if any. */
  metadata?: Maybe<Scalars['JSON']['output']>;
  /** The run's state. */
  status: RunStatus;
  /** The steps in the order they were declared. */
  steps: Array<RunStep>;
  /** When the run last changed. */
  updatedAt: Scalars['DateTime']['output'];
};

/** A run's state. `COMPLETED`, `FAILED` and `CANCELLED` are final. */
export type RunStatus =
  /** The run was cancelled. */
  | 'CANCELLED'
  /** Every step finished. */
  | 'COMPLETED'
  /** A step failed. */
  | 'FAILED'
  /** At least one step has started. */
  | 'IN_PROGRESS'
  /** Accepted, no step started yet. */
  | 'PENDING';

/** One step of a run. */
export type RunStep = {
  __typename?: 'RunStep';
  /** What the step does; null when Pi does not report it. */
  action?: Maybe<RunStepAction>;
  /** When the step finished. */
  completedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The ids of the steps this one waits for. */
  dependsOn: Array<Scalars['ID']['output']>;
  /** Why the step failed, if it did. */
  error?: Maybe<Scalars['String']['output']>;
  /** The step's id, unique within the run. */
  id: Scalars['ID']['output'];
  /** The job the step started, once it started one. */
  job?: Maybe<Job>;
  /** The id of the job the step started, once it started one. */
  jobId?: Maybe<Scalars['ID']['output']>;
  /** The step's result, as Pi reports it. */
  result?: Maybe<Scalars['JSON']['output']>;
  /** When the step started. */
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The step's state. */
  status: RunStepStatus;
};

/** What a run step does. */
export type RunStepAction =
  /** Extract a brand (`brands.extract`). */
  | 'BRANDS_EXTRACT'
  /** Edit a campaign ad (`campaigns.edit`). */
  | 'CAMPAIGNS_EDIT'
  /** Generate a campaign ad (`campaigns.generate`). */
  | 'CAMPAIGNS_GENERATE'
  /** Localize an ad (`campaigns.localize_ad`). */
  | 'CAMPAIGNS_LOCALIZE_AD';

/** One step of a run. */
export type RunStepInput = {
  /** What the step does. */
  action: RunStepAction;
  /** The ids of the steps this one waits for. */
  dependsOn?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** The step's id, 1–64 characters (trimmed), unique within the run. */
  id: Scalars['ID']['input'];
  /** The step's body for its action, a JSON object with Pi's snake_case fields. */
  input?: InputMaybe<Scalars['JSON']['input']>;
  /**
   * Fields of `input` taken from earlier steps' results: a JSON object such as
   * `{ "brand_id": "$steps.extract.result.brand_id" }`.
   */
  inputMap?: InputMaybe<Scalars['JSON']['input']>;
};

/** A run step's state. */
export type RunStepStatus =
  /** Its job completed. */
  | 'COMPLETED'
  /** Its job failed. */
  | 'FAILED'
  /** Waiting for its dependencies. */
  | 'PENDING'
  /** Its job is running. */
  | 'PROCESSING'
  /** Its job was created and waits for a worker. */
  | 'QUEUED'
  /** It did not run because a dependency failed. */
  | 'SKIPPED';

/** An avatar job to save. */
export type SaveAvatarInput = {
  /** A completed avatar generation job (a UUID). */
  jobId: Scalars['ID']['input'];
  /** A label, at most 200 characters (trimmed). */
  label?: InputMaybe<Scalars['String']['input']>;
};

/** The answer to `saveAvatar`. */
export type SaveAvatarPayload = {
  __typename?: 'SaveAvatarPayload';
  /** Pi's request id (`X-Request-Id`); `unknown` if Pi sent none. */
  requestId: Scalars['String']['output'];
  /** The saved avatar. */
  savedAvatar: SavedAvatar;
};

/** An avatar image saved from a completed avatar generation. */
export type SavedAvatar = {
  __typename?: 'SavedAvatar';
  /** When the avatar was saved. */
  createdAt: Scalars['DateTime']['output'];
  /** The saved avatar's id (a UUID). */
  id: Scalars['ID']['output'];
  /** The avatar image's URL. */
  imageUrl: Scalars['String']['output'];
  /** The label given when saving, if any. */
  label?: Maybe<Scalars['String']['output']>;
  /** When the saved avatar last changed; Pi reports it only when the avatar is read by id. */
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
};

/** One page of saved avatars. */
export type SavedAvatarConnection = {
  __typename?: 'SavedAvatarConnection';
  /** Whether there are saved avatars after this page. */
  hasMore: Scalars['Boolean']['output'];
  /** The saved avatars on this page. */
  nodes: Array<SavedAvatar>;
  /** How many saved avatars there are in total. */
  totalCount: Scalars['Int']['output'];
};

/** A webhook and whether it should receive events. */
export type SetWebhookActiveInput = {
  /** The webhook's id (a UUID). */
  id: Scalars['ID']['input'];
  /** Whether Pi delivers events to it. */
  isActive: Scalars['Boolean']['input'];
};

/** A run: 1–10 steps forming a dependency graph without cycles. */
export type StartRunInput = {
  /** Your own metadata for the run, a JSON object. */
  metadata?: InputMaybe<Scalars['JSON']['input']>;
  /** The steps; ids are unique and every dependency names another step. */
  steps: Array<RunStepInput>;
};

/** The answer to `startRun`. */
export type StartRunPayload = {
  __typename?: 'StartRunPayload';
  /** Pi's request id (`X-Request-Id`); `unknown` if Pi sent none. */
  requestId: Scalars['String']['output'];
  /**
   * The started run. Its `id`, `status` and the steps' `id` and `status` come with Pi's answer;
   * selecting anything else reads the run like `Query.run` does.
   */
  run: Run;
};

/**
 * Live updates, served over WebSocket (`graphql-transport-ws`, the `graphql-ws` protocol) on the same
 * path as HTTP (`/graphql`). Send the Pi key in the `connection_init` payload as
 * `{ "authorization": "Bearer <Pi API key>" }` (`Authorization` also works); a missing or malformed
 * key closes the socket with 4403. Each socket runs at most `MAX_SUBSCRIPTIONS_PER_SOCKET` operations
 * at once (default 100); more get an error and the socket stays open.
 *
 * Every event is a whole state read from Pi, resolved like a query (selections such as
 * `brand { name }` or `diagnostics` load what they need), and a subscriber never sees a state older
 * than one it already saw. Subscribers of the same object with the same key share one upstream
 * long-poll. A stream that cannot go on (the object is gone, Pi keeps failing) ends with an error
 * payload (e.g. `UPSTREAM_ERROR`) instead of stalling.
 */
export type Subscription = {
  __typename?: 'Subscription';
  /**
   * The job's current state first, then one event per change of status or phase, completing after
   * `COMPLETED` or `FAILED` (with `error`). A job that does not exist or belongs to another
   * organization ends at once with `NOT_FOUND` and starts no watcher. When Pi webhooks are
   * configured (`PI_WEBHOOK_SECRET`), the terminal state arrives as soon as Pi signals it.
   */
  jobUpdated: Job;
  /**
   * The run's current state first, then one event per change of its status or of a step's status,
   * completing after `COMPLETED`, `FAILED` or `CANCELLED`. A run that does not exist or belongs to
   * another organization ends at once with `NOT_FOUND`.
   */
  runUpdated: Run;
};


/**
 * Live updates, served over WebSocket (`graphql-transport-ws`, the `graphql-ws` protocol) on the same
 * path as HTTP (`/graphql`). Send the Pi key in the `connection_init` payload as
 * `{ "authorization": "Bearer <Pi API key>" }` (`Authorization` also works); a missing or malformed
 * key closes the socket with 4403. Each socket runs at most `MAX_SUBSCRIPTIONS_PER_SOCKET` operations
 * at once (default 100); more get an error and the socket stays open.
 *
 * Every event is a whole state read from Pi, resolved like a query (selections such as
 * `brand { name }` or `diagnostics` load what they need), and a subscriber never sees a state older
 * than one it already saw. Subscribers of the same object with the same key share one upstream
 * long-poll. A stream that cannot go on (the object is gone, Pi keeps failing) ends with an error
 * payload (e.g. `UPSTREAM_ERROR`) instead of stalling.
 */
export type SubscriptionJobUpdatedArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Live updates, served over WebSocket (`graphql-transport-ws`, the `graphql-ws` protocol) on the same
 * path as HTTP (`/graphql`). Send the Pi key in the `connection_init` payload as
 * `{ "authorization": "Bearer <Pi API key>" }` (`Authorization` also works); a missing or malformed
 * key closes the socket with 4403. Each socket runs at most `MAX_SUBSCRIPTIONS_PER_SOCKET` operations
 * at once (default 100); more get an error and the socket stays open.
 *
 * Every event is a whole state read from Pi, resolved like a query (selections such as
 * `brand { name }` or `diagnostics` load what they need), and a subscriber never sees a state older
 * than one it already saw. Subscribers of the same object with the same key share one upstream
 * long-poll. A stream that cannot go on (the object is gone, Pi keeps failing) ends with an error
 * payload (e.g. `UPSTREAM_ERROR`) instead of stalling.
 */
export type SubscriptionRunUpdatedArgs = {
  id: Scalars['ID']['input'];
};

/** How much the image model deliberates. */
export type ThinkingIntensity =
  /** `high` */
  | 'HIGH'
  /** `minimal` */
  | 'MINIMAL';

/** An endpoint Pi notifies when jobs finish (`job.completed`, `job.failed`). Its secret is never exposed. */
export type Webhook = {
  __typename?: 'Webhook';
  /** When the webhook was registered. */
  createdAt: Scalars['DateTime']['output'];
  /** The https URL Pi posts events to. */
  endpointUrl: Scalars['String']['output'];
  /** The webhook's id (a UUID). */
  id: Scalars['ID']['output'];
  /** Whether Pi currently delivers events to it. */
  isActive: Scalars['Boolean']['output'];
  /** When the webhook last changed. */
  updatedAt: Scalars['DateTime']['output'];
};

/** The answer to `createWebhook` and `setWebhookActive`. */
export type WebhookPayload = {
  __typename?: 'WebhookPayload';
  /** Pi's request id (`X-Request-Id`); `unknown` if Pi sent none. */
  requestId: Scalars['String']['output'];
  /** The webhook (never its secret). */
  webhook: Webhook;
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  Brand: Brand;
  ImageGeneration: ImageGeneration;
  Job: Job;
  Run: Run;
  SavedAvatar: SavedAvatar;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Brand:
    ( { __typename: 'Brand' }
    & GraphQLRecursivePick<FederationTypes['Brand'], {"id":true}> );
  ImageGeneration:
    ( { __typename: 'ImageGeneration' }
    & GraphQLRecursivePick<FederationTypes['ImageGeneration'], {"id":true}> );
  Job:
    ( { __typename: 'Job' }
    & GraphQLRecursivePick<FederationTypes['Job'], {"id":true}> );
  Run:
    ( { __typename: 'Run' }
    & GraphQLRecursivePick<FederationTypes['Run'], {"id":true}> );
  SavedAvatar:
    ( { __typename: 'SavedAvatar' }
    & GraphQLRecursivePick<FederationTypes['SavedAvatar'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AvatarHintsInput: AvatarHintsInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Brand: ResolverTypeWrapper<BrandDto>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  BrandAsset: ResolverTypeWrapper<BrandAsset>;
  BrandAssetKind: BrandAssetKind;
  BrandConnection: ResolverTypeWrapper<BrandListDto>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  BrandDna: ResolverTypeWrapper<BrandDnaDto>;
  BrandLocationInput: BrandLocationInput;
  BrandProjection: ResolverTypeWrapper<BrandProjection>;
  CreateWebhookInput: CreateWebhookInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  EditCampaignAdInput: EditCampaignAdInput;
  ExtractBrandInput: ExtractBrandInput;
  GenerateAvatarInput: GenerateAvatarInput;
  GenerateCampaignAdInput: GenerateCampaignAdInput;
  GenerateImageInput: GenerateImageInput;
  ImageAspectRatio: ImageAspectRatio;
  ImageEvaluation: ResolverTypeWrapper<ImageEvaluation>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ImageGeneration: ResolverTypeWrapper<JobDto>;
  ImageGenerationKind: ImageGenerationKind;
  ImageGenerationPayload: ResolverTypeWrapper<Omit<ImageGenerationPayload, 'imageGeneration' | 'job'> & { imageGeneration: ResolversTypes['ImageGeneration'], job: ResolversTypes['Job'] }>;
  ImageOutputInput: ImageOutputInput;
  ImageResolution: ImageResolution;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Job: ResolverTypeWrapper<JobDto>;
  JobError: ResolverTypeWrapper<JobError>;
  JobPayload: ResolverTypeWrapper<Omit<JobPayload, 'job'> & { job: ResolversTypes['Job'] }>;
  JobStatus: JobStatus;
  JobType: JobType;
  LocalizeCampaignAdInput: LocalizeCampaignAdInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ProjectBrandInput: ProjectBrandInput;
  ProjectBrandPayload: ResolverTypeWrapper<ProjectBrandPayload>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Run: ResolverTypeWrapper<RunDto>;
  RunStatus: RunStatus;
  RunStep: ResolverTypeWrapper<RunStepDto>;
  RunStepAction: RunStepAction;
  RunStepInput: RunStepInput;
  RunStepStatus: RunStepStatus;
  SaveAvatarInput: SaveAvatarInput;
  SaveAvatarPayload: ResolverTypeWrapper<Omit<SaveAvatarPayload, 'savedAvatar'> & { savedAvatar: ResolversTypes['SavedAvatar'] }>;
  SavedAvatar: ResolverTypeWrapper<SavedAvatarDto>;
  SavedAvatarConnection: ResolverTypeWrapper<SavedAvatarListDto>;
  SetWebhookActiveInput: SetWebhookActiveInput;
  StartRunInput: StartRunInput;
  StartRunPayload: ResolverTypeWrapper<Omit<StartRunPayload, 'run'> & { run: ResolversTypes['Run'] }>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ThinkingIntensity: ThinkingIntensity;
  Webhook: ResolverTypeWrapper<WebhookDto>;
  WebhookPayload: ResolverTypeWrapper<Omit<WebhookPayload, 'webhook'> & { webhook: ResolversTypes['Webhook'] }>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AvatarHintsInput: AvatarHintsInput;
  String: Scalars['String']['output'];
  Brand: BrandDto;
  ID: Scalars['ID']['output'];
  BrandAsset: BrandAsset;
  BrandConnection: BrandListDto;
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
  BrandDna: BrandDnaDto;
  BrandLocationInput: BrandLocationInput;
  BrandProjection: BrandProjection;
  CreateWebhookInput: CreateWebhookInput;
  DateTime: Scalars['DateTime']['output'];
  EditCampaignAdInput: EditCampaignAdInput;
  ExtractBrandInput: ExtractBrandInput;
  GenerateAvatarInput: GenerateAvatarInput;
  GenerateCampaignAdInput: GenerateCampaignAdInput;
  GenerateImageInput: GenerateImageInput;
  ImageEvaluation: ImageEvaluation;
  Float: Scalars['Float']['output'];
  ImageGeneration: JobDto;
  ImageGenerationPayload: Omit<ImageGenerationPayload, 'imageGeneration' | 'job'> & { imageGeneration: ResolversParentTypes['ImageGeneration'], job: ResolversParentTypes['Job'] };
  ImageOutputInput: ImageOutputInput;
  JSON: Scalars['JSON']['output'];
  Job: JobDto;
  JobError: JobError;
  JobPayload: Omit<JobPayload, 'job'> & { job: ResolversParentTypes['Job'] };
  LocalizeCampaignAdInput: LocalizeCampaignAdInput;
  Mutation: Record<PropertyKey, never>;
  ProjectBrandInput: ProjectBrandInput;
  ProjectBrandPayload: ProjectBrandPayload;
  Query: Record<PropertyKey, never>;
  Run: RunDto;
  RunStep: RunStepDto;
  RunStepInput: RunStepInput;
  SaveAvatarInput: SaveAvatarInput;
  SaveAvatarPayload: Omit<SaveAvatarPayload, 'savedAvatar'> & { savedAvatar: ResolversParentTypes['SavedAvatar'] };
  SavedAvatar: SavedAvatarDto;
  SavedAvatarConnection: SavedAvatarListDto;
  SetWebhookActiveInput: SetWebhookActiveInput;
  StartRunInput: StartRunInput;
  StartRunPayload: Omit<StartRunPayload, 'run'> & { run: ResolversParentTypes['Run'] };
  Subscription: Record<PropertyKey, never>;
  Webhook: WebhookDto;
  WebhookPayload: Omit<WebhookPayload, 'webhook'> & { webhook: ResolversParentTypes['Webhook'] };
}>;

export type BrandResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Brand'] = ResolversParentTypes['Brand'], FederationReferenceType extends FederationReferenceTypes['Brand'] = FederationReferenceTypes['Brand']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Brand']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  dna?: Resolver<Maybe<ResolversTypes['BrandDna']>, ParentType, ContextType>;
  domain?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fontFileUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  latestJob?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType>;
  layoutRules?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  logoUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  primaryHex?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  secondaryHex?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type BrandAssetResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['BrandAsset'] = ResolversParentTypes['BrandAsset']> = ResolversObject<{
  kind?: Resolver<ResolversTypes['BrandAssetKind'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type BrandConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['BrandConnection'] = ResolversParentTypes['BrandConnection']> = ResolversObject<{
  hasMore?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Brand']>, ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type BrandDnaResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['BrandDna'] = ResolversParentTypes['BrandDna']> = ResolversObject<{
  assets?: Resolver<Array<ResolversTypes['BrandAsset']>, ParentType, ContextType>;
  colorPalette?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  coreSlogan?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  imagenStyleConditioning?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  manifestExcerpt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  primaryAccentHex?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  primaryBackgroundHex?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  raw?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  source?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  typographyRules?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type BrandProjectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['BrandProjection'] = ResolversParentTypes['BrandProjection']> = ResolversObject<{
  brandId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isWildcard?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  payload?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  source?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  useCase?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type ImageEvaluationResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ImageEvaluation'] = ResolversParentTypes['ImageEvaluation']> = ResolversObject<{
  adClarity?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  ctaVisibility?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  culturalFit?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  languageCorrectness?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  productProminence?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  raw?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  summary?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  totalScore?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type ImageGenerationResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ImageGeneration'] = ResolversParentTypes['ImageGeneration'], FederationReferenceType extends FederationReferenceTypes['ImageGeneration'] = FederationReferenceTypes['ImageGeneration']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['ImageGeneration']> | FederationReferenceType, FederationReferenceType, ContextType>;
  aspectRatio?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  brand?: Resolver<Maybe<ResolversTypes['Brand']>, ParentType, ContextType>;
  clientReferenceId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  evaluator?: Resolver<Maybe<ResolversTypes['ImageEvaluation']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  imageUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  job?: Resolver<ResolversTypes['Job'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ImageGenerationKind'], ParentType, ContextType>;
  metadata?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  prompt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  resolution?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sourceGeneration?: Resolver<Maybe<ResolversTypes['ImageGeneration']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['JobStatus'], ParentType, ContextType>;
}>;

export type ImageGenerationPayloadResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ImageGenerationPayload'] = ResolversParentTypes['ImageGenerationPayload']> = ResolversObject<{
  idempotencyKey?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  imageGeneration?: Resolver<ResolversTypes['ImageGeneration'], ParentType, ContextType>;
  job?: Resolver<ResolversTypes['Job'], ParentType, ContextType>;
  replayed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  requestId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type JobResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Job'] = ResolversParentTypes['Job'], FederationReferenceType extends FederationReferenceTypes['Job'] = FederationReferenceTypes['Job']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Job']> | FederationReferenceType, FederationReferenceType, ContextType>;
  brand?: Resolver<Maybe<ResolversTypes['Brand']>, ParentType, ContextType>;
  brandId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  diagnostics?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['JobError']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  imageGeneration?: Resolver<Maybe<ResolversTypes['ImageGeneration']>, ParentType, ContextType>;
  imageUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  payload?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  phase?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  progress?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  rawType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  resultUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  retrievalDiagnostics?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['JobStatus'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['JobType'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type JobErrorResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['JobError'] = ResolversParentTypes['JobError']> = ResolversObject<{
  code?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type JobPayloadResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['JobPayload'] = ResolversParentTypes['JobPayload']> = ResolversObject<{
  idempotencyKey?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  job?: Resolver<ResolversTypes['Job'], ParentType, ContextType>;
  replayed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  requestId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  createWebhook?: Resolver<ResolversTypes['WebhookPayload'], ParentType, ContextType, RequireFields<MutationCreateWebhookArgs, 'input'>>;
  editCampaignAd?: Resolver<ResolversTypes['ImageGenerationPayload'], ParentType, ContextType, RequireFields<MutationEditCampaignAdArgs, 'input'>>;
  extractBrand?: Resolver<ResolversTypes['JobPayload'], ParentType, ContextType, RequireFields<MutationExtractBrandArgs, 'input'>>;
  generateAvatar?: Resolver<ResolversTypes['ImageGenerationPayload'], ParentType, ContextType, RequireFields<MutationGenerateAvatarArgs, 'input'>>;
  generateCampaignAd?: Resolver<ResolversTypes['ImageGenerationPayload'], ParentType, ContextType, RequireFields<MutationGenerateCampaignAdArgs, 'input'>>;
  generateImage?: Resolver<ResolversTypes['ImageGenerationPayload'], ParentType, ContextType, RequireFields<MutationGenerateImageArgs, 'input'>>;
  localizeCampaignAd?: Resolver<ResolversTypes['ImageGenerationPayload'], ParentType, ContextType, RequireFields<MutationLocalizeCampaignAdArgs, 'input'>>;
  projectBrand?: Resolver<ResolversTypes['ProjectBrandPayload'], ParentType, ContextType, RequireFields<MutationProjectBrandArgs, 'input'>>;
  saveAvatar?: Resolver<ResolversTypes['SaveAvatarPayload'], ParentType, ContextType, RequireFields<MutationSaveAvatarArgs, 'input'>>;
  setWebhookActive?: Resolver<ResolversTypes['WebhookPayload'], ParentType, ContextType, RequireFields<MutationSetWebhookActiveArgs, 'input'>>;
  startRun?: Resolver<ResolversTypes['StartRunPayload'], ParentType, ContextType, RequireFields<MutationStartRunArgs, 'input'>>;
}>;

export type ProjectBrandPayloadResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ProjectBrandPayload'] = ResolversParentTypes['ProjectBrandPayload']> = ResolversObject<{
  projection?: Resolver<ResolversTypes['BrandProjection'], ParentType, ContextType>;
  requestId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  brand?: Resolver<Maybe<ResolversTypes['Brand']>, ParentType, ContextType, RequireFields<QueryBrandArgs, 'id'>>;
  brands?: Resolver<ResolversTypes['BrandConnection'], ParentType, ContextType, Partial<QueryBrandsArgs>>;
  imageGeneration?: Resolver<Maybe<ResolversTypes['ImageGeneration']>, ParentType, ContextType, RequireFields<QueryImageGenerationArgs, 'id'>>;
  job?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType, RequireFields<QueryJobArgs, 'id'>>;
  jobs?: Resolver<Array<Maybe<ResolversTypes['Job']>>, ParentType, ContextType, RequireFields<QueryJobsArgs, 'ids'>>;
  run?: Resolver<Maybe<ResolversTypes['Run']>, ParentType, ContextType, RequireFields<QueryRunArgs, 'id'>>;
  savedAvatar?: Resolver<Maybe<ResolversTypes['SavedAvatar']>, ParentType, ContextType, RequireFields<QuerySavedAvatarArgs, 'id'>>;
  savedAvatars?: Resolver<ResolversTypes['SavedAvatarConnection'], ParentType, ContextType, Partial<QuerySavedAvatarsArgs>>;
  webhooks?: Resolver<Array<ResolversTypes['Webhook']>, ParentType, ContextType>;
}>;

export type RunResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Run'] = ResolversParentTypes['Run'], FederationReferenceType extends FederationReferenceTypes['Run'] = FederationReferenceTypes['Run']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Run']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  metadata?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['RunStatus'], ParentType, ContextType>;
  steps?: Resolver<Array<ResolversTypes['RunStep']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type RunStepResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['RunStep'] = ResolversParentTypes['RunStep']> = ResolversObject<{
  action?: Resolver<Maybe<ResolversTypes['RunStepAction']>, ParentType, ContextType>;
  completedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  dependsOn?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  job?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType>;
  jobId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  result?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['RunStepStatus'], ParentType, ContextType>;
}>;

export type SaveAvatarPayloadResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['SaveAvatarPayload'] = ResolversParentTypes['SaveAvatarPayload']> = ResolversObject<{
  requestId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  savedAvatar?: Resolver<ResolversTypes['SavedAvatar'], ParentType, ContextType>;
}>;

export type SavedAvatarResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['SavedAvatar'] = ResolversParentTypes['SavedAvatar'], FederationReferenceType extends FederationReferenceTypes['SavedAvatar'] = FederationReferenceTypes['SavedAvatar']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['SavedAvatar']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  imageUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  label?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
}>;

export type SavedAvatarConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['SavedAvatarConnection'] = ResolversParentTypes['SavedAvatarConnection']> = ResolversObject<{
  hasMore?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['SavedAvatar']>, ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type StartRunPayloadResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['StartRunPayload'] = ResolversParentTypes['StartRunPayload']> = ResolversObject<{
  requestId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  run?: Resolver<ResolversTypes['Run'], ParentType, ContextType>;
}>;

export type SubscriptionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  jobUpdated?: SubscriptionResolver<ResolversTypes['Job'], "jobUpdated", ParentType, ContextType, RequireFields<SubscriptionJobUpdatedArgs, 'id'>>;
  runUpdated?: SubscriptionResolver<ResolversTypes['Run'], "runUpdated", ParentType, ContextType, RequireFields<SubscriptionRunUpdatedArgs, 'id'>>;
}>;

export type WebhookResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Webhook'] = ResolversParentTypes['Webhook']> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  endpointUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isActive?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type WebhookPayloadResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['WebhookPayload'] = ResolversParentTypes['WebhookPayload']> = ResolversObject<{
  requestId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  webhook?: Resolver<ResolversTypes['Webhook'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = GatewayContext> = ResolversObject<{
  Brand?: BrandResolvers<ContextType>;
  BrandAsset?: BrandAssetResolvers<ContextType>;
  BrandConnection?: BrandConnectionResolvers<ContextType>;
  BrandDna?: BrandDnaResolvers<ContextType>;
  BrandProjection?: BrandProjectionResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  ImageEvaluation?: ImageEvaluationResolvers<ContextType>;
  ImageGeneration?: ImageGenerationResolvers<ContextType>;
  ImageGenerationPayload?: ImageGenerationPayloadResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Job?: JobResolvers<ContextType>;
  JobError?: JobErrorResolvers<ContextType>;
  JobPayload?: JobPayloadResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  ProjectBrandPayload?: ProjectBrandPayloadResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Run?: RunResolvers<ContextType>;
  RunStep?: RunStepResolvers<ContextType>;
  SaveAvatarPayload?: SaveAvatarPayloadResolvers<ContextType>;
  SavedAvatar?: SavedAvatarResolvers<ContextType>;
  SavedAvatarConnection?: SavedAvatarConnectionResolvers<ContextType>;
  StartRunPayload?: StartRunPayloadResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  Webhook?: WebhookResolvers<ContextType>;
  WebhookPayload?: WebhookPayloadResolvers<ContextType>;
}>;

