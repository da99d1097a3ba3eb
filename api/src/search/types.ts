import { createUnionType, Field, Float, Int, ObjectType } from "type-graphql";
import { Service } from "../directory/types.js";
import { SearchType } from "../graphql/enums.js";
import { Vacancy } from "../jobs/types.js";
import { Category } from "../taxonomy/types.js";
import { Place } from "../places/types.js";
import { RightsArticle } from "../rights/types.js";

export const SearchItem = createUnionType({
  name: "SearchItem",
  description: "A search result: a service, a rights article or a vacancy.",
  types: () => [Service, RightsArticle, Vacancy] as const,
  // The records differ by their columns: only services have a cost, only articles a topic.
  resolveType: (value) => ("cost" in value ? Service : "topic" in value ? RightsArticle : Vacancy),
});

@ObjectType()
export class SearchHit {
  @Field(() => SearchType) type!: string;
  @Field(() => Float, { description: "Relevance: higher is better; comparable within one search only." }) score!: number;
  @Field(() => SearchItem) item!: unknown;
}

@ObjectType()
export class TypeFacet {
  @Field(() => SearchType) type!: string;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: "How many results are in a category (or below it)." })
export class CategoryFacet {
  @Field(() => Category) category!: unknown;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: "How many results are in a place (or inside it)." })
export class PlaceFacet {
  @Field(() => Place) place!: unknown;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: "Counts over all the results (not only the ones returned), most frequent first." })
export class SearchFacets {
  @Field(() => [TypeFacet]) types!: TypeFacet[];
  @Field(() => [CategoryFacet], { description: "Services only: rights articles and vacancies have no category." })
  categories!: CategoryFacet[];
  @Field(() => [PlaceFacet]) places!: PlaceFacet[];
}

@ObjectType()
export class SearchResult {
  @Field(() => Int, { description: "How many records match, over all types." }) totalCount!: number;
  @Field(() => [SearchHit], { description: "The best matches, best first." }) hits!: SearchHit[];
  @Field(() => SearchFacets) facets!: SearchFacets;
}
