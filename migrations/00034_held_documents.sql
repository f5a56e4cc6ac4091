-- +goose Up
-- "Giấy tờ của tôi" (services/documents, the only package that reads or writes these tables):
-- the documents that concern a citizen, keyed by their personal ID so that a person named in a
-- case (the child of a birth registration) sees what was issued about them once they have an
-- account. A row says what the document is and where its content lives; the content itself is
-- read through its owning service (the result, the paid item's e-receipt, the uploaded file),
-- never copied here.

-- One document held by one person. provenance: 'issued' (a result issued by this portal,
-- verified), 'ereceipt' (the e-receipt of a paid fee), 'uploaded' (a file the citizen uploaded
-- and chose to keep, self-provided, with their consent and a retention date; null: until they
-- delete it). citizen_id is the account whose case or file holds the content.
CREATE TABLE held_documents (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    holder_pid      text NOT NULL CHECK (holder_pid ~ '^[0-9]{12}$'),
    type            text NOT NULL CHECK (type ~ '^[a-z_]{1,40}$'),
    title           text NOT NULL CHECK (btrim(title) <> '' AND char_length(title) <= 300),
    issuer_code     text NOT NULL DEFAULT '',
    issuer_name     text NOT NULL DEFAULT '',
    number          text NOT NULL DEFAULT '',
    case_code       text NOT NULL DEFAULT '',
    issued_on       date NOT NULL,
    valid_until     date,
    role            text NOT NULL CHECK (role IN ('applicant', 'subject', 'payer', 'uploader')),
    provenance      text NOT NULL CHECK (provenance IN ('issued', 'ereceipt', 'uploaded')),
    case_id         bigint REFERENCES cases (id),
    result_code     text,
    payment_item_id bigint REFERENCES payment_items (id),
    attachment_id   uuid,
    citizen_id      bigint REFERENCES citizens (id),
    consented_at    timestamptz,
    retain_until    timestamptz,
    withdrawn_at    timestamptz,
    created_at      timestamptz NOT NULL,
    CONSTRAINT held_documents_issued CHECK (provenance <> 'issued' OR (case_id IS NOT NULL AND result_code IS NOT NULL)),
    CONSTRAINT held_documents_ereceipt CHECK (provenance <> 'ereceipt' OR (payment_item_id IS NOT NULL AND citizen_id IS NOT NULL)),
    CONSTRAINT held_documents_uploaded CHECK (provenance <> 'uploaded'
        OR (attachment_id IS NOT NULL AND citizen_id IS NOT NULL AND consented_at IS NOT NULL)),
    CONSTRAINT held_documents_withdraw CHECK (withdrawn_at IS NULL OR provenance = 'uploaded')
);
-- Issuing twice records nothing new; an upload is kept once at a time.
CREATE UNIQUE INDEX held_documents_result_idx ON held_documents (holder_pid, result_code) WHERE provenance = 'issued';
CREATE UNIQUE INDEX held_documents_receipt_idx ON held_documents (holder_pid, payment_item_id) WHERE provenance = 'ereceipt';
CREATE UNIQUE INDEX held_documents_upload_idx ON held_documents (holder_pid, attachment_id)
    WHERE provenance = 'uploaded' AND withdrawn_at IS NULL;
CREATE INDEX held_documents_holder_idx ON held_documents (holder_pid, issued_on DESC, id DESC);

-- A time-limited link to one document for someone outside the portal (a bank, a school). Only
-- the SHA-256 of its token is stored; label is whom the holder gave it to.
CREATE TABLE document_shares (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id bigint NOT NULL REFERENCES held_documents (id),
    token_hash  bytea NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
    label       text NOT NULL CHECK (btrim(label) <> '' AND char_length(label) <= 100),
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL CHECK (expires_at > created_at),
    revoked_at  timestamptz
);
CREATE INDEX document_shares_document_idx ON document_shares (document_id);

-- +goose Down
DROP TABLE document_shares;
DROP TABLE held_documents;
