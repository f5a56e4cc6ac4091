package drafts

import (
	"context"
	"encoding/json"
	"fmt"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/motlan/portal/services/drafts/internal/draftdb"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
)

// MsgReportComment is the fault message of an empty or too long report.
const MsgReportComment = "report.error.comment"

// Report records the citizen's report that a prefilled value of their draft is wrong, for the
// database that holds it. The value stays locked: the database's owner corrects it at the source.
func (s *Service) Report(ctx context.Context, citizenID int64, id uuid.UUID, field, comment string) error {
	const op = "drafts.report"
	comment = forms.Clean(comment)
	if comment == "" || utf8.RuneCountInString(comment) > 1000 {
		return fault.New(fault.EINVALID, MsgReportComment, op)
	}
	d, err := s.Get(ctx, citizenID, id)
	if err != nil {
		return err
	}
	filled, ok := d.Prefill.Fields[field]
	if !ok {
		return fault.New(fault.ENOTFOUND, "error.notfound.body", op)
	}
	shown, err := json.Marshal(filled.Value.Value)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	err = s.q.DiscrepancyReportInsert(ctx, draftdb.DiscrepancyReportInsertParams{CitizenID: citizenID, DraftID: &id,
		Database: filled.Database, RecordRef: filled.RecordRef, Attribute: filled.Binding, ShownValue: string(shown),
		Comment: comment, CreatedAt: s.cfg.Now()})
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}
