package drafts

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/consent"
	"github.com/motlan/portal/services/drafts/internal/draftdb"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/prefill"
)

// ActiveConsents tells whether a citizen's consent for a purpose is still in force
// (services/consent).
type ActiveConsents interface {
	Active(ctx context.Context, citizenID int64, purpose string) (consent.Consent, bool, error)
}

// RetryResult says what a retry of the unavailable databases found.
type RetryResult struct {
	Draft     Draft
	Recovered []string // databases that answered this time: their fields are filled and locked
	Still     []string // databases that still did not answer
}

// MsgRetryConsent refuses a retry once the consent the draft was started under was withdrawn
// or has expired: the citizen starts the procedure again and is asked anew.
const MsgRetryConsent = "apply.retry.consent"

// Retry asks the exchange again for the databases that did not answer when the draft started,
// and only those, under the consent given then (still in force, covering what is read). What
// answers now fills and locks its fields as Start does, over whatever the citizen typed in them;
// every other answer stays as the citizen left it. Every read is logged in the log of the person
// read, as at start, whether it answered or not. A second retry after a successful one reads
// nothing.
func (s *Service) Retry(ctx context.Context, consents ActiveConsents, a Applicant, id uuid.UUID) (RetryResult, error) {
	const op = "drafts.retry"
	d, err := s.Get(ctx, a.CitizenID, id)
	if err != nil {
		return RetryResult{}, err
	}
	if d.SubmittedAt != nil {
		return RetryResult{}, ErrSubmitted
	}
	only := slices.Clone(d.Unavailable)
	if len(only) == 0 {
		return RetryResult{Draft: d}, nil
	}
	role, _ := d.Schema.Roles.Role(d.Prefill.Role)
	r := planReads(d.Schema, role, only)
	c, ok, err := consents.Active(ctx, a.CitizenID, d.ProcedureCode)
	if err != nil {
		return RetryResult{}, err
	}
	if !ok || !c.Covers(slices.DeleteFunc(r.all(), func(b string) bool { return b == spouseIDBinding })) {
		return RetryResult{}, fault.New(fault.EFORBIDDEN, MsgRetryConsent, op)
	}
	got, err := s.read(ctx, a, d.ProcedureCode, id.String(), d.Schema, role, r)
	if err != nil {
		return RetryResult{}, err
	}
	var out RetryResult
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		cur, err := s.get(ctx, tx, a.CitizenID, id, true)
		if err != nil {
			return err
		}
		if cur.SubmittedAt != nil {
			return ErrSubmitted
		}
		cur.mergeRead(got, only)
		answers, err := json.Marshal(cur.Answers)
		if err != nil {
			return err
		}
		pre, err := json.Marshal(cur.Prefill)
		if err != nil {
			return err
		}
		n, err := draftdb.New(tx).DraftPrefillUpdate(ctx, draftdb.DraftPrefillUpdateParams{Answers: answers, Prefill: pre,
			Unavailable: cur.Unavailable, UpdatedAt: s.cfg.Now(), ID: id, CitizenID: a.CitizenID})
		if err == nil && n == 0 {
			return ErrSubmitted
		}
		out.Draft = cur
		return err
	})
	if errors.Is(err, ErrNotFound) || errors.Is(err, ErrSubmitted) {
		return RetryResult{}, err
	}
	if err != nil {
		return RetryResult{}, fmt.Errorf("drafts: retry: %w", err)
	}
	for _, db := range only {
		if slices.Contains(got.unavailable, db) {
			out.Still = append(out.Still, db)
		} else {
			out.Recovered = append(out.Recovered, db)
		}
	}
	return out, nil
}

// mergeRead puts what a retry of the databases only read into the draft: the fields it filled,
// verified and locked, over whatever was typed in them; recorded addresses the map cannot place
// offered where nothing was typed; the rest as the citizen left it. The databases that answered
// leave Unavailable.
func (d *Draft) mergeRead(got readResult, only []string) {
	for name, f := range got.pre.Fields {
		d.Answers[name] = got.answers[name]
		d.Prefill.Fields[name] = f
		delete(d.Prefill.Unconfirmed, name)
	}
	for name, text := range got.pre.Unconfirmed {
		if _, filled := d.Prefill.Fields[name]; filled {
			continue
		}
		if d.Prefill.Unconfirmed == nil {
			d.Prefill.Unconfirmed = map[string]string{}
		}
		d.Prefill.Unconfirmed[name] = text
		if v, ok := d.Answers[name]; !ok || v == nil || v == "" {
			d.Answers[name] = got.answers[name]
		}
	}
	if got.pre.Parcels != nil {
		d.Prefill.Parcels = got.pre.Parcels
	}
	for k, v := range got.pre.Old {
		if d.Prefill.Old == nil {
			d.Prefill.Old = map[string]prefill.OldAddress{}
		}
		d.Prefill.Old[k] = v
	}
	if got.pre.Household != nil {
		d.Prefill.Household = got.pre.Household
	}
	for _, n := range got.pre.Notices {
		if !slices.Contains(d.Prefill.Notices, n) {
			d.Prefill.Notices = append(d.Prefill.Notices, n)
		}
	}
	still := []string{}
	for _, db := range d.Unavailable {
		if !slices.Contains(only, db) || slices.Contains(got.unavailable, db) {
			still = append(still, db)
		}
	}
	for _, db := range got.unavailable {
		if !slices.Contains(still, db) {
			still = append(still, db)
		}
	}
	d.Unavailable = still
}
