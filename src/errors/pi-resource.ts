/** Which Pi object a call is about, so error messages can name it ("Job 7b8c… was not found."). */
export interface PiResourceRef {
  kind: 'job' | 'brand' | 'savedAvatar' | 'webhook' | 'run' | 'sourceJob';
  id?: string;
}

const LABELS: Record<PiResourceRef['kind'], string> = {
  job: 'Job',
  brand: 'Brand',
  savedAvatar: 'Saved avatar',
  webhook: 'Webhook',
  run: 'Run',
  sourceJob: 'Source job',
};

// Ids come from clients; only short, plain ones are echoed back into messages.
const PRINTABLE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** "Job 7b8c…" (or "The job" when the id is missing or not printable). */
export function describeResource(resource: PiResourceRef): string {
  const label = LABELS[resource.kind];
  if (resource.id !== undefined && PRINTABLE_ID.test(resource.id)) return `${label} ${resource.id}`;
  return `The ${label.toLowerCase()}`;
}
