export type { Authenticator, Principal } from './authenticator.js';
export { createAuthenticator } from './create-authenticator.js';
export type { AuthenticatorConfig } from './create-authenticator.js';
export { createJwtAuthenticator } from './create-jwt-authenticator.js';
export type { JwtAuthenticatorOptions, JwtKeys } from './create-jwt-authenticator.js';
export { createPassThroughAuthenticator } from './create-pass-through-authenticator.js';
export { loadJwtKeys } from './load-jwt-keys.js';
export type { JwtKeySettings } from './load-jwt-keys.js';
export { unauthenticatedError } from './unauthenticated-error.js';
