import { getOperationAST } from 'graphql';
import type { DocumentNode, OperationDefinitionNode } from 'graphql';

/**
 * The operation a request ran or meant to run: Apollo's resolved `operation` once the document is
 * valid, else the one an invalid but parsed document names (`operationName`, or its only one);
 * `undefined` when the document did not parse or names no operation.
 */
export function findOperation(
  operation: OperationDefinitionNode | undefined,
  document: DocumentNode | undefined,
  operationName: string | undefined,
): OperationDefinitionNode | undefined {
  if (operation !== undefined) return operation;
  if (document === undefined) return undefined;
  return getOperationAST(document, operationName) ?? undefined;
}
