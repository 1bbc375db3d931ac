import { PiApiError, badRequest, notFound } from '../errors.js';
import { accepted, success } from '../envelope.js';
import { invalidId, isoNow, parseIdParam } from '../gen-ids.js';
import { createId } from '../ids.js';
import { createAvatarGenerationJob } from '../gen-jobs.js';
import { avatarGenerationSchemaFor, avatarSaveSchema } from '../gen-schemas.js';
import { withIdempotency } from '../idempotency.js';
import type { Route, RouteHandler, SimContext } from '../types.js';
import { parseBody } from '../validation.js';

type SavedAvatarRow = {
  id: string;
  org_id: string;
  label: string | null;
  image_url: string;
  source_job_id: string;
  created_at: string;
  updated_at: string;
};

/** `POST /avatars/generate` (contract §3.10): one `avatar_generation` job, idempotent. */
const generateAvatar: RouteHandler = (req, sim) => {
  const input = parseBody(avatarGenerationSchemaFor(sim.options.quirks), req.body);
  return withIdempotency(req, sim, 'avatars_generate', input, () => {
    const job = createAvatarGenerationJob(sim, req.org, input);
    return accepted(req, sim, 'job', { job_id: job.id });
  });
};

/** `POST /avatars/save`: no idempotency, every call inserts a new saved row. */
const saveAvatar: RouteHandler = (req, sim) => {
  const input = parseBody(avatarSaveSchema, req.body);
  const job = sim.engine.get(req.org.id, input.job_id);
  if (!job || job.org_id !== req.org.id) throw notFound('job_not_found', 'Job not found.');
  if (job.type !== 'avatar_generation') {
    throw badRequest('invalid_job_type', 'This job cannot be saved as an avatar.');
  }
  if (job.status !== 'completed') {
    throw new PiApiError({
      status: 409,
      type: 'invalid_request_error',
      code: 'job_not_complete',
      message: 'Wait until generation completes before saving.',
    });
  }
  const imageUrl = job.payload.image_url;
  if (typeof imageUrl !== 'string' || !imageUrl.startsWith('http')) {
    throw new PiApiError({
      status: 500,
      type: 'api_error',
      code: 'avatar_image_missing',
      message: 'Completed job has no image to save.',
    });
  }
  const now = isoNow(sim);
  const row: SavedAvatarRow = {
    id: createId(),
    org_id: req.org.id,
    label: input.label ?? null,
    image_url: imageUrl,
    source_job_id: job.id,
    created_at: now,
    updated_at: now,
  };
  sim.store.savedAvatars.set(row.id, { ...row });
  return success(req, sim, 'saved_avatar', {
    id: row.id,
    object: 'saved_avatar',
    label: row.label,
    image_url: row.image_url,
    created_at: row.created_at,
  });
};

/** `GET /avatars`: newest first, `limit` default 20 capped at 100, `offset` default 0 (loose parsing). */
const listAvatars: RouteHandler = (req, sim) => {
  const limit = Math.min(Math.max(looseInt(req.query.get('limit'), 20), 1), 100);
  const offset = Math.max(looseInt(req.query.get('offset'), 0), 0);
  const rows = orgAvatars(sim, req.org.id);
  const page = rows.slice(offset, offset + limit).map((row) => ({
    id: row.id,
    label: row.label,
    image_url: row.image_url,
    created_at: row.created_at,
  }));
  return success(req, sim, 'list', {
    object: 'list',
    data: page,
    has_more: offset + page.length < rows.length,
    total_count: rows.length,
  });
};

/** `GET /avatars/:id`: 400 `invalid_id`, 404 `not_found` for missing and foreign ids alike. */
const getAvatar: RouteHandler = (req, sim) => {
  const id = parseIdParam(req.params, invalidId);
  const row = sim.store.savedAvatars.get(id) as SavedAvatarRow | undefined;
  if (!row || row.org_id !== req.org.id) throw notFound('not_found', 'Avatar not found.');
  return success(req, sim, 'saved_avatar', {
    id: row.id,
    object: 'saved_avatar',
    label: row.label,
    image_url: row.image_url,
    created_at: row.created_at,
    updated_at: row.updated_at,
  });
};

// Newest first; rows saved within the same millisecond keep "last saved first".
function orgAvatars(sim: SimContext, orgId: string): SavedAvatarRow[] {
  const rows = ([...sim.store.savedAvatars.values()] as unknown as SavedAvatarRow[])
    .filter((row) => row.org_id === orgId)
    .reverse();
  return rows.sort((a, b) =>
    a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0,
  );
}

// Pi reads these with `Number()` and never rejects them; non-numbers fall back to the default.
function looseInt(value: string | null, fallback: number): number {
  if (value === null || value.trim() === '') return fallback;
  const parsed = Math.trunc(Number(value));
  return Number.isFinite(parsed) ? parsed : fallback;
}

/** Avatar generation, saving, listing and lookup. */
export const avatarRoutes: Route[] = [
  { method: 'POST', pattern: '/api/v1/avatars/generate', handler: generateAvatar },
  { method: 'POST', pattern: '/api/v1/avatars/save', handler: saveAvatar },
  { method: 'GET', pattern: '/api/v1/avatars', handler: listAvatars },
  { method: 'GET', pattern: '/api/v1/avatars/:id', handler: getAvatar },
];
