-- +goose Up
-- A helpdesk agent's view of a case, kept for a few minutes so that the page after leaving a
-- note shows the same case again (services/helpdesk/view.go). The address names only a random
-- token, never the case code or the caller's personal ID; the row holds what the agent entered
-- for the lookup, binds it to that agent, and is no use after it expires.
CREATE TABLE helpdesk_views (
    token_hash  bytea PRIMARY KEY CHECK (length(token_hash) = 32),
    agent_login text NOT NULL CHECK (length(agent_login) BETWEEN 1 AND 200),
    case_code   text NOT NULL CHECK (length(case_code) BETWEEN 1 AND 60),
    reason      text NOT NULL CHECK (reason IN ('phone', 'counter', 'email')),
    note        text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    expires_at  timestamptz NOT NULL
);
CREATE INDEX helpdesk_views_agent_idx ON helpdesk_views (agent_login, expires_at);

-- +goose Down
DROP TABLE helpdesk_views;
