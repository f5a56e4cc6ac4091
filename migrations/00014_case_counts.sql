-- +goose Up
-- How many of an agency's cases are in each status, kept exact by statement-level triggers on
-- cases. The queue shows these counts on every page view; counting a large agency's cases each
-- time (hundreds of thousands of rows) does not scale, and a per-replica cache of the count makes
-- concurrent page views stampede the database whenever it expires.
--
-- The triggers aggregate each statement's transition table, so a COPY of a million cases costs
-- one upsert per (agency, status), and they apply the deltas in key order, so two transactions
-- moving cases between the same statuses lock the same rows in the same order.
CREATE TABLE case_counts (
    agency_code text NOT NULL,
    status      smallint NOT NULL,
    n           bigint NOT NULL,
    PRIMARY KEY (agency_code, status)
);

-- +goose StatementBegin
CREATE FUNCTION case_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO case_counts (agency_code, status, n)
        SELECT agency_code, status, count(*) FROM new_rows GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (agency_code, status) DO UPDATE SET n = case_counts.n + excluded.n;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE case_counts c SET n = c.n - d.k
        FROM (SELECT agency_code, status, count(*) AS k FROM old_rows GROUP BY 1, 2 ORDER BY 1, 2) d
        WHERE c.agency_code = d.agency_code AND c.status = d.status;
    ELSE
        INSERT INTO case_counts (agency_code, status, n)
        SELECT agency_code, status, sum(k) FROM (
            SELECT agency_code, status, 1 AS k FROM new_rows
            UNION ALL
            SELECT agency_code, status, -1 FROM old_rows
        ) d GROUP BY 1, 2 HAVING sum(k) <> 0 ORDER BY 1, 2
        ON CONFLICT (agency_code, status) DO UPDATE SET n = case_counts.n + excluded.n;
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER case_counts_insert AFTER INSERT ON cases REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION case_counts_apply();
CREATE TRIGGER case_counts_update AFTER UPDATE ON cases REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION case_counts_apply();
CREATE TRIGGER case_counts_delete AFTER DELETE ON cases REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION case_counts_apply();

INSERT INTO case_counts (agency_code, status, n)
SELECT agency_code, status, count(*) FROM cases GROUP BY 1, 2;

-- +goose Down
DROP TRIGGER case_counts_delete ON cases;
DROP TRIGGER case_counts_update ON cases;
DROP TRIGGER case_counts_insert ON cases;
DROP FUNCTION case_counts_apply();
DROP TABLE case_counts;
