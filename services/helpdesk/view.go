package helpdesk

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/fault"
)

// ViewTTL is how long a kept view of a case can be reopened.
const ViewTTL = 15 * time.Minute

// Keep remembers, for ViewTTL and for agent a only, the lookup of the case with code that the
// agent made with reason and note, and returns the random token that names it: the page after a
// note reopens the same case by that token (Reopen), so its address names neither the case nor
// the caller. It writes no access: Reopen does, as a lookup does. The agent's expired views are
// deleted on the way.
func (s *Service) Keep(ctx context.Context, a Agent, code, reason, note string) (string, error) {
	if err := checkReason(reason, note); err != nil {
		return "", err
	}
	code = strings.ToUpper(strings.TrimSpace(code))
	if code == "" || len(code) > 60 {
		return "", fault.New(fault.EINVALID, MsgQuery, "helpdesk.keep")
	}
	raw := make([]byte, 24)
	if _, err := rand.Read(raw); err != nil {
		return "", fmt.Errorf("helpdesk: keep: %w", err)
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	hash := sha256.Sum256([]byte(token))
	now := s.now()
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM helpdesk_views WHERE agent_login = $1 AND expires_at <= $2`, a.Login, now); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO helpdesk_views (token_hash, agent_login, case_code, reason, note, expires_at)
			VALUES ($1, $2, $3, $4, $5, $6)`, hash[:], a.Login, code, reason, note, now.Add(ViewTTL))
		return err
	})
	if err != nil {
		return "", fmt.Errorf("helpdesk: keep: %w", err)
	}
	return token, nil
}

// Reopen looks up again the case a kept view names, with the reason and note the agent gave,
// and writes the access to the citizen's data-access log as ByCode does. found is false when
// the token is unknown, expired or another agent's, or when the case does not exist; lookup is
// the code, reason and note of the view, for the page's form.
func (s *Service) Reopen(ctx context.Context, a Agent, token string) (v CaseView, lookup Lookup, found bool, err error) {
	hash := sha256.Sum256([]byte(token))
	err = s.pool.QueryRow(ctx, `SELECT case_code, reason, note FROM helpdesk_views
		WHERE token_hash = $1 AND agent_login = $2 AND expires_at > $3`, hash[:], a.Login, s.now()).
		Scan(&lookup.Code, &lookup.Reason, &lookup.Note)
	if errors.Is(err, pgx.ErrNoRows) {
		return CaseView{}, Lookup{}, false, nil
	}
	if err != nil {
		return CaseView{}, Lookup{}, false, fmt.Errorf("helpdesk: reopen: %w", err)
	}
	v, found, err = s.ByCode(ctx, a, lookup.Reason, lookup.Note, lookup.Code)
	return v, lookup, found, err
}

// Lookup is what an agent entered to look a case up by code.
type Lookup struct{ Code, Reason, Note string }
