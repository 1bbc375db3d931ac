import { describe, expect, it } from 'vitest';
import { ErrorCode, isGatewayError } from '../../src/errors/index.js';
import { JOB_PHASES } from '../../src/pi/index.js';
import {
  KNOWN_JOB_TYPES,
  toBrandAssets,
  toBrandColorPalette,
  toBrandDnaText,
  toDateTime,
  toImageAspectRatio,
  toImageClientReferenceId,
  toImageEvaluation,
  toImageGenerationKind,
  toImageMetadata,
  toImagePrompt,
  toImageResolution,
  toImageSourceJobId,
  toJobBrandId,
  toJobDiagnostics,
  toJobError,
  toJobImageUrl,
  toJobPayload,
  toJobPhase,
  toJobProgress,
  toJobStatus,
  toJobType,
  toNullableDateTime,
  toRunStatus,
  toRunStepAction,
  toRunStepStatus,
} from '../../src/graphql/mappers/index.js';
import type { BrandDnaDto, JobDto, JobStatusDto } from '../../src/pi/index.js';

function expectUpstreamBadResponse(fn: () => unknown): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(isGatewayError(thrown) && thrown.code === ErrorCode.UPSTREAM_BAD_RESPONSE).toBe(true);
}

describe('toDateTime', () => {
  it('should turn unix seconds into an ISO-8601 string', () => {
    expect(toDateTime(1760000000)).toBe('2025-10-09T08:53:20.000Z');
    expect(toDateTime(0)).toBe('1970-01-01T00:00:00.000Z');
  });

  it('should treat a numeric string as unix seconds', () => {
    expect(toDateTime('1760000000')).toBe('2025-10-09T08:53:20.000Z');
  });

  it('should normalize ISO strings with an offset or without milliseconds to UTC', () => {
    expect(toDateTime('2026-01-31T12:00:00Z')).toBe('2026-01-31T12:00:00.000Z');
    expect(toDateTime('2026-01-31T14:00:00.123+02:00')).toBe('2026-01-31T12:00:00.123Z');
  });

  it('should reject an unparseable timestamp as an upstream bad response', () => {
    expectUpstreamBadResponse(() => toDateTime('yesterday-ish'));
  });

  it('should map a missing optional timestamp to null', () => {
    expect(toNullableDateTime(null)).toBeNull();
    expect(toNullableDateTime(undefined)).toBeNull();
    expect(toNullableDateTime(1760000000)).toBe('2025-10-09T08:53:20.000Z');
  });
});

describe('status and type enums', () => {
  it('should map every job status', () => {
    expect(
      ['queued', 'processing', 'completed', 'failed'].map((s) => toJobStatus(s as JobStatusDto)),
    ).toEqual(['QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED']);
  });

  it('should reject an unknown job status as an upstream bad response', () => {
    expectUpstreamBadResponse(() => toJobStatus('paused' as JobStatusDto));
  });

  it('should map the six known job types and any other type to OTHER', () => {
    expect(KNOWN_JOB_TYPES.map(toJobType)).toEqual([
      'BRAND_EXTRACTION',
      'AD_GENERATION',
      'CAMPAIGN_AD_GENERATION',
      'CAMPAIGN_AD_EDIT',
      'CAMPAIGN_AD_LOCALIZATION',
      'AVATAR_GENERATION',
    ]);
    expect(toJobType('health_triage')).toBe('OTHER');
  });

  it('should map run and run step statuses and actions', () => {
    expect(toRunStatus('in_progress')).toBe('IN_PROGRESS');
    expect(toRunStatus('cancelled')).toBe('CANCELLED');
    expect(toRunStepStatus('skipped')).toBe('SKIPPED');
    expect(toRunStepAction('campaigns.localize_ad')).toBe('CAMPAIGNS_LOCALIZE_AD');
    expect(toRunStepAction(undefined)).toBeNull();
    expectUpstreamBadResponse(() => toRunStatus('exploded' as 'failed'));
  });
});

