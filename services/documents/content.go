package documents

import (
	"context"
	"fmt"

	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/fault"
)

// Content reads one of the person's documents through its owner: the result's signed PDF, the
// e-receipt, the kept file. It records nothing: a download the citizen makes is Download.
func (s *Service) Content(ctx context.Context, personalID string, id int64) (filename, contentType string, body []byte, err error) {
	d, err := s.Get(ctx, personalID, id)
	if err != nil {
		return "", "", nil, err
	}
	return s.content(ctx, d)
}

// content reads d's content from its owning service.
func (s *Service) content(ctx context.Context, d Document) (filename, contentType string, body []byte, err error) {
	const op = "documents.content"
	unavailable := fault.New(fault.EUNAVAILABLE, MsgUnavailable, op)
	switch d.Provenance {
	case ProvenanceIssued:
		if s.deps.Results == nil || d.caseID == nil {
			return "", "", nil, unavailable
		}
		r, pdf, err := s.deps.Results.ForCase(ctx, *d.caseID)
		if err != nil {
			return "", "", nil, err
		}
		return r.Code + ".pdf", "application/pdf", pdf, nil
	case ProvenanceEReceipt:
		if s.deps.Receipts == nil || d.paymentItemID == nil || d.citizenID == nil {
			return "", "", nil, unavailable
		}
		pdf, err := s.deps.Receipts.ReceiptPDF(ctx, *d.citizenID, "", *d.paymentItemID)
		if err != nil {
			return "", "", nil, err
		}
		return "bien-lai-" + d.Number + ".pdf", "application/pdf", pdf, nil
	case ProvenanceUploaded:
		if s.deps.Files == nil || d.attachmentID == nil || d.citizenID == nil {
			return "", "", nil, unavailable
		}
		a, body, err := s.deps.Files.Open(ctx, *d.citizenID, *d.attachmentID)
		if err != nil {
			return "", "", nil, err
		}
		return a.FileName, a.ContentType, body, nil
	}
	return "", "", nil, fmt.Errorf("documents: content of %d: provenance %q", d.ID, d.Provenance)
}

// Reader is who downloads a document, as the holder's data-access log names them.
type Reader struct {
	Kind, ID, Name, Role string // audit.ActorCitizen …
}

// Download is Content for the holder's own download, written to their data-access log.
func (s *Service) Download(ctx context.Context, personalID string, id int64, who Reader) (Document, string, string, []byte, error) {
	d, err := s.Get(ctx, personalID, id)
	if err != nil {
		return Document{}, "", "", nil, err
	}
	name, ct, body, err := s.content(ctx, d)
	if err != nil {
		return Document{}, "", "", nil, err
	}
	if err := s.logAccess(ctx, d, who, "download"); err != nil {
		return Document{}, "", "", nil, err
	}
	return d, name, ct, body, nil
}

// PurposeDocuments is the purpose of the log rows this package writes.
const PurposeDocuments = "my-documents"

// logAccess writes one row to the holder's data-access log: who read which document.
func (s *Service) logAccess(ctx context.Context, d Document, who Reader, what string) error {
	if s.deps.Log == nil {
		return nil
	}
	ref := d.Number
	if ref == "" {
		ref = fmt.Sprintf("document-%d", d.ID)
	}
	err := s.deps.Log.Record(ctx, audit.Entry{SubjectPersonalID: d.HolderPersonalID, ActorKind: who.Kind, ActorID: who.ID,
		ActorName: who.Name, ActorRole: who.Role, Purpose: PurposeDocuments, Reference: ref, Databases: []string{"portal"},
		Attributes: []string{"document:" + string(d.Type), what}, Outcome: audit.OutcomeOK, AccessedAt: s.now()})
	if err != nil {
		return fmt.Errorf("documents: log: %w", err)
	}
	return nil
}
