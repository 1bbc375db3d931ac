export type { GatewayContext } from './context.js';
export { createSchema, typeDefs, resolvers, loadTypeDefs } from './schema.js';
export { DateTimeScalar, JsonScalar } from './scalars.js';
