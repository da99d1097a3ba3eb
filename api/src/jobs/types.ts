import { GraphQLDateTimeISO, GraphQLLocalDate } from "graphql-scalars";
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { EmploymentType, RecruitmentChannel, SalaryPeriod, VacancyEligibility } from "../graphql/enums.js";
import { PageInfo } from "../graphql/relay.js";

@ObjectType({ description: "A vacancy's texts in one locale." })
export class VacancyTranslation {
  @Field(() => String) locale!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String, { nullable: true }) requirements!: string | null;
  @Field(() => String, { nullable: true }) howToApply!: string | null;
}

@ObjectType({ description: "A salary range." })
export class Salary {
  @Field(() => Float, { nullable: true }) min!: number | null;
  @Field(() => Float, { nullable: true }) max!: number | null;
  @Field(() => String, { description: "ISO 4217 code (LYD…)." }) currency!: string;
  @Field(() => SalaryPeriod, { nullable: true }) period!: string | null;
}

@ObjectType({
  description: "A vacancy notice from a ministry or an employer. It disappears from the API after its deadline (Libya time).",
})
export class Vacancy {
  @Field(() => ID) id!: string;
  @Field(() => String) slug!: string;
  @Field(() => String, { description: "Sector code (health, education…); labels are UI strings." }) sector!: string;
  @Field(() => String, { nullable: true, description: "ISCO-08 occupation code." }) occupationCode!: string | null;
  @Field(() => Int) positions!: number;
  @Field(() => EmploymentType) employmentType!: string;
  @Field(() => VacancyEligibility) eligibility!: string;
  @Field(() => RecruitmentChannel) recruitmentChannel!: string;
  @Field(() => String, { nullable: true }) applyUrl!: string | null;
  @Field(() => String, { nullable: true }) applyEmail!: string | null;
  @Field(() => String, { nullable: true, description: "E.164." }) applyPhone!: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: "The notice's publication date." }) publishedOn!: string | null;
  @Field(() => GraphQLLocalDate, { description: "Last day applications are accepted (inclusive, Libya time)." }) deadline!: string;
  @Field(() => Boolean) isSample!: boolean;
  @Field(() => GraphQLDateTimeISO) updatedAt!: Date;
}

@ObjectType()
export class VacancyEdge {
  @Field(() => Vacancy) node!: unknown;
  @Field(() => String) cursor!: string;
  @Field(() => Float, { nullable: true, description: "With a text `query`: how well the vacancy matches it." }) score!: number | null;
}

@ObjectType({ description: "A page of vacancies (Relay connection)." })
export class VacancyConnection {
  @Field(() => [VacancyEdge]) edges!: VacancyEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@InputType({ description: "Conditions on vacancies; all the given ones must hold." })
export class VacancyFilter {
  @Field(() => [String], { nullable: true, description: "Sector codes: vacancies in any of them." })
  sectors?: string[] | null;

  @Field(() => String, { nullable: true, description: "A place id or slug: vacancies in it or anywhere inside it." })
  place?: string | null;

  @Field(() => [EmploymentType], { nullable: true, description: "Vacancies of any of these employment types." })
  employmentTypes?: string[] | null;

  @Field(() => String, { nullable: true, description: "The publishing organization's id or slug." })
  organization?: string | null;

  @Field(() => Boolean, {
    defaultValue: true,
    description:
      "Only vacancies still taking applications (true by default). With false, notices their publisher closed before the deadline are listed too. Notices past their deadline are never listed.",
  })
  openOnly!: boolean;

  @Field(() => String, { nullable: true, description: "Text to search for." })
  query?: string | null;
}

export enum VacancySort {
  RELEVANCE = "RELEVANCE",
  NEWEST = "NEWEST",
  DEADLINE = "DEADLINE",
}
registerEnumType(VacancySort, {
  name: "VacancySort",
  description: "Order of `vacancies`. Default: RELEVANCE with a text query, else NEWEST.",
  valuesConfig: {
    RELEVANCE: { description: "Best match of the text query first." },
    NEWEST: { description: "Most recently published first." },
    DEADLINE: { description: "Closing soonest first." },
  },
});
