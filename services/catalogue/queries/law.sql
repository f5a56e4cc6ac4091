-- The law of each procedure as data (law.go): legal bases, fees and an administrator's legal
-- deadline. The seed's writes keep what an administrator changed (see migration 00020).

-- name: LegalBasesOf :many
SELECT * FROM procedure_legal_bases WHERE procedure_code = $1 ORDER BY position, id;

-- name: LegalBasisSeed :exec
-- A basis of the embedded data: inserted when new; rewritten only when the release ships another
-- record than the one it was last written from, so an administrator's edit stays until then.
INSERT INTO procedure_legal_bases (procedure_code, position, doc_type, number, title_vi, title_en,
    issuer_vi, issuer_en, part_vi, part_en, issued_on, effective_from, effective_until, note, seeded)
VALUES (sqlc.arg(procedure_code), sqlc.arg(position), sqlc.arg(doc_type), sqlc.arg(number),
    sqlc.arg(title_vi), sqlc.arg(title_en), sqlc.arg(issuer_vi), sqlc.arg(issuer_en), sqlc.arg(part_vi),
    sqlc.arg(part_en), sqlc.narg(issued_on), sqlc.narg(effective_from), sqlc.narg(effective_until),
    sqlc.arg(note), sqlc.arg(seeded))
ON CONFLICT (procedure_code, number) DO UPDATE SET
    position = excluded.position, doc_type = excluded.doc_type, title_vi = excluded.title_vi,
    title_en = excluded.title_en, issuer_vi = excluded.issuer_vi, issuer_en = excluded.issuer_en,
    part_vi = excluded.part_vi, part_en = excluded.part_en, issued_on = excluded.issued_on,
    effective_from = excluded.effective_from, effective_until = excluded.effective_until,
    note = excluded.note, seeded = excluded.seeded, updated_at = now()
WHERE procedure_legal_bases.seeded IS DISTINCT FROM excluded.seeded;

-- name: LegalBasesPrune :exec
-- The seeded bases a release no longer ships; an administrator's own rows stay.
DELETE FROM procedure_legal_bases
WHERE procedure_code = sqlc.arg(procedure_code) AND seeded IS NOT NULL
    AND NOT (number = ANY (sqlc.arg(numbers)::text[]));

-- name: LegalBasisInsert :one
INSERT INTO procedure_legal_bases (procedure_code, position, doc_type, number, title_vi, title_en,
    issuer_vi, issuer_en, part_vi, part_en, issued_on, effective_from, effective_until, note)
VALUES (sqlc.arg(procedure_code), sqlc.arg(position), sqlc.arg(doc_type), sqlc.arg(number),
    sqlc.arg(title_vi), sqlc.arg(title_en), sqlc.arg(issuer_vi), sqlc.arg(issuer_en), sqlc.arg(part_vi),
    sqlc.arg(part_en), sqlc.narg(issued_on), sqlc.narg(effective_from), sqlc.narg(effective_until),
    sqlc.arg(note))
RETURNING id;

-- name: LegalBasisUpdate :execrows
-- An administrator's edit; the row keeps the record it was seeded from.
UPDATE procedure_legal_bases SET position = sqlc.arg(position), doc_type = sqlc.arg(doc_type),
    number = sqlc.arg(number), title_vi = sqlc.arg(title_vi), title_en = sqlc.arg(title_en),
    issuer_vi = sqlc.arg(issuer_vi), issuer_en = sqlc.arg(issuer_en), part_vi = sqlc.arg(part_vi),
    part_en = sqlc.arg(part_en), issued_on = sqlc.narg(issued_on), effective_from = sqlc.narg(effective_from),
    effective_until = sqlc.narg(effective_until), note = sqlc.arg(note), updated_at = now()
WHERE id = sqlc.arg(id) AND procedure_code = sqlc.arg(procedure_code);

-- name: LegalBasisDelete :one
-- Deletes an administrator's own row; a seeded one is only ever ended (effective_until), since
-- the next seed would bring it back. Returns whether the row was seeded (nothing deleted then).
WITH target AS (
    SELECT b.id AS target_id, b.seeded IS NOT NULL AS was_seeded FROM procedure_legal_bases b
    WHERE b.id = sqlc.arg(id) AND b.procedure_code = sqlc.arg(procedure_code)
), gone AS (
    DELETE FROM procedure_legal_bases WHERE id IN (SELECT target_id FROM target WHERE NOT was_seeded)
)
SELECT was_seeded::boolean AS was_seeded FROM target;

