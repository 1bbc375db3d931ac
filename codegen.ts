import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * GraphQL Code Generator config: resolver types from `schema/*.graphql`, with each GraphQL object
 * type mapped to the Pi DTO its resolvers receive as parent (entities also get a typed
 * `__resolveReference`). Run `npm run codegen` after changing the SDL; `npm run check:codegen`
 * (CI) fails when `src/generated/` is stale.
 */
const config: CodegenConfig = {
  schema: 'schema/*.graphql',
  overwrite: true,
  generates: {
    'src/generated/resolvers-types.ts': {
      plugins: [
        {
          add: {
            content: [
              '/* eslint-disable */',
              '// GENERATED FILE: do not edit. Produced by `npm run codegen` from schema/*.graphql (see codegen.ts).',
            ],
          },
        },
        'typescript',
        'typescript-resolvers',
      ],
      config: {
        useIndexSignature: true,
        useTypeImports: true,
        emitLegacyCommonJSImports: false,
        enumsAsTypes: true,
        // The SDL is a Federation 2 subgraph: this types each entity's `__resolveReference` (its
        // reference is `{ __typename, id }`, from `@key(fields: "id")`).
        federation: true,
        contextType: '../graphql/context.js#GatewayContext',
        scalars: { DateTime: 'string', JSON: 'unknown' },
        mappers: {
          Job: '../pi/index.js#JobDto',
          Brand: '../pi/index.js#BrandDto',
          BrandDna: '../pi/index.js#BrandDnaDto',
          BrandConnection: '../pi/index.js#BrandListDto',
          ImageGeneration: '../pi/index.js#JobDto',
          SavedAvatar: '../pi/index.js#SavedAvatarDto',
          SavedAvatarConnection: '../pi/index.js#SavedAvatarListDto',
          Webhook: '../pi/index.js#WebhookDto',
          Run: '../pi/index.js#RunDto',
          RunStep: '../pi/index.js#RunStepDto',
        },
      },
    },
  },
};

export default config;
