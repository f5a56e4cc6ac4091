package attachments

import (
	"context"
	"fmt"
)

// OfCitizenCases returns the newest limit files the citizen sent with their submitted cases,
// newest first: the files they may keep in their document store (services/documents). Files of
// drafts are not among them: a draft's files go with the draft.
func (s *Service) OfCitizenCases(ctx context.Context, citizenID int64, limit int) ([]Attachment, error) {
	rows, err := s.q.AttachmentsOfCitizenCases(ctx, citizenID, int64(limit))
	if err != nil {
		return nil, fmt.Errorf("attachments: of citizen's cases: %w", err)
	}
	out := make([]Attachment, len(rows))
	for i, r := range rows {
		out[i] = Attachment{ID: r.ID, CitizenID: citizenID, CaseID: r.CaseID, Field: r.Field, FileName: r.FileName,
			ContentType: r.ContentType, SizeBytes: r.SizeBytes, CreatedAt: r.CreatedAt}
	}
	return out, nil
}