-- name: FeesOf :many
-- Every fee row of a procedure, for the administrator.
SELECT * FROM procedure_fees WHERE procedure_code = $1 ORDER BY province_code, id;

-- name: FeesInForce :many
-- The rows of a procedure in force on a day, national and of one province; Fees picks the
-- province's row over the national one of the same item and channel.
SELECT * FROM procedure_fees
WHERE procedure_code = sqlc.arg(procedure_code)
    AND province_code IN ('', sqlc.arg(province_code)::text)
    AND (effective_from IS NULL OR effective_from <= sqlc.arg(on_day)::date)
    AND (effective_until IS NULL OR effective_until > sqlc.arg(on_day)::date)
ORDER BY id;

-- name: FeesInForceAll :many
-- As FeesInForce, for every procedure: the catalogue's list.
SELECT * FROM procedure_fees
WHERE province_code IN ('', sqlc.arg(province_code)::text)
    AND (effective_from IS NULL OR effective_from <= sqlc.arg(on_day)::date)
    AND (effective_until IS NULL OR effective_until > sqlc.arg(on_day)::date)
ORDER BY procedure_code, id;

-- name: FeeSeed :exec
-- A fee of the embedded data, as LegalBasisSeed.
INSERT INTO procedure_fees (procedure_code, item, province_code, channel, kind, name_vi, name_en,
    amount_vnd, amount_note_vi, amount_note_en, exempt, exemption_basis_vi, exemption_basis_en,
    council_set, recipient_vi, recipient_en, legal_basis_vi, legal_basis_en, effective_from,
    effective_until, note, seeded)
VALUES (sqlc.arg(procedure_code), sqlc.arg(item), sqlc.arg(province_code), sqlc.arg(channel),
    sqlc.arg(kind), sqlc.arg(name_vi), sqlc.arg(name_en), sqlc.narg(amount_vnd), sqlc.arg(amount_note_vi),
    sqlc.arg(amount_note_en), sqlc.arg(exempt), sqlc.arg(exemption_basis_vi), sqlc.arg(exemption_basis_en),
    sqlc.arg(council_set), sqlc.arg(recipient_vi), sqlc.arg(recipient_en), sqlc.arg(legal_basis_vi),
    sqlc.arg(legal_basis_en), sqlc.narg(effective_from), sqlc.narg(effective_until), sqlc.arg(note),
    sqlc.arg(seeded))
ON CONFLICT ON CONSTRAINT procedure_fees_key DO UPDATE SET
    kind = excluded.kind, name_vi = excluded.name_vi, name_en = excluded.name_en,
    amount_vnd = excluded.amount_vnd, amount_note_vi = excluded.amount_note_vi,
    amount_note_en = excluded.amount_note_en, exempt = excluded.exempt,
    exemption_basis_vi = excluded.exemption_basis_vi, exemption_basis_en = excluded.exemption_basis_en,
    council_set = excluded.council_set, recipient_vi = excluded.recipient_vi,
    recipient_en = excluded.recipient_en, legal_basis_vi = excluded.legal_basis_vi,
    legal_basis_en = excluded.legal_basis_en, effective_until = excluded.effective_until,
    note = excluded.note, seeded = excluded.seeded, updated_at = now()
WHERE procedure_fees.seeded IS DISTINCT FROM excluded.seeded;

-- name: FeesPrune :exec
-- The seeded fees a release no longer ships, by their key item|province|channel|effective_from.
DELETE FROM procedure_fees
WHERE procedure_code = sqlc.arg(procedure_code) AND seeded IS NOT NULL
    AND NOT ((item || '|' || province_code || '|' || channel || '|' || coalesce(effective_from::text, ''))
        = ANY (sqlc.arg(keys)::text[]));

-- name: FeeInsert :one
INSERT INTO procedure_fees (procedure_code, item, province_code, channel, kind, name_vi, name_en,
    amount_vnd, amount_note_vi, amount_note_en, exempt, exemption_basis_vi, exemption_basis_en,
    council_set, recipient_vi, recipient_en, legal_basis_vi, legal_basis_en, effective_from,
    effective_until, note)