describe('toJobProgress', () => {
  it('should walk the brand extraction phases from 0 to 1', () => {
    const progress = JOB_PHASES.brand_extraction.map((phase, index, phases) =>
      toJobProgress({
        type: 'brand_extraction',
        status: index === 0 ? 'queued' : index === phases.length - 1 ? 'completed' : 'processing',
        payload: { phase },
      }),
    );

    expect(progress).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('should place ad generation phases on their own sequence', () => {
    expect(
      toJobProgress({
        type: 'ad_generation',
        status: 'processing',
        payload: { phase: 'creative_planner' },
      }),
    ).toBe(0.6);
  });

  it('should place the single processing phase of campaign, edit and avatar jobs halfway', () => {
    expect(
      toJobProgress({
        type: 'campaign_ad_generation',
        status: 'processing',
        payload: { phase: 'mastra_workflow_start' },
      }),
    ).toBe(0.5);
    expect(
      toJobProgress({
        type: 'campaign_ad_edit',
        status: 'processing',
        payload: { phase: 'edit_processing' },
      }),
    ).toBe(0.5);
    expect(
      toJobProgress({
        type: 'avatar_generation',
        status: 'processing',
        payload: { phase: 'processing' },
      }),
    ).toBe(0.5);
  });

  it('should accept the legacy extraction phase name', () => {
    expect(
      toJobProgress({
        type: 'brand_extraction',
        status: 'processing',
        payload: { phase: 'phase_c_claude_structuring' },
      }),
    ).toBe(0.6);
  });

  it('should be 1 for a failed job whatever its phase, and 0 for a queued one', () => {
    expect(
      toJobProgress({ type: 'ad_generation', status: 'failed', payload: { phase: 'failed' } }),
    ).toBe(1);
    expect(
      toJobProgress({ type: 'ad_generation', status: 'queued', payload: { phase: 'queued' } }),
    ).toBe(0);
  });

  it('should be halfway for a processing job in an unknown phase or of an unknown type', () => {
    expect(
      toJobProgress({
        type: 'ad_generation',
        status: 'processing',
        payload: { phase: 'new_step' },
      }),
    ).toBe(0.5);
    expect(
      toJobProgress({ type: 'health_triage', status: 'processing', payload: { phase: 'x' } }),
    ).toBe(0.5);
  });
});

describe('toJobError', () => {
  it('should be null unless the job failed', () => {
    expect(toJobError({ status: 'completed', error_log: 'policy_conflict: nope' })).toBeNull();
  });

  it('should split a "<code>: <message>" error log and drop the stack', () => {
    expect(
      toJobError({
        status: 'failed',
        payload: { phase: 'failed' },
        error_log:
          'policy_conflict: brand_id not found in your organization.\n    at run (worker.ts:10:5)',
      }),
    ).toEqual({ code: 'policy_conflict', message: 'brand_id not found in your organization.' });
  });

  it('should prefer payload.failure_code and payload.message', () => {
    expect(
      toJobError({
        status: 'failed',
        payload: {
          phase: 'failed',
          failure_code: 'quality_gate_failed',
          message: 'The ad failed the quality gate.',
        },
        error_log: 'quality_gate_failed: The ad failed the quality gate.\nError: stack',
      }),
    ).toEqual({ code: 'quality_gate_failed', message: 'The ad failed the quality gate.' });
  });

  it('should keep only the first line of a message-and-stack log without a code', () => {
    expect(
      toJobError({
        status: 'failed',
        payload: { phase: 'failed', failed_at: '2026-01-01T00:00:00Z' },
        error_log: 'Error: Firecrawl timed out\n    at scrape (firecrawl.ts:1:1)\n    at main',
      }),
    ).toEqual({ code: null, message: 'Error: Firecrawl timed out' });
  });

  it('should still describe a failure Pi gave no text for', () => {
    expect(
      toJobError({ status: 'failed', payload: { failure_code: 'internal_step_failed' } }),
    ).toEqual({
      code: 'internal_step_failed',
      message: 'The job failed (internal_step_failed).',
    });
    expect(toJobError({ status: 'failed' })?.message).toBe('The job failed; Pi gave no reason.');
  });
});

describe('job payload fields', () => {
  it('should read the phase and hide diagnostics from the payload', () => {
    const job: Pick<JobDto, 'payload'> = {
      payload: {
        phase: 'completed',
        image_url: 'https://img/1.png',
        diagnostics: [{ step: 'a' }],
        retrieval_diagnostics: {},
      },
    };

    expect(toJobPhase(job)).toBe('completed');
    expect(toJobPayload(job)).toEqual({ phase: 'completed', image_url: 'https://img/1.png' });
    expect(toJobDiagnostics(job)).toEqual([{ step: 'a' }]);
    expect(job.payload).toHaveProperty('diagnostics');
  });

  it('should find the image URL in the payload, the expansions or the job result', () => {
    expect(
      toJobImageUrl({
        payload: { image_url: 'https://img/p.png' },
        ad: { image_url: 'https://img/a.png' },
      }),
    ).toBe('https://img/p.png');
    expect(toJobImageUrl({ payload: {}, avatar: { image_url: 'https://img/v.png' } })).toBe(
      'https://img/v.png',
    );
    expect(
      toJobImageUrl({ job_result: { type: 'ad', id: 'j', image_url: 'https://img/r.png' } }),
    ).toBe('https://img/r.png');
    expect(toJobImageUrl({ payload: { phase: 'queued' } })).toBeNull();
  });

  it('should derive the brand id from the payload, the result URL or the input', () => {
    expect(toJobBrandId({ payload: { brand_id: 'b1' }, result_url: 'brands/b2' })).toBe('b1');
    expect(toJobBrandId({ payload: { phase: 'completed' }, result_url: 'brands/b2' })).toBe('b2');
    expect(toJobBrandId({ payload: { input: { brand_id: 'b3' } }, result_url: null })).toBe('b3');
    expect(
      toJobBrandId({ payload: { input: { has_brand_id: true } }, result_url: 'ads/j1' }),
    ).toBeNull();
  });
});

describe('image generation fields', () => {
  it('should map each image job type to its kind and other jobs to null', () => {
    expect(KNOWN_JOB_TYPES.map(toImageGenerationKind)).toEqual([
      null,
      'AD',
      'CAMPAIGN_AD',
      'CAMPAIGN_EDIT',
      'LOCALIZATION',
      'AVATAR',
    ]);
    expect(toImageGenerationKind('health_triage')).toBeNull();
    expect(toImageGenerationKind(undefined)).toBeNull();
  });

  it('should read a completed ad generation: applied output, input echo and evaluator', () => {
    const job = {
      payload: {
        phase: 'completed',
        input: {
          prompt: 'A red shoe',
          output: { aspect_ratio: 'auto', resolution: '2K' },
          client_reference_id: 'order-7',
          metadata: { campaign: 'spring' },
        },
        image_url: 'https://img/ad.png',
        output_applied: { aspect_ratio: '4:5', resolution: '2K' },
        evaluator: {
          ad_clarity: 8,
          cta_visibility: 7.5,
          total_score: 41,
          summary: 'Clear.',
          cultural_fit: 'n/a',
        },
      },
    };

    expect(toImagePrompt(job)).toBe('A red shoe');
    expect(toImageAspectRatio(job)).toBe('4:5');
    expect(toImageResolution(job)).toBe('2K');
    expect(toImageClientReferenceId(job)).toBe('order-7');
    expect(toImageMetadata(job)).toEqual({ campaign: 'spring' });
    expect(toImageEvaluation(job)).toEqual({
      adClarity: 8,
      ctaVisibility: 7.5,
      languageCorrectness: null,
      culturalFit: null,
      productProminence: null,
      totalScore: 41,
      summary: 'Clear.',
      raw: job.payload.evaluator,
    });
  });

  it('should fall back on the requested output while the job is queued', () => {
    const job = {
      payload: { phase: 'queued', input: { prompt: 'p', output: { aspect_ratio: '16:9' } } },
    };

    expect(toImageAspectRatio(job)).toBe('16:9');
    expect(toImageResolution(job)).toBeNull();
  });

  it('should answer null, not guess, for what a completed campaign ad dropped', () => {
    const job = {
      payload: { phase: 'completed', image_url: 'https://img/c.png', diagnostics: [] },
    };

    expect(toImagePrompt(job)).toBeNull();
    expect(toImageClientReferenceId(job)).toBeNull();
    expect(toImageMetadata(job)).toBeNull();
    expect(toImageAspectRatio(job)).toBeNull();
    expect(toImageEvaluation(job)).toBeNull();
  });

  it('should find the source job of an edit and of a localization', () => {
    expect(toImageSourceJobId({ payload: { phase: 'completed', source_job_id: 's1' } })).toBe('s1');
    expect(
      toImageSourceJobId({ payload: { phase: 'queued', input: { source_job_id: 's2' } } }),
    ).toBe('s2');
    expect(toImageSourceJobId({ payload: { phase: 'queued', input: {} } })).toBeNull();
  });
});

describe('brand DNA', () => {
  const dna: BrandDnaDto = {
    primary_background_hex: '#FFFFFF',
    primary_accent_hex: '#0071E3',
    color_palette: ['#FFFFFF', '#0071E3', '#1D1D1F', '#F5F5F7'],
    typography_rules: 'Use a clean sans-serif.',
    core_slogan: 'Think different.',
    imagen_style_conditioning: 'Minimal. Bright.',
    source: 'omnivorous-brand-extractor',
    manifest_excerpt: 'A brand of...',
    firecrawl_branding: null,
    assets: [
      { kind: 'logo', url: 'https://r2/logo.png' },
      { kind: 'website_screenshot', url: 'https://r2/shot.png' },
    ],
  };

  it('should map the documented keys', () => {
    expect(toBrandDnaText(dna, 'primary_background_hex')).toBe('#FFFFFF');
    expect(toBrandDnaText(dna, 'core_slogan')).toBe('Think different.');
    expect(toBrandColorPalette(dna)).toEqual(['#FFFFFF', '#0071E3', '#1D1D1F', '#F5F5F7']);
    expect(toBrandAssets(dna)).toEqual([
      { kind: 'LOGO', url: 'https://r2/logo.png' },
      { kind: 'WEBSITE_SCREENSHOT', url: 'https://r2/shot.png' },
    ]);
  });

  it('should tolerate missing or malformed keys', () => {
    const odd = {
      color_palette: 'red',
      assets: [{ kind: 'video', url: 'https://r2/v.mp4' }, { kind: 'logo' }],
    } as unknown as BrandDnaDto;

    expect(toBrandDnaText(odd, 'core_slogan')).toBeNull();
    expect(toBrandColorPalette(odd)).toEqual([]);
    expect(toBrandAssets(odd)).toEqual([{ kind: 'OTHER', url: 'https://r2/v.mp4' }]);
  });
});
