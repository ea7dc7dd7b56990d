-- The role aggregation-service rebuilds its cache through: it may read the lines, the games and retention's boundary
-- (which seasons' tombstones it may forget), and nothing else.
-- Repeatable, so that a changed password (a Flyway placeholder from configuration) is applied again.
-- Creating or altering a role needs CREATEROLE; without it an existing role is only granted its rights.
DO $courtside$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${reader_role}') THEN
        EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', '${reader_role}', $pw$${reader_password}$pw$);
    ELSIF (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
        EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', '${reader_role}', $pw$${reader_password}$pw$);
    END IF;
    IF (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
        EXECUTE format('ALTER ROLE %I SET default_transaction_read_only = on', '${reader_role}');
    END IF;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), '${reader_role}');
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), '${reader_role}');
    EXECUTE format('GRANT SELECT ON stat_line, game, retired_season TO %I', '${reader_role}');
END
$courtside$;