VALUES (sqlc.arg(procedure_code), sqlc.arg(item), sqlc.arg(province_code), sqlc.arg(channel),
    sqlc.arg(kind), sqlc.arg(name_vi), sqlc.arg(name_en), sqlc.narg(amount_vnd), sqlc.arg(amount_note_vi),
    sqlc.arg(amount_note_en), sqlc.arg(exempt), sqlc.arg(exemption_basis_vi), sqlc.arg(exemption_basis_en),
    sqlc.arg(council_set), sqlc.arg(recipient_vi), sqlc.arg(recipient_en), sqlc.arg(legal_basis_vi),
    sqlc.arg(legal_basis_en), sqlc.narg(effective_from), sqlc.narg(effective_until), sqlc.arg(note))
RETURNING id;

-- name: FeeUpdate :execrows
UPDATE procedure_fees SET item = sqlc.arg(item), province_code = sqlc.arg(province_code),
    channel = sqlc.arg(channel), kind = sqlc.arg(kind), name_vi = sqlc.arg(name_vi), name_en = sqlc.arg(name_en),
    amount_vnd = sqlc.narg(amount_vnd), amount_note_vi = sqlc.arg(amount_note_vi),
    amount_note_en = sqlc.arg(amount_note_en), exempt = sqlc.arg(exempt),
    exemption_basis_vi = sqlc.arg(exemption_basis_vi), exemption_basis_en = sqlc.arg(exemption_basis_en),
    council_set = sqlc.arg(council_set), recipient_vi = sqlc.arg(recipient_vi), recipient_en = sqlc.arg(recipient_en),
    legal_basis_vi = sqlc.arg(legal_basis_vi), legal_basis_en = sqlc.arg(legal_basis_en),
    effective_from = sqlc.narg(effective_from), effective_until = sqlc.narg(effective_until),
    note = sqlc.arg(note), updated_at = now()
WHERE id = sqlc.arg(id) AND procedure_code = sqlc.arg(procedure_code);

-- name: FeeDelete :one
-- As LegalBasisDelete.
WITH target AS (
    SELECT f.id AS target_id, f.seeded IS NOT NULL AS was_seeded FROM procedure_fees f
    WHERE f.id = sqlc.arg(id) AND f.procedure_code = sqlc.arg(procedure_code)
), gone AS (
    DELETE FROM procedure_fees WHERE id IN (SELECT target_id FROM target WHERE NOT was_seeded)
)
SELECT was_seeded::boolean AS was_seeded FROM target;

-- name: DeadlineOverrideOf :one
SELECT * FROM procedure_deadline_overrides WHERE procedure_code = $1;

-- name: DeadlineOverrideApply :exec
-- After the seed wrote the release's deadline: an administrator's value again, while the
-- release ships the value it replaced.
UPDATE procedures SET processing_days = o.processing_days
FROM procedure_deadline_overrides o
WHERE procedures.code = sqlc.arg(code) AND o.procedure_code = procedures.code
    AND o.released_days = sqlc.arg(released_days)::integer;

-- name: DeadlineOverrideLapse :exec
-- A release that ships another deadline than the one an administrator replaced ends the override.
DELETE FROM procedure_deadline_overrides
WHERE procedure_code = sqlc.arg(code) AND released_days <> sqlc.arg(released_days)::integer;

-- name: DeadlineOverrideSet :exec
INSERT INTO procedure_deadline_overrides (procedure_code, processing_days, released_days, basis, updated_by, updated_at)
VALUES (sqlc.arg(procedure_code), sqlc.arg(processing_days), sqlc.arg(released_days), sqlc.arg(basis),
    sqlc.arg(updated_by), sqlc.arg(updated_at))
ON CONFLICT (procedure_code) DO UPDATE SET processing_days = excluded.processing_days,
    basis = excluded.basis, updated_by = excluded.updated_by, updated_at = excluded.updated_at;

-- name: DeadlineOverrideClear :exec
DELETE FROM procedure_deadline_overrides WHERE procedure_code = $1;

-- name: ProcedureLockDays :one
-- Holds the procedure's row while its deadline changes.
SELECT processing_days FROM procedures WHERE code = $1 FOR UPDATE;

-- name: ProcedureSetDays :exec
UPDATE procedures SET processing_days = sqlc.arg(processing_days) WHERE code = sqlc.arg(code);

-- name: ProcedureSetBasisText :exec
-- The citation of a procedure's documents, kept beside them for what prints a procedure's basis
-- in one line (a decision's "Căn cứ …"): written whenever the documents change.
UPDATE procedures SET legal_basis_vi = sqlc.arg(legal_basis_vi), legal_basis_en = sqlc.arg(legal_basis_en)
WHERE code = sqlc.arg(code);
