-- The role stats-service runs as (DB_USER): it reads and writes the rows of its tables and nothing else. No DDL (it
-- owns no table and may not create any), no TRUNCATE, no roles, no databases, not Flyway's history. The migrations
-- run as the schema owner (DB_MIGRATION_USER), a role apart: a flaw in the service cannot drop or alter the schema,
-- nor make itself a role with more rights.
-- Repeatable, so that a changed password (a Flyway placeholder from configuration) is applied again. Tables that
-- later migrations create get the same rights through the default privileges set here.
DO $courtside$
DECLARE
    runtime text := '${runtime_role}';
BEGIN
    IF runtime = current_user THEN
        RAISE EXCEPTION 'DB_USER (%) is the role the migrations run as: set DB_MIGRATION_USER to the schema owner and DB_USER to a role of its own', runtime;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = runtime) THEN
        EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD %L',
                       runtime, $pw$${runtime_password}$pw$);
    ELSIF (SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls FROM pg_roles WHERE rolname = runtime) THEN
        -- Fail closed: the service would run with rights it must not have, so it does not run at all.
        RAISE EXCEPTION 'DB_USER (%) is a superuser or may create roles or databases: stats-service must run as a role without them', runtime;
    ELSIF (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
        EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', runtime, $pw$${runtime_password}$pw$);
    END IF;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), runtime);
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), runtime);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', current_schema(), runtime);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), runtime);
    EXECUTE format('REVOKE ALL ON %I FROM %I', '${flyway:table}', runtime);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I',
                   current_schema(), runtime);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO %I', current_schema(), runtime);
    -- PostgreSQL 15 and later no longer let every role create objects in the public schema; older ones did.
    EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM PUBLIC', current_schema());
END
$courtside$;
