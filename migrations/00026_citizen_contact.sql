-- +goose Up
-- How a citizen is reached outside the portal: an e-mail address and a mobile number, each with
-- where it came from ('vneid': the identity provider's claim; 'citizen': typed on the contact
-- page and confirmed by a code) and when it was verified. Notifications leave the portal only
-- for a verified value. An address stored before this migration had no source: it is marked as
-- the citizen's and unverified, so nothing is sent to it until it is confirmed.
ALTER TABLE citizens
    ADD COLUMN email_source      text CHECK (email_source IN ('vneid', 'citizen')),
    ADD COLUMN email_verified_at timestamptz,
    ADD COLUMN phone             text CHECK (phone IS NULL OR phone ~ '^\+84[35789][0-9]{8}$'),
    ADD COLUMN phone_source      text CHECK (phone_source IN ('vneid', 'citizen')),
    ADD COLUMN phone_verified_at timestamptz;
UPDATE citizens SET email_source = 'citizen' WHERE email IS NOT NULL;
ALTER TABLE citizens
    ADD CONSTRAINT citizens_email_source_chk CHECK ((email IS NULL) = (email_source IS NULL)),
    ADD CONSTRAINT citizens_email_verified_chk CHECK (email IS NOT NULL OR email_verified_at IS NULL),
    ADD CONSTRAINT citizens_phone_source_chk CHECK ((phone IS NULL) = (phone_source IS NULL)),
    ADD CONSTRAINT citizens_phone_verified_chk CHECK (phone IS NOT NULL OR phone_verified_at IS NULL);

-- A change of contact waiting for its code: one per citizen and channel (a new request replaces
-- the old). Only an HMAC of the code is kept; it expires and allows a few tries.
CREATE TABLE contact_codes (
    citizen_id bigint NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
    channel    text NOT NULL CHECK (channel IN ('email', 'phone')),
    value      text NOT NULL CHECK (value <> ''),
    code_hash  bytea NOT NULL CHECK (length(code_hash) = 32),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    tries      integer NOT NULL DEFAULT 0 CHECK (tries >= 0),
    PRIMARY KEY (citizen_id, channel),
    CHECK (expires_at > created_at)
);

-- The record of every change of a citizen's contact details (who changed what, when, how it was
-- verified), append-only, written in the transaction of the change.
CREATE TABLE contact_changes (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    citizen_id bigint NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
    channel    text NOT NULL CHECK (channel IN ('email', 'phone')),
    old_value  text NOT NULL DEFAULT '',
    new_value  text NOT NULL CHECK (new_value <> ''),
    source     text NOT NULL CHECK (source IN ('vneid', 'citizen')),
    verified   boolean NOT NULL,
    changed_at timestamptz NOT NULL
);
CREATE INDEX contact_changes_citizen_idx ON contact_changes (citizen_id, changed_at);

-- Text messages to send, like email_outbox: a row and its River job are written in the
-- transaction that decides to send, dedupe_key makes enqueueing idempotent, sent_at sending.
CREATE TABLE sms_outbox (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    to_number  text NOT NULL CHECK (to_number ~ '^\+84[35789][0-9]{8}$'),
    body_text  text NOT NULL CHECK (body_text <> '' AND length(body_text) <= 459),
    dedupe_key text NOT NULL UNIQUE CHECK (dedupe_key <> ''),
    created_at timestamptz NOT NULL,
    sent_at    timestamptz,
    attempts   integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error text NOT NULL DEFAULT ''
);
CREATE INDEX sms_outbox_unsent_idx ON sms_outbox (created_at) WHERE sent_at IS NULL;

-- +goose Down
DROP TABLE sms_outbox;
DROP TABLE contact_changes;
DROP TABLE contact_codes;
ALTER TABLE citizens
    DROP CONSTRAINT citizens_email_source_chk, DROP CONSTRAINT citizens_email_verified_chk,
    DROP CONSTRAINT citizens_phone_source_chk, DROP CONSTRAINT citizens_phone_verified_chk,
    DROP COLUMN email_source, DROP COLUMN email_verified_at,
    DROP COLUMN phone, DROP COLUMN phone_source, DROP COLUMN phone_verified_at;
