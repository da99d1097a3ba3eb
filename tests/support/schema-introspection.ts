import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "@start/db";

/**
 * A driver-neutral description of the public schema: tables and columns, constraints, indexes,
 * enums, functions and triggers, each as sorted text lines, so two databases can be compared line by line.
 */
export async function describeSchema(db: Executor): Promise<Record<string, string[]>> {
  const columns = await queryRows<{ line: string }>(
    db,
    sql`select table_name || '.' || column_name || ' ' || udt_name || case when is_nullable = 'NO' then ' not null' else '' end
          || coalesce(' default ' || column_default, '') || coalesce(' generated ' || generation_expression, '') as line
        from information_schema.columns where table_schema = 'public'`,
  );
  // PostgreSQL 18 (PGlite) also records NOT NULL as constraints ('n'); the columns above already say it.
  const constraints = await queryRows<{ line: string }>(
    db,
    sql`select conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) as line
        from pg_constraint where connamespace = 'public'::regnamespace and contype <> 'n'`,
  );
  const indexes = await queryRows<{ line: string }>(
    db,
    sql`select indexdef as line from pg_indexes where schemaname = 'public'`,
  );
  const enums = await queryRows<{ line: string }>(
    db,
    sql`select t.typname || ': ' || string_agg(e.enumlabel, ', ' order by e.enumsortorder) as line
        from pg_type t join pg_enum e on e.enumtypid = t.oid
        where t.typnamespace = 'public'::regnamespace group by t.typname`,
  );
  const functions = await queryRows<{ line: string }>(
    db,
    sql`select p.proname || '(' || pg_get_function_arguments(p.oid) || ') ' || p.provolatile::text || ' ' || md5(p.prosrc) as line
        from pg_proc p where p.pronamespace = 'public'::regnamespace
        and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')`,
  );
  const extensions = await queryRows<{ line: string }>(db, sql`select extname as line from pg_extension where extname <> 'plpgsql'`);
  const triggers = await queryRows<{ line: string }>(
    db,
    sql`select event_object_table || '.' || trigger_name || ' ' || action_timing || ' ' || event_manipulation
          || ' for each ' || action_orientation || ' ' || action_statement as line
        from information_schema.triggers where trigger_schema = 'public'`,
  );
  const sorted = (rows: { line: string }[]) => rows.map((row) => row.line).sort();
  return {
    columns: sorted(columns),
    constraints: sorted(constraints),
    indexes: sorted(indexes),
    enums: sorted(enums),
    functions: sorted(functions),
    extensions: sorted(extensions),
    triggers: sorted(triggers),
  };
}
