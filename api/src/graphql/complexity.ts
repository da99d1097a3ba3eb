/**
 * Field complexity estimates (type-graphql puts them in the field extensions, where
 * graphql-query-complexity's fieldExtensionsEstimator reads them). Every other field costs 1.
 */
type Estimate = { args: Record<string, unknown>; childComplexity: number };

/** A page: what one item costs, times the page size asked for (default 20). */
export const connectionComplexity = ({ args, childComplexity }: Estimate) =>
  1 + childComplexity * (typeof args.first === "number" ? args.first : 20);

/** Lists inside an item (locations, phones, schedules…) count as a few items each. */
export const nestedListComplexity = ({ childComplexity }: Estimate) => 1 + childComplexity * 3;

/** Unpaginated lists of a whole table (the place and category trees). */
export const treeComplexity = ({ childComplexity }: Estimate) => 1 + childComplexity * 10;
