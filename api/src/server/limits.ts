import { createRequire } from "node:module";
import type { ApolloServerPlugin } from "@apollo/server";
import { type DocumentNode, GraphQLError, Kind, type OperationDefinitionNode, type SelectionSetNode } from "graphql";
// Loaded as CommonJS on purpose: its ESM build imports graphql/index.mjs, a second graphql instance
// next to the CommonJS one that Apollo and type-graphql load (instanceof checks then fail).
const { fieldExtensionsEstimator, getComplexity, simpleEstimator } = createRequire(import.meta.url)(
  "graphql-query-complexity",
) as typeof import("graphql-query-complexity");
import { ApiError, ErrorCode, invalidVariables } from "../graphql/errors.js";

export interface Limits {
  /** Deepest field nesting allowed (introspection fields not counted). */
  maxDepth: number;
  /** Highest estimated cost (each field 1; pages multiply by `first`, nested lists by 3). */
  maxComplexity: number;
  /** Largest request body express accepts. */
  maxBodySize: string;
  /**
   * What every root field after the first adds to the complexity: each one runs its own
   * statements, however little it selects, so aliasing a cheap field thousands of times is not cheap.
   */
  rootFieldCost: number;
  /** Deepest nesting of objects and lists in a request's variables (the variables object is level 1). */
  maxVariablesDepth: number;
}

export const DEFAULT_LIMITS: Limits = { maxDepth: 12, maxComplexity: 25_000, maxBodySize: "64kb", rootFieldCost: 500, maxVariablesDepth: 32 };

/** Whether a JSON value nests objects and lists more than `max` levels deep (walked without recursion). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 1]];
  while (pending.length) {
    const [item, depth] = pending.pop()!;
    if (item === null || typeof item !== "object") continue;
    if (depth > max) return true;
    for (const entry of Array.isArray(item) ? item : Object.values(item)) pending.push([entry, depth + 1]);
  }
  return false;
}

/** How many root fields an operation runs, aliases and fragments included (__typename and introspection not counted). */
export function rootFieldCount(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = new Map(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [],
    ),
  );
  // Each fragment counted once (memoized): a fragment spreading the next one twice, 40 deep, is a
  // 2 KB query that would otherwise take 2^40 steps.
  const counted = new Map<string, number>();
  const countIn = (selectionSet: SelectionSetNode, visiting: ReadonlySet<string>): number => {
    let count = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!selection.name.value.startsWith("__")) count++;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        count += countIn(selection.selectionSet, visiting);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || visiting.has(fragment.name.value)) continue;
        const name = fragment.name.value;
        if (!counted.has(name)) counted.set(name, countIn(fragment.selectionSet, new Set([...visiting, name])));
        count += counted.get(name)!;
      }
    }
    return count;
  };
  return countIn(operation.selectionSet, new Set());
}

/** How deep an operation goes, following fragments; __schema/__type and __typename are not counted. */
export function operationDepth(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = new Map(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [],
    ),
  );
  // Each fragment measured once (memoized), as in rootFieldCount.
  const measured = new Map<string, number>();
  const depthOf = (selectionSet: SelectionSetNode, visiting: ReadonlySet<string>): number => {
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      let depth = 0;
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith("__")) continue;
        depth = 1 + (selection.selectionSet ? depthOf(selection.selectionSet, visiting) : 0);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        depth = depthOf(selection.selectionSet, visiting);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || visiting.has(fragment.name.value)) continue;
        const name = fragment.name.value;
        if (!measured.has(name)) measured.set(name, depthOf(fragment.selectionSet, new Set([...visiting, name])));
        depth = measured.get(name)!;
      }
      deepest = Math.max(deepest, depth);
    }
    return deepest;
  };
  return depthOf(operation.selectionSet, new Set());
}

/** The fields the complexity estimator weighs before it gives up (its own default). */
const QUERY_NODE_LIMIT = 10_000;

/** Rejects, before anything runs, operations nested too deeply or estimated too costly (HTTP 400). */
export function limitsPlugin(limits: Limits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, schema }) {
          if (!operation) return;
          const depth = operationDepth(document, operation);
          if (depth > limits.maxDepth) {
            throw new ApiError(ErrorCode.QUERY_TOO_DEEP, "queryTooDeep", { depth, max: limits.maxDepth }, { status: 400 });
          }
          let complexity: number;
          try {
            complexity = getComplexity({
              schema,
              query: document,
              operationName: request.operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
              maxQueryNodes: QUERY_NODE_LIMIT,
            });
          } catch (error) {
            // The estimator stops counting past its node limit: the operation is too big to run.
            if (error instanceof GraphQLError && error.message.includes("maximum allowed number of nodes")) {
              throw new ApiError(ErrorCode.QUERY_TOO_COMPLEX, "queryTooLarge", { max: QUERY_NODE_LIMIT }, { status: 400 });
            }
            // getComplexity coerces the variables: a wrong one is the client's mistake.
            if (error instanceof GraphQLError) throw invalidVariables(error.message);
            throw error;
          }
          complexity += Math.max(0, rootFieldCount(document, operation) - 1) * limits.rootFieldCost;
          if (complexity > limits.maxComplexity) {
            throw new ApiError(
              ErrorCode.QUERY_TOO_COMPLEX,
              "queryTooComplex",
              { complexity, max: limits.maxComplexity },
              { status: 400 },
            );
          }
        },
      };
    },
  };
}
