-- +goose Up
-- Departments of Home Affairs (Sở Nội vụ) join the agencies.
ALTER TABLE agencies DROP CONSTRAINT agencies_kind_check;
ALTER TABLE agencies ADD CONSTRAINT agencies_kind_check CHECK (kind IN
    ('commune_committee', 'commune_police', 'land_office', 'social_insurance', 'employment_centre', 'home_affairs'));

-- A land registration office works through branches, each competent for an area of communes
-- (several former districts), so a province may have several land_office agencies: their
-- competence is agency_areas, not the province. Every other kind stays one agency per commune or
-- province.
DROP INDEX agencies_competence_idx;
CREATE UNIQUE INDEX agencies_competence_idx ON agencies (kind, province_code, coalesce(commune_code, ''))
    WHERE kind <> 'land_office';

-- The communes an agency is competent for, where that is not simply its commune or province:
-- today the areas of the land registration office branches. This table is where the official
-- areas are loaded; until then `portal seed` puts every commune of a province in the area of
-- the province's one branch (VPDKDD-<province>), and never adds a commune that some branch of
-- the same kind already covers.
CREATE TABLE agency_areas (
    agency_code  text NOT NULL REFERENCES agencies (code),
    commune_code text NOT NULL CHECK (commune_code ~ '^[0-9]{5}$'),
    PRIMARY KEY (agency_code, commune_code)
);
CREATE INDEX agency_areas_commune_idx ON agency_areas (commune_code);

-- +goose Down
-- Fails while home_affairs agencies exist (delete them, and what refers to them, first).
DROP TABLE agency_areas;
DROP INDEX agencies_competence_idx;
CREATE UNIQUE INDEX agencies_competence_idx ON agencies (kind, province_code, coalesce(commune_code, ''));
ALTER TABLE agencies DROP CONSTRAINT agencies_kind_check;
ALTER TABLE agencies ADD CONSTRAINT agencies_kind_check CHECK (kind IN
    ('commune_committee', 'commune_police', 'land_office', 'social_insurance', 'employment_centre'));
