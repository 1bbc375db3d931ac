import type { ExplorerTab } from './types.js';

const EXTRACT_BRAND = `# Quickstart 1/4: extract a brand from a website.
# Run it, then copy the job id into tab 2's variables.
mutation ExtractBrand {
  extractBrand(input: { url: "https://example.com" }) {
    job {
      id
      status
    }
  }
}
`;

const WATCH_JOB = `# Quickstart 2/4: watch the job until it completes.
# Put the job id in the variables; results arrive live.
subscription WatchJob($id: ID!) {
  jobUpdated(id: $id) {
    id
    status
    phase
    progress
    brand {
      id
      name
    }
  }
}
`;

const READ_AND_PROJECT_BRAND = `# Quickstart 3/4: read the brand, project it for a use case.
# Put the brand id from tab 2 in the variables, then run
# ReadBrand or ProjectBrand (the run button asks which).
query ReadBrand($brandId: ID!) {
  brand(id: $brandId) {
    id
    name
    domain
    primaryHex
    secondaryHex
    logoUrl
    dna {
      coreSlogan
      colorPalette
    }
  }
}

mutation ProjectBrand($brandId: ID!) {
  projectBrand(input: { brandId: $brandId, useCase: "Instagram launch post" }) {
    projection {
      useCase
      payload
    }
  }
}
`;

const GENERATE_IMAGE = `# Quickstart 4/4: generate an on-brand image.
# Watch its job in tab 2 like the extraction.
mutation GenerateImage($brandId: ID!) {
  generateImage(input: { prompt: "A bright launch banner for our new product", brandId: $brandId }) {
    job {
      id
      status
    }
  }
}
`;

/**
 * The tabs the explorer opens with in embedded-simulator mode: the quickstart flow (extract a
 * brand, watch the job with `jobUpdated`, read and project the brand, generate an image). With
 * `demoKey`, every tab's headers carry `Authorization: Bearer <demoKey>`. The operations are
 * prefilled text: they are not validated against the schema here.
 */
export function quickstartTabs(demoKey?: string): ExplorerTab[] {
  const headers = demoKey
    ? JSON.stringify({ Authorization: `Bearer ${demoKey}` }, null, 2)
    : undefined;
  const withHeaders = (tab: ExplorerTab): ExplorerTab => (headers ? { ...tab, headers } : tab);
  return [
    { query: EXTRACT_BRAND },
    { query: WATCH_JOB, variables: JSON.stringify({ id: '<job id from tab 1>' }, null, 2) },
    {
      query: READ_AND_PROJECT_BRAND,
      variables: JSON.stringify({ brandId: '<brand id from tab 2>' }, null, 2),
    },
    {
      query: GENERATE_IMAGE,
      variables: JSON.stringify({ brandId: '<brand id from tab 2>' }, null, 2),
    },
  ].map(withHeaders);
}
