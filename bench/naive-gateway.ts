import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { GraphQLError } from 'graphql';
import { request } from 'undici';
import type { Dispatcher } from 'undici';

export interface NaiveGatewayOptions {
  /** Pi's origin, e.g. the simulator's URL. */
  piBaseUrl: string;
  /** The keep-alive pool to Pi (the bench passes a counting one sized like the gateway's). */
  dispatcher: Dispatcher;
  /** @default 0 (any free port) */
  port?: number;
}

export interface RunningNaiveGateway {
  /** The GraphQL endpoint. */
  url: string;
  stop(): Promise<void>;
}

interface NaiveContext {
  authorization: string;
}

interface JobRow {
  id: string;
  status: string;
  result_url: string | null;
}

interface BrandRow {
  id: string;
  name: string;
  primary_hex: string | null;
}

// Only the part of the schema the benchmark's operations touch, with the same field names and
// types as the gateway's, so both answer Q1–Q3 with the same data.
const typeDefs = `#graphql
  type Query {
    jobs(ids: [ID!]!): [Job]!
    brands(first: Int): BrandConnection!
  }
  enum JobStatus { QUEUED PROCESSING COMPLETED FAILED }
  type Job { id: ID! status: JobStatus! brand: Brand }
  type Brand { id: ID! name: String! primaryHex: String }
  type BrandConnection { nodes: [Brand!]! }
`;

/**
 * Starts the baseline of the HTTP bench: the gateway people write by hand. Apollo Server
 * standalone, one REST call per resolver (`jobs` fetches each job, `Job.brand` fetches each brand),
 * no planner (no `expand`/`fields`), no loaders, no dedupe. Upstream errors become plain
 * `GraphQLError`s. Serves GraphQL on `/` of 127.0.0.1.
 */
export async function startNaiveGateway(
  options: NaiveGatewayOptions,
): Promise<RunningNaiveGateway> {
  const getData = async <T>(path: string, context: NaiveContext): Promise<T> => {
    const response = await request(`${options.piBaseUrl}${path}`, {
      dispatcher: options.dispatcher,
      headers: { authorization: context.authorization, accept: 'application/json' },
    });
    const body = (await response.body.json()) as { data?: T; error?: { code?: string } };
    if (response.statusCode >= 400 || body.data === undefined) {
      throw new GraphQLError(`Pi answered ${response.statusCode}`, {
        extensions: { code: body.error?.code ?? 'UPSTREAM_ERROR' },
      });
    }
    return body.data;
  };

  const resolvers = {
    Query: {
      jobs: (_root: unknown, args: { ids: string[] }, context: NaiveContext) =>
        args.ids.map((id) => getData<JobRow>(`/api/v1/jobs/${encodeURIComponent(id)}`, context)),
      brands: async (_root: unknown, args: { first?: number | null }, context: NaiveContext) => {
        const page = await getData<{ data: BrandRow[] }>(
          `/api/v1/brands?limit=${args.first ?? 20}`,
          context,
        );
        return { nodes: page.data };
      },
    },
    Job: {
      status: (job: JobRow) => job.status.toUpperCase(),
      brand: (job: JobRow, _args: unknown, context: NaiveContext) => {
        const id = job.result_url?.startsWith('brands/') ? job.result_url.slice(7) : undefined;
        return id === undefined
          ? null
          : getData<BrandRow>(`/api/v1/brands/${encodeURIComponent(id)}`, context);
      },
    },
    Brand: {
      primaryHex: (brand: BrandRow) => brand.primary_hex,
    },
  };

  const server = new ApolloServer<NaiveContext>({ typeDefs, resolvers });
  const { url } = await startStandaloneServer(server, {
    listen: { port: options.port ?? 0, host: '127.0.0.1' },
    context: async ({ req }) => ({ authorization: req.headers.authorization ?? '' }),
  });
  return { url, stop: () => server.stop() };
}
