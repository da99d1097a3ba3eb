import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "@start/db";
import type { Origin } from "./issues.js";
import type { Staged, StagedKind } from "./normalise.js";

/**
 * The import's working table: every staged record, in a temporary table of the import's own
 * transaction (dropped with it). Reading writes here in batches; applying reads it back a batch of
 * records at a time, with their nested records. So neither step holds a whole file in memory.
 */

export interface StagedRow {
  seq: number;
  kind: StagedKind;
  id: string | null;
  ownerKind: StagedKind | null;
  ownerId: string | null;
  data: Record<string, unknown>;
  origin: Origin;
}

const TABLE = "hsds_import_rows";

export async function createStaging(db: Executor): Promise<void> {
  await db.execute(sql.raw(`create temporary table ${TABLE} (
    seq serial primary key,
    kind text not null,
    id text,
    owner_kind text,
    owner_id text,
    data jsonb not null,
    origin jsonb not null
  ) on commit drop`));
  await db.execute(sql.raw(`create index on ${TABLE} (kind, id)`));
  await db.execute(sql.raw(`create index on ${TABLE} (owner_kind, owner_id)`));
}

/** Buffers staged records and writes them a batch at a time (one statement per batch). */
export class Stager {
  private buffer: Staged[] = [];
  count = 0;

  constructor(
    private readonly db: Executor,
    private readonly batchSize = 500,
  ) {}

  async add(records: Staged[]): Promise<void> {
    this.buffer.push(...records);
    this.count += records.length;
    if (this.buffer.length >= this.batchSize) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    const payload = JSON.stringify(
      batch.map((record) => ({
        kind: record.kind,
        id: record.id,
        owner_kind: record.ownerKind,
        owner_id: record.ownerId,
        data: record.data,
        origin: record.origin,
      })),
    );
    await this.db.execute(sql`insert into ${sql.raw(TABLE)} (kind, id, owner_kind, owner_id, data, origin)
      select kind, id, owner_kind, owner_id, data, origin
      from jsonb_to_recordset(${payload}::jsonb) as r(kind text, id text, owner_kind text, owner_id text, data jsonb, origin jsonb)`);
  }
}

interface RawRow {
  seq: number;
  kind: StagedKind;
  id: string | null;
  owner_kind: StagedKind | null;
  owner_id: string | null;
  data: unknown;
  origin: unknown;
}

const parsed = (value: unknown) => (typeof value === "string" ? JSON.parse(value) : value);

function toStaged(row: RawRow): StagedRow {
  return {
    seq: Number(row.seq),
    kind: row.kind,
    id: row.id,
    ownerKind: row.owner_kind,
    ownerId: row.owner_id,
    data: parsed(row.data) as Record<string, unknown>,
    origin: parsed(row.origin) as Origin,
  };
}

const columns = sql.raw("seq, kind, id, owner_kind, owner_id, data, origin");

/** Every staged record of a kind (for small kinds: places, taxonomy terms). */
export async function stagedOfKind(db: Executor, kind: StagedKind): Promise<StagedRow[]> {
  const rows = await queryRows<RawRow & Record<string, unknown>>(db, sql`select ${columns} from ${sql.raw(TABLE)} where kind = ${kind} order by seq`);
  return rows.map(toStaged);
}

/** The staged records of a kind with these ids, in reading order (duplicates included). */
export async function stagedByIds(db: Executor, kind: StagedKind, ids: readonly string[]): Promise<StagedRow[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<RawRow & Record<string, unknown>>(
    db,
    sql`select ${columns} from ${sql.raw(TABLE)} where kind = ${kind} and id = any(${sql.param([...ids])}::text[]) order by seq`,
  );
  return rows.map(toStaged);
}

/** The staged records nested in (or pointing to) these owners. */
export async function stagedChildren(db: Executor, ownerKind: StagedKind, ownerIds: readonly string[]): Promise<StagedRow[]> {
  if (ownerIds.length === 0) return [];
  const rows = await queryRows<RawRow & Record<string, unknown>>(
    db,
    sql`select ${columns} from ${sql.raw(TABLE)} where owner_kind = ${ownerKind} and owner_id = any(${sql.param([...ownerIds])}::text[]) order by seq`,
  );
  return rows.map(toStaged);
}

