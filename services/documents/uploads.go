package documents

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/documents/internal/documentdb"
	"github.com/motlan/portal/services/fault"
)

// Retention is how long a kept upload stays in the store: RetainForever until the citizen
// deletes it.
type Retention string

// Retentions the citizen chooses from.
const (
	Retain1Year   Retention = "1y"
	Retain5Years  Retention = "5y"
	RetainForever Retention = "forever"
)

// Retentions are the choices, in the order the page offers them.
var Retentions = []Retention{Retain1Year, Retain5Years, RetainForever}

// until is the end of the retention from at; nil: until withdrawn.
func (r Retention) until(at time.Time) (*time.Time, bool) {
	switch r {
	case Retain1Year:
		t := at.AddDate(1, 0, 0)
		return &t, true
	case Retain5Years:
		t := at.AddDate(5, 0, 0)
		return &t, true
	case RetainForever:
		return nil, true
	}
	return nil, false
}

// Keep is a citizen's choice to keep one of their uploaded files in their store.
type Keep struct {
	CitizenID    int64  // the account that uploaded the file
	PersonalID   string // the account's personal ID: the holder
	AttachmentID uuid.UUID
	Type         Type // what the file is, as the citizen says
	Retention    Retention
}

// KeepUpload keeps a file the citizen uploaded to one of their cases in their store, as
// self-provided, with the consent given now and the retention chosen. Files of drafts are not
// kept (a draft's files go with the draft); someone else's file is ErrNotFound; a file already
// kept is a conflict.
func (s *Service) KeepUpload(ctx context.Context, k Keep) (Document, error) {
	const op = "documents.keep"
	if !s.Known(k.Type) {
		return Document{}, fault.New(fault.EINVALID, MsgInvalid, op)
	}
	now := s.now()
	retain, ok := k.Retention.until(now)
	if !ok {
		return Document{}, fault.New(fault.EINVALID, MsgInvalid, op)
	}
	if s.deps.Files == nil {
		return Document{}, fault.New(fault.EUNAVAILABLE, MsgUnavailable, op)
	}
	a, err := s.deps.Files.Get(ctx, k.CitizenID, k.AttachmentID)
	if fault.Code(err) == fault.ENOTFOUND {
		return Document{}, ErrNotFound
	}
	if err != nil {
		return Document{}, err
	}
	if a.CaseID == nil {
		return Document{}, fault.New(fault.EINVALID, MsgInvalid, op)
	}
	id, err := documentdb.New(s.pool).DocumentKeepUpload(ctx, documentdb.DocumentKeepUploadParams{HolderPid: k.PersonalID,
		Type: string(k.Type), Title: a.FileName, IssuedOn: day(a.CreatedAt), AttachmentID: a.ID, CitizenID: k.CitizenID,
		Now: now, RetainUntil: retain})
	if errors.Is(err, pgx.ErrNoRows) {
		return Document{}, fault.New(fault.ECONFLICT, MsgInvalid, op)
	}
	if err != nil {
		return Document{}, fmt.Errorf("documents: keep: %w", err)
	}
	return s.Get(ctx, k.PersonalID, id)
}

// WithdrawHook runs inside the transaction that withdraws a kept upload: it removes the
// document from what uses it (the drafts not yet submitted that took it as a source).
type WithdrawHook func(ctx context.Context, tx pgx.Tx, d Document) error

// OnWithdraw adds a hook Withdraw runs; call it while wiring, before serving.
func (s *Service) OnWithdraw(h WithdrawHook) { s.onWithdraw = append(s.onWithdraw, h) }

// Withdraw takes a kept upload out of the holder's store ("Xóa khỏi kho"): it is marked
// withdrawn, its shares stop working, and the hooks (OnWithdraw) remove it from the drafts
// that use it, all in one transaction. Issued documents and e-receipts cannot be withdrawn.
func (s *Service) Withdraw(ctx context.Context, personalID string, id int64) (Document, error) {
	var d Document
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var err error
		d, err = s.WithdrawTx(ctx, tx, personalID, id)
		return err
	})
	return d, err
}

// WithdrawTx is Withdraw inside tx.
func (s *Service) WithdrawTx(ctx context.Context, tx pgx.Tx, personalID string, id int64) (Document, error) {
	q := documentdb.New(tx)
	r, err := q.DocumentOfHolderForUpdate(ctx, personalID, s.now(), id)
	if errors.Is(err, pgx.ErrNoRows) {
		return Document{}, ErrNotFound
	}
	if err != nil {
		return Document{}, fmt.Errorf("documents: withdraw %d: %w", id, err)
	}
	d := s.document(r)
	if d.Provenance != ProvenanceUploaded {
		return Document{}, fault.New(fault.EINVALID, MsgNotWithdrawn, "documents.withdraw")
	}
	now := s.now()
	if err := q.DocumentWithdraw(ctx, now, id); err != nil {
		return Document{}, fmt.Errorf("documents: withdraw %d: %w", id, err)
	}
	if err := q.SharesRevokeOfDocument(ctx, now, id); err != nil {
		return Document{}, fmt.Errorf("documents: withdraw %d: shares: %w", id, err)
	}
	d.WithdrawnAt = &now
	for _, h := range s.onWithdraw {
		if err := h(ctx, tx, d); err != nil {
			return Document{}, err
		}
	}
	return d, nil
}

// MaxKeepable is how many of their newest case files the store offers a citizen to keep.
const MaxKeepable = 30

// Keepable are the files the citizen sent with their cases that they may keep: the newest
// MaxKeepable, without those kept now.
func (s *Service) Keepable(ctx context.Context, citizenID int64, personalID string) ([]attachments.Attachment, error) {
	if s.deps.Files == nil {
		return nil, nil
	}
	files, err := s.deps.Files.OfCitizenCases(ctx, citizenID, MaxKeepable)
	if err != nil {
		return nil, err
	}
	kept, err := documentdb.New(s.pool).KeptUploadsOfHolder(ctx, personalID, s.now())
	if err != nil {
		return nil, fmt.Errorf("documents: keepable: %w", err)
	}
	return slices.DeleteFunc(files, func(a attachments.Attachment) bool { return slices.Contains(kept, a.ID) }), nil
}
