import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../../errors/index.js';

/**
 * `formatted` with graphql-js' token-limit message ("Document contains more than N tokens") made
 * to name the setting, `MAX_TOKENS`; any other error is returned as is.
 */
export function nameTokenLimit(
  formatted: GraphQLFormattedError,
  maxTokens: number,
): GraphQLFormattedError {
  if (formatted.extensions?.code !== ErrorCode.GRAPHQL_PARSE_FAILED) return formatted;
  if (!isTokenLimitMessage(formatted.message, maxTokens)) return formatted;
  return {
    ...formatted,
    message: `Syntax Error: Document contains more than ${maxTokens} tokens (MAX_TOKENS). Parsing aborted.`,
  };
}

// graphql-js' own message (`Parser#advanceLexer`; 16.x spells it "more that"), matched whole
// with the limit's value, so no other parse error is renamed.
function isTokenLimitMessage(message: string, maxTokens: number): boolean {
  return (
    message === `Syntax Error: Document contains more than ${maxTokens} tokens. Parsing aborted.` ||
    message === `Syntax Error: Document contains more that ${maxTokens} tokens. Parsing aborted.`
  );
}