/**
 * The records of a kind the import touches, a batch at a time by id: those staged, and those only
 * named as the owner of staged records (a phones.csv row for a service already in START).
 */
export async function touchedIds(db: Executor, kind: StagedKind, extra: ReturnType<typeof sql> | null, after: string | null, limit: number): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from (
          select id from ${sql.raw(TABLE)} where kind = ${kind} and id is not null
          union select owner_id from ${sql.raw(TABLE)} where owner_kind = ${kind} and owner_id is not null
          ${extra ? sql`union ${extra}` : sql``}
        ) touched where id is not null ${after ? sql`and id > ${after}` : sql``} order by id limit ${limit}`,
  );
  return rows.map((row) => row.id);
}

export async function countTouched(db: Executor, kind: StagedKind, extra: ReturnType<typeof sql> | null): Promise<number> {
  const rows = await queryRows<{ n: number | string }>(
    db,
    sql`select count(*) as n from (
          select id from ${sql.raw(TABLE)} where kind = ${kind} and id is not null
          union select owner_id from ${sql.raw(TABLE)} where owner_kind = ${kind} and owner_id is not null
          ${extra ? sql`union ${extra}` : sql``}
        ) touched where id is not null`,
  );
  return Number(rows[0]?.n ?? 0);
}

/** Staged records whose owner is neither staged nor in START: their reference is wrong. */
export async function danglingOwners(db: Executor, ownerKind: StagedKind, startTable: string): Promise<StagedRow[]> {
  const rows = await queryRows<RawRow & Record<string, unknown>>(
    db,
    sql`select ${columns} from ${sql.raw(TABLE)} r
        where r.owner_kind = ${ownerKind} and r.owner_id is not null
          and not exists (select 1 from ${sql.raw(TABLE)} o where o.kind = ${ownerKind} and o.id = r.owner_id)
          and not exists (select 1 from ${sql.raw(startTable)} t where t.id::text = r.owner_id)
        order by r.seq limit 200`,
  );
  return rows.map(toStaged);
}

/**
 * Records HSDS lists under several owners with one id (the specification's examples put one phone
 * on the organization, the service and the location): START gives each owner its own record, so
 * all but one get an id derived from the original and the owner. The one that keeps the id is the
 * owner START already has it under, else the first listed.
 */
export async function sharedIds(db: Executor, kind: "phone" | "schedule", startTable: string, ownerColumns: Record<string, string>) {
  const ownerCase = Object.entries(ownerColumns)
    .map(([ownerKind, column]) => `when t.${column} is not null then '${ownerKind}:' || t.${column}::text`)
    .join(" ");
  return queryRows<{ id: string; owner_kind: string; owner_id: string; first_seq: number; keeps: boolean }>(
    db,
    sql`with owners as (
          select id, owner_kind, owner_id, min(seq) as first_seq from ${sql.raw(TABLE)}
          where kind = ${kind} and id is not null group by id, owner_kind, owner_id),
        shared as (select id from owners group by id having count(*) > 1),
        current as (select t.id::text as id, case ${sql.raw(ownerCase)} end as owner from ${sql.raw(startTable)} t
          where t.id::text in (select id from shared))
        select o.id, o.owner_kind, o.owner_id, o.first_seq,
          coalesce(c.owner = o.owner_kind || ':' || o.owner_id, false) as keeps
        from owners o join shared s on s.id = o.id left join current c on c.id = o.id
        order by o.id, o.first_seq`,
  );
}

export async function renameShared(db: Executor, kind: string, id: string, ownerKind: string, ownerId: string, newId: string): Promise<void> {
  // The copy remembers the original id: records nested in it (a phone's languages) still point there.
  await db.execute(sql`update ${sql.raw(TABLE)} set id = ${newId}, data = data || jsonb_build_object('originalId', ${id}::text)
    where kind = ${kind} and id = ${id} and owner_kind = ${ownerKind} and owner_id = ${ownerId}`);
}
