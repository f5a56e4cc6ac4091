-- +goose Up
-- Agencies that receive and decide applications, on the 34-province map.
CREATE TABLE agencies (
    code          text PRIMARY KEY CHECK (code ~ '^[A-Z0-9-]{3,40}$'),
    kind          text NOT NULL CHECK (kind IN ('commune_committee', 'commune_police', 'land_office', 'social_insurance', 'employment_centre')),
    level         text NOT NULL CHECK (level IN ('commune', 'province')),
    name_vi       text NOT NULL,
    name_en       text NOT NULL,
    province_code text NOT NULL CHECK (province_code ~ '^[0-9]{2}$'),
    commune_code  text CHECK (commune_code ~ '^[0-9]{5}$'),
    CHECK ((level = 'commune') = (commune_code IS NOT NULL))
);
CREATE UNIQUE INDEX agencies_competence_idx ON agencies (kind, province_code, coalesce(commune_code, ''));

-- The administrative procedure catalogue. Each procedure has versions of its form schema; a
-- draft keeps the version it started on.
CREATE TABLE procedures (
    code             text PRIMARY KEY CHECK (code ~ '^[0-9]\.[0-9]{6}$'),
    name_vi          text NOT NULL,
    name_en          text NOT NULL,
    topic            text NOT NULL,
    agency_kind      text NOT NULL,
    agency_level     text NOT NULL CHECK (agency_level IN ('commune', 'province')),
    legal_basis_vi   text NOT NULL,
    legal_basis_en   text NOT NULL,
    processing_days  integer NOT NULL CHECK (processing_days > 0),
    fee_vnd          bigint NOT NULL CHECK (fee_vnd >= 0),
    required_acr     text NOT NULL CHECK (required_acr IN ('LoA1', 'LoA2')),
    details          jsonb NOT NULL, -- inputs, who decides, result, texts in both languages
    search_text      text NOT NULL,  -- folded (no diacritics, lower case) names and keywords in both languages
    current_version  integer NOT NULL CHECK (current_version > 0)
);

CREATE TABLE procedure_versions (
    procedure_code text NOT NULL REFERENCES procedures (code),
    version        integer NOT NULL CHECK (version > 0),
    schema         jsonb NOT NULL,
    published_at   timestamptz NOT NULL,
    PRIMARY KEY (procedure_code, version)
);
ALTER TABLE procedures ADD FOREIGN KEY (code, current_version)
    REFERENCES procedure_versions (procedure_code, version) DEFERRABLE INITIALLY DEFERRED;

-- +goose Down
DROP TABLE procedure_versions CASCADE;
DROP TABLE procedures CASCADE;
DROP TABLE agencies;
