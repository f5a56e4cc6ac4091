package drafts

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/drafts/internal/draftdb"
	"github.com/motlan/portal/services/forms"
)

// Held is a document of the citizen's store (services/documents) chosen as a file field's answer
// instead of an upload: a reference, not a copy of its content. Verified is true for a result or
// an e-receipt issued here, false for an upload the citizen kept (self-provided).
type Held struct {
	ID       int64
	Verified bool
}

const heldPrefix = "held:"

// Answer is how a file field's answer names the document: "held:<id>:verified" or
// "held:<id>:self". The submission's snapshot keeps it, with its provenance.
func (h Held) Answer() string {
	kind := "self"
	if h.Verified {
		kind = "verified"
	}
	return heldPrefix + strconv.FormatInt(h.ID, 10) + ":" + kind
}

// ParseHeld reads a file field's answer that names a held document.
func ParseHeld(answer string) (Held, bool) {
	rest, ok := strings.CutPrefix(answer, heldPrefix)
	if !ok {
		return Held{}, false
	}
	id, kind, ok := strings.Cut(rest, ":")
	n, err := strconv.ParseInt(id, 10, 64)
	if !ok || err != nil || n <= 0 || (kind != "verified" && kind != "self") {
		return Held{}, false
	}
	return Held{ID: n, Verified: kind == "verified"}, true
}

// HeldIn returns the held documents the draft uses, by file field.
func (d Draft) HeldIn() map[string]Held {
	out := map[string]Held{}
	for name, v := range d.Answers {
		if s, ok := v.(string); ok {
			if h, ok := ParseHeld(s); ok {
				out[name] = h
			}
		}
	}
	return out
}

// applyHeld records the step's choices of held documents: a chosen one replaces the field's
// answer; "none" (ID 0) drops a held document the field named, for an upload.
func applyHeld(d *Draft, step forms.Step, choices map[string]Held) {
	for _, f := range step.Fields {
		h, ok := choices[f.Name]
		if !ok || f.Type != forms.TypeFile || f.Document == "" {
			continue
		}
		if h.ID > 0 {
			d.Answers[f.Name] = h.Answer()
			continue
		}
		if _, was := ParseHeld(d.Answers.String(f.Name)); was {
			delete(d.Answers, f.Name)
		}
	}
}

// ForgetHeldTx removes a held document the citizen withdrew from their store from every draft of
// theirs not yet submitted that uses it, in the transaction that withdraws it
// (documents.OnWithdraw): the field then asks for an upload again. It returns how many drafts
// changed.
func (s *Service) ForgetHeldTx(ctx context.Context, tx pgx.Tx, holderPersonalID string, id int64) (int64, error) {
	n, err := draftdb.New(tx).ForgetHeld(ctx, heldPrefix+strconv.FormatInt(id, 10)+":%", s.cfg.Now(), holderPersonalID)
	if err != nil {
		return 0, fmt.Errorf("drafts: forget held document %d: %w", id, err)
	}
	return n, nil
}
