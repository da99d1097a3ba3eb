import type { GraphQLResolveInfo } from "graphql";
import { Ctx, FieldResolver, ID, Info, Resolver, Root } from "type-graphql";
import { nestedListComplexity } from "../graphql/complexity.js";
import type { RequestContext } from "../graphql/context.js";
import { inLocaleOrder, LocalizedText, pickText } from "../graphql/localized.js";
import { placeLoaders, type PlaceRecord } from "../places/loaders.js";
import { Place } from "../places/types.js";
import {
  directoryLoaders,
  type LocationRecord,
  type PhoneRecord,
  type ScheduleRecord,
  type ServiceAtLocationRecord,
  type ServiceRecord,
} from "./loaders.js";
import {
  Location,
  LocationTranslation,
  OpeningPeriod,
  Phone,
  PhoneTranslation,
  Schedule,
  ScheduleTranslation,
  ServiceLocation,
} from "./types.js";

/** A service at a location, with the service it belongs to (for its confidentiality and schedules). */
export interface ServiceLocationView {
  link: ServiceAtLocationRecord;
  service: ServiceRecord;
}

/** A location as the public may see it: nothing but its place when the service keeps its address confidential. */
export interface LocationView {
  id: string;
  latitude: number | null;
  longitude: number | null;
  postalCode: string | null;
  placeId: string;
  confidential: boolean;
  record: LocationRecord;
}

export function locationView(record: LocationRecord, confidential: boolean): LocationView {
  return {
    id: record.id,
    latitude: confidential ? null : record.latitude,
    longitude: confidential ? null : record.longitude,
    postalCode: confidential ? null : record.postalCode,
    placeId: record.placeId,
    confidential,
    record,
  };
}

@Resolver(() => ServiceLocation)
export class ServiceLocationResolver {
  @FieldResolver(() => ID)
  id(@Root() view: ServiceLocationView): string {
    return view.link.id;
  }

  @FieldResolver(() => Location)
  location(@Root() view: ServiceLocationView): LocationView {
    return locationView(view.link.location, view.service.confidentialAddress);
  }

  @FieldResolver(() => [Phone], {
    complexity: nestedListComplexity,
    description: "Phone numbers for the service at this location (the location's own numbers are on location.phones).",
  })
  async phones(@Root() view: ServiceLocationView, @Ctx() context: RequestContext): Promise<PhoneRecord[]> {
    return context.loaders.use(directoryLoaders).phonesOfServiceAtLocation.load(view.link.id);
  }

  @FieldResolver(() => [Schedule], {
    complexity: nestedListComplexity,
    description:
      "The opening hours that apply here: those set for the service at this location, else the service's, else the location's.",
  })
  async schedules(@Root() view: ServiceLocationView, @Ctx() context: RequestContext): Promise<ScheduleRecord[]> {
    const loaders = context.loaders.use(directoryLoaders);
    const own = await loaders.schedulesOfServiceAtLocation.load(view.link.id);
    if (own.length > 0) return own;
    const ofService = await loaders.schedulesOfService.load(view.service.id);
    if (ofService.length > 0) return ofService;
    return loaders.schedulesOfLocation.load(view.link.locationId);
  }
}

@Resolver(() => Location)
export class LocationResolver {
  @FieldResolver(() => Place)
  async place(@Root() location: LocationView, @Ctx() context: RequestContext): Promise<PlaceRecord> {
    const place = await context.loaders.use(placeLoaders).byId.load(location.placeId);
    if (!place) throw new Error(`location ${location.id} is in an archived or missing place`);
    return place;
  }

  @FieldResolver(() => LocalizedText, { nullable: true })
  name(@Root() location: LocationView, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return location.confidential ? null : pickText(location.record.translations, (t) => t.name, context.locales.chainFor(info));
  }

  @FieldResolver(() => LocalizedText, { nullable: true, description: "Street address as people write it, landmarks included." })
  address(@Root() location: LocationView, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return location.confidential ? null : pickText(location.record.translations, (t) => t.address, context.locales.chainFor(info));
  }

  @FieldResolver(() => LocalizedText, { nullable: true })
  description(@Root() location: LocationView, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return location.confidential
      ? null
      : pickText(location.record.translations, (t) => t.description, context.locales.chainFor(info));
  }

  @FieldResolver(() => LocalizedText, { nullable: true, description: "How to get there." })
  transportation(@Root() location: LocationView, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return location.confidential
      ? null
      : pickText(location.record.translations, (t) => t.transportation, context.locales.chainFor(info));
  }

  @FieldResolver(() => LocalizedText, { nullable: true, description: "Step-free access, accessible toilets…" })
  accessibility(@Root() location: LocationView, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return location.confidential
      ? null
      : pickText(location.record.translations, (t) => t.accessibility, context.locales.chainFor(info));
  }

  @FieldResolver(() => [Phone], { complexity: nestedListComplexity })
  async phones(@Root() location: LocationView, @Ctx() context: RequestContext): Promise<PhoneRecord[]> {
    return location.confidential ? [] : context.loaders.use(directoryLoaders).phonesOfLocation.load(location.id);
  }

  @FieldResolver(() => [Schedule], { complexity: nestedListComplexity, description: "The location's own opening hours." })
  async schedules(@Root() location: LocationView, @Ctx() context: RequestContext): Promise<ScheduleRecord[]> {
    return context.loaders.use(directoryLoaders).schedulesOfLocation.load(location.id);
  }

  @FieldResolver(() => [LocationTranslation])
  translations(@Root() location: LocationView, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return location.confidential ? [] : inLocaleOrder(location.record.translations, context.locales.chainFor(info));
  }
}

@Resolver(() => Phone)
export class PhoneResolver {
  @FieldResolver(() => LocalizedText, { nullable: true, description: "What the number is for (women's helpline, after hours…)." })
  description(@Root() phone: PhoneRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return pickText(phone.translations, (t) => t.description, context.locales.chainFor(info));
  }

  @FieldResolver(() => [PhoneTranslation])
  translations(@Root() phone: PhoneRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return inLocaleOrder(phone.translations, context.locales.chainFor(info));
  }
}

const hoursAndMinutes = (time: string) => time.slice(0, 5);

@Resolver(() => Schedule)
export class ScheduleResolver {
  @FieldResolver(() => [OpeningPeriod], { complexity: nestedListComplexity })
  periods(@Root() schedule: ScheduleRecord): OpeningPeriod[] {
    return schedule.periods.map((period) => ({
      weekday: period.weekday,
      opensAt: hoursAndMinutes(period.opensAt),
      closesAt: hoursAndMinutes(period.closesAt),
    }));
  }

  @FieldResolver(() => LocalizedText, { nullable: true, description: "Closed on public holidays, women only on Tuesdays…" })
  notes(@Root() schedule: ScheduleRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return pickText(schedule.translations, (t) => t.notes, context.locales.chainFor(info));
  }

  @FieldResolver(() => [ScheduleTranslation])
  translations(@Root() schedule: ScheduleRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return inLocaleOrder(schedule.translations, context.locales.chainFor(info));
  }
}

