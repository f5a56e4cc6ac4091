-- +goose Up
-- The law of each procedure as data an administrator keeps up to date without a release
-- (issue 13, services/catalogue/law.go): its legal bases, its fees and charges, and an
-- administrator's change of its legal deadline.
--
-- Each seeded row keeps the embedded record it was last written from (seeded): the seed writes a
-- row again only when a release ships a different record, so an administrator's edit stays until
-- a release changes that same record. seeded is NULL on the rows an administrator added.

-- The documents a procedure rests on, in the order its page lists them.
CREATE TABLE procedure_legal_bases (
    id              bigserial PRIMARY KEY,
    procedure_code  text NOT NULL REFERENCES procedures (code),
    position        integer NOT NULL CHECK (position >= 0),
    doc_type        text NOT NULL CHECK (doc_type IN ('law', 'resolution', 'decree', 'circular', 'joint_circular', 'decision')),
    number          text NOT NULL CHECK (number ~ '^\S.{0,60}$'),  -- "60/2014/QH13"
    title_vi        text NOT NULL CHECK (btrim(title_vi) <> ''),
    title_en        text NOT NULL CHECK (btrim(title_en) <> ''),
    issuer_vi       text NOT NULL CHECK (btrim(issuer_vi) <> ''), -- "Quốc hội", "Chính phủ", "Bộ Tư pháp"
    issuer_en       text NOT NULL CHECK (btrim(issuer_en) <> ''),
    part_vi         text NOT NULL DEFAULT '',  -- which part applies: "Điều 11", "Mẫu CT01"
    part_en         text NOT NULL DEFAULT '',
    issued_on       date,                      -- NULL: not verified
    effective_from  date,                      -- NULL: not verified (the page says so to administrators)
    effective_until date,                      -- repealed or replaced from this day; NULL: in force
    note            text NOT NULL DEFAULT '',  -- for administrators: what is left to verify
    seeded          jsonb,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (procedure_code, number),
    CHECK (effective_until IS NULL OR effective_from IS NULL OR effective_until > effective_from),
    CHECK (issued_on IS NULL OR effective_from IS NULL OR issued_on <= effective_from)
);

-- The fees and charges of a procedure, per channel and province. A national row (province_code
-- '') applies unless a row of the province for the same item and channel overrides it. amount_vnd
-- NULL is an amount not known here (the People's Council sets it and no one entered it yet, or
-- the tax authority computes it); 0 with exempt = false is "no charge". Only a row the law
-- exempts (exempt, with the basis of the exemption) is shown as "Miễn phí".
CREATE TABLE procedure_fees (
    id                 bigserial PRIMARY KEY,
    procedure_code     text NOT NULL REFERENCES procedures (code),
    item               text NOT NULL CHECK (item ~ '^[a-z][a-z0-9_]{0,39}$'), -- the charge a province row overrides
    province_code      text NOT NULL DEFAULT '' CHECK (province_code ~ '^([0-9]{2})?$'),
    channel            text NOT NULL CHECK (channel IN ('online', 'in_person')),
    kind               text NOT NULL CHECK (kind IN ('le_phi', 'phi', 'thue', 'le_phi_truoc_ba')),
    name_vi            text NOT NULL CHECK (btrim(name_vi) <> ''),
    name_en            text NOT NULL CHECK (btrim(name_en) <> ''),
    amount_vnd         bigint CHECK (amount_vnd >= 0),
    amount_note_vi     text NOT NULL DEFAULT '', -- how it is computed: "0,5% giá tính lệ phí trước bạ"
    amount_note_en     text NOT NULL DEFAULT '',
    exempt             boolean NOT NULL DEFAULT false,
    exemption_basis_vi text NOT NULL DEFAULT '',
    exemption_basis_en text NOT NULL DEFAULT '',
    council_set        boolean NOT NULL DEFAULT false, -- set by the provincial People's Council
    recipient_vi       text NOT NULL DEFAULT '',
    recipient_en       text NOT NULL DEFAULT '',
    legal_basis_vi     text NOT NULL DEFAULT '',
    legal_basis_en     text NOT NULL DEFAULT '',
    effective_from     date,                     -- NULL: since before the portal, not recorded
    effective_until    date,
    note               text NOT NULL DEFAULT '', -- for administrators
    seeded             jsonb,
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT procedure_fees_key UNIQUE NULLS NOT DISTINCT (procedure_code, item, province_code, channel, effective_from),
    CHECK (NOT exempt OR (btrim(exemption_basis_vi) <> '' AND btrim(exemption_basis_en) <> ''
        AND coalesce(amount_vnd, 0) = 0 AND NOT council_set)),
    CHECK (effective_until IS NULL OR effective_from IS NULL OR effective_until > effective_from)
);
CREATE INDEX procedure_fees_lookup_idx ON procedure_fees (procedure_code, province_code);

-- An administrator's legal deadline, replacing the one a release shipped (released_days). The
-- seed writes the release's value into procedures.processing_days, then this one again while the
-- release still ships released_days; a release that ships another value ends the override (the
-- law changed again, and the release says so).
CREATE TABLE procedure_deadline_overrides (
    procedure_code  text PRIMARY KEY REFERENCES procedures (code),
    processing_days integer NOT NULL CHECK (processing_days > 0),
    released_days   integer NOT NULL CHECK (released_days > 0),
    basis           text NOT NULL CHECK (btrim(basis) <> ''), -- the document that set the new deadline
    updated_by      text NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (processing_days <> released_days)
);

-- +goose Down
DROP TABLE procedure_deadline_overrides;
DROP TABLE procedure_fees;
DROP TABLE procedure_legal_bases;
