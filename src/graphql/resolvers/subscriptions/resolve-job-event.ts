import type { GraphQLResolveInfo } from 'graphql';
import type { JobDto, JobExpansion } from '../../../pi/index.js';
import { mergeJobDtos } from '../../../pi/index.js';
import { planJobRead } from '../../../planner/index.js';
import type { GatewayContext } from '../../context.js';

// `Job.brand` loads the brand itself when the job carries none; the other expansions (diagnostics)
// are only ever in an expanded read of the job, which the watcher's generic read is not.
const SELF_LOADED: ReadonlySet<JobExpansion> = new Set(['brand']);

/**
 * Resolves one `jobUpdated` event: the watcher's job state, plus what the event's selection needs
 * beyond a plain read (`diagnostics`, `retrievalDiagnostics`), loaded through the event's own
 * loaders and merged in without changing the state (status, phase and timestamps stay the event's,
 * so the event still says what the watcher saw). A failed extra load fails this event only.
 */
export async function resolveJobEvent(
  job: JobDto,
  context: GatewayContext,
  info: GraphQLResolveInfo,
): Promise<JobDto> {
  const plan = planJobRead(info);
  const extra = (plan.expand ?? []).filter((expansion) => !SELF_LOADED.has(expansion));
  if (extra.length === 0) return job;
  const expanded = await context.loaders.job.load({
    id: job.id,
    options: { expand: extra, ...(plan.fields === undefined ? {} : { fields: plan.fields }) },
  });
  return mergeJobDtos([job, expanded]);
}
