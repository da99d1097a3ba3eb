import { GraphQLError, type ValidationRule } from "graphql";

/**
 * Rejects operations the schema has no root type for (`mutation` while the API has none):
 * graphql-js 16 only notices when executing, which would make it an internal error.
 */
export const knownOperationTypes: ValidationRule = (context) => ({
  OperationDefinition(node) {
    const schema = context.getSchema();
    const root =
      node.operation === "query"
        ? schema.getQueryType()
        : node.operation === "mutation"
          ? schema.getMutationType()
          : schema.getSubscriptionType();
    if (!root) context.reportError(new GraphQLError(`This API has no ${node.operation} operations.`, { nodes: node }));
  },
});
