import { request } from 'undici';
import type { Dispatcher } from 'undici';

export interface RestClientOptions {
  /** Pi's origin, e.g. the simulator's URL. */
  piBaseUrl: string;
  /** The keep-alive pool to Pi (the bench passes a counting one sized like the gateway's). */
  dispatcher: Dispatcher;
}

/** The data of Q1, shaped like the GraphQL answer. */
export interface JobWithBrand {
  id: string;
  status: string;
  brand: { name: string; primaryHex: string | null } | null;
}

/**
 * The direct REST baseline of the HTTP bench: the fewest Pi calls a hand-tuned client makes for
 * the data of Q1 and Q2, with no GraphQL in between.
 */
export interface RestClient {
  /** Q1: one `GET /jobs/:id?expand=brand&fields=id,status` per id, in parallel. */
  jobsWithBrands(ids: readonly string[], authorization: string): Promise<JobWithBrand[]>;
  /** Q2: one `GET /brands?limit=<first>&fields=name`. */
  brandNames(first: number, authorization: string): Promise<Array<{ name: string }>>;
}

interface JobData {
  id: string;
  status: string;
  expanded?: { brand?: { name: string; primary_hex: string | null } };
}

/**
 * Creates the direct REST client over `dispatcher`.
 * Its methods reject with an `Error` naming the status when Pi answers anything but 2xx.
 */
export function createRestClient(options: RestClientOptions): RestClient {
  const getData = async <T>(path: string, authorization: string): Promise<T> => {
    const response = await request(`${options.piBaseUrl}${path}`, {
      dispatcher: options.dispatcher,
      headers: { authorization, accept: 'application/json' },
    });
    const body = (await response.body.json()) as { data: T };
    if (response.statusCode >= 300) throw new Error(`GET ${path} answered ${response.statusCode}`);
    return body.data;
  };

  return {
    jobsWithBrands: (ids, authorization) =>
      Promise.all(
        ids.map(async (id) => {
          const job = await getData<JobData>(
            `/api/v1/jobs/${encodeURIComponent(id)}?expand=brand&fields=id,status`,
            authorization,
          );
          const brand = job.expanded?.brand;
          return {
            id: job.id,
            status: job.status.toUpperCase(),
            brand: brand === undefined ? null : { name: brand.name, primaryHex: brand.primary_hex },
          };
        }),
      ),
    brandNames: async (first, authorization) => {
      const page = await getData<{ data: Array<{ name: string }> }>(
        `/api/v1/brands?limit=${first}&fields=name`,
        authorization,
      );
      return page.data.map((brand) => ({ name: brand.name }));
    },
  };
}
