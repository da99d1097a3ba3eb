import { useEffect, useState } from "preact/hooks";
import type { Request } from "./api.js";
import type { OrganizationRef, Text } from "./context.js";
import { CATEGORIES, ORGANIZATIONS, PLACES } from "./queries.js";

/**
 * Categories, places and organizations the forms offer, loaded once per session (in the editor's
 * locale) and reloaded after a moderator changes them.
 */
export interface CategoryNode {
  id: string;
  code: string;
  name: Text;
  children?: CategoryNode[];
}

export interface PlaceNode {
  id: string;
  slug: string;
  kind: string;
  countryCode: string;
  name: Text;
  children?: PlaceNode[];
}

export interface Option {
  value: string;
  label: string;
  depth: number;
  kind?: string;
}

export interface ReferenceData {
  categories: CategoryNode[];
  places: PlaceNode[];
  organizations: OrganizationRef[];
  /** Every place, depth first, with its depth in the tree. */
  placeOptions: Option[];
  categoryOptions: Option[];
  placeName(id: string | null | undefined): string;
  categoryName(id: string): string;
  organizationName(id: string | null | undefined): string;
}

function flatten<T extends { id: string; name: Text; children?: T[]; kind?: string }>(nodes: T[], depth = 0): Option[] {
  return nodes.flatMap((node) => [{ value: node.id, label: node.name.text, depth, kind: node.kind }, ...flatten(node.children ?? [], depth + 1)]);
}

export class References {
  private data: Promise<ReferenceData> | null = null;
  private listeners = new Set<(data: ReferenceData) => void>();
  current: ReferenceData | null = null;

  constructor(private readonly request: Request) {}

  load(): Promise<ReferenceData> {
    this.data ??= this.fetch().then(
      (data) => {
        this.current = data;
        for (const listener of this.listeners) listener(data);
        return data;
      },
      (error: unknown) => {
        this.data = null;
        throw error;
      },
    );
    return this.data;
  }

  /** Forget what was loaded (after categories, places or organizations changed). */
  invalidate(): void {
    this.data = null;
    void this.load().catch(() => undefined);
  }

  subscribe(listener: (data: ReferenceData) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async fetch(): Promise<ReferenceData> {
    const [{ categories }, { places }, organizations] = await Promise.all([
      this.request<{ categories: CategoryNode[] }>(CATEGORIES),
      this.request<{ places: PlaceNode[] }>(PLACES),
      this.organizations(),
    ]);
    const placeOptions = flatten(places);
    const categoryOptions = flatten(categories);
    const placeNames = new Map(placeOptions.map((option) => [option.value, option.label]));
    const categoryNames = new Map(categoryOptions.map((option) => [option.value, option.label]));
    const organizationNames = new Map(organizations.map((organization) => [organization.id, organization.name.text]));
    return {
      categories,
      places,
      organizations,
      placeOptions,
      categoryOptions,
      placeName: (id) => (id ? (placeNames.get(id) ?? id) : ""),
      categoryName: (id) => categoryNames.get(id) ?? id,
      organizationName: (id) => (id ? (organizationNames.get(id) ?? "") : ""),
    };
  }

  private async organizations(): Promise<OrganizationRef[]> {
    const all: OrganizationRef[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const { organizations }: { organizations: { edges: { node: OrganizationRef }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } =
        await this.request(ORGANIZATIONS, { after });
      all.push(...organizations.edges.map((edge) => edge.node));
      if (!organizations.pageInfo.hasNextPage) break;
      after = organizations.pageInfo.endCursor;
    }
    return all;
  }
}

/** The reference data, once loaded (null until then, or when it could not be loaded). */
export function useReferences(references: References): ReferenceData | null {
  const [data, setData] = useState<ReferenceData | null>(references.current);
  useEffect(() => {
    const unsubscribe = references.subscribe(setData);
    references.load().then(setData, () => undefined);
    return unsubscribe;
  }, [references]);
  return data;
}
