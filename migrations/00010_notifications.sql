-- +goose Up
-- A citizen may give an email address to be told when their cases move; without one they get
-- in-app notifications only.
ALTER TABLE citizens ADD COLUMN email text CHECK (email IS NULL OR email ~ '^[^@\s]+@[^@\s]+$');

-- In-app notifications, written in the same transaction as the case event they report. Both
-- languages are stored, so the page shows the citizen's language without re-rendering.
-- case_event_id makes a notification of a case event idempotent: one per event.
CREATE TABLE notifications (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    citizen_id    bigint NOT NULL REFERENCES citizens (id),
    case_id       bigint REFERENCES cases (id),
    case_event_id bigint UNIQUE REFERENCES case_events (id),
    kind          text NOT NULL CHECK (kind <> ''),
    title_vi      text NOT NULL,
    title_en      text NOT NULL,
    body_vi       text NOT NULL,
    body_en       text NOT NULL,
    link          text NOT NULL DEFAULT '' CHECK (link = '' OR link LIKE '/%'),
    created_at    timestamptz NOT NULL,
    read_at       timestamptz
);
CREATE INDEX notifications_citizen_idx ON notifications (citizen_id, created_at DESC);

-- Emails to send: a row is written in the transaction that decides to send it, together with
-- the River job that sends it, so an email is neither lost nor invented by a rollback.
-- dedupe_key makes the enqueueing idempotent (e.g. case:<id>:event:<event id>); sent_at makes
-- the sending idempotent.
CREATE TABLE email_outbox (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    to_address text NOT NULL CHECK (to_address ~ '^[^@\s]+@[^@\s]+$'),
    subject    text NOT NULL,
    body_text  text NOT NULL,
    dedupe_key text NOT NULL UNIQUE CHECK (dedupe_key <> ''),
    created_at timestamptz NOT NULL,
    sent_at    timestamptz,
    attempts   integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error text NOT NULL DEFAULT ''
);
CREATE INDEX email_outbox_unsent_idx ON email_outbox (created_at) WHERE sent_at IS NULL;

-- +goose Down
DROP TABLE email_outbox;
DROP TABLE notifications;
ALTER TABLE citizens DROP COLUMN email;
