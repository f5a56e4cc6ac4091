// Package attachments stores the files citizens upload: size-limited, typed by their content
// (PDF, JPEG, PNG — never by their name), hashed with SHA-256, named safely, and readable only
// by their owner (and, later, the agency's staff). The attachment tables (attachments,
// attachment_blobs) are read and written only here, through the named queries of queries/*.sql
// compiled by sqlc into internal/attachmentsdb.
package attachments

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"
	"time"
	"unicode"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"golang.org/x/text/unicode/norm"

	"github.com/motlan/portal/services/attachments/internal/attachmentsdb"
	"github.com/motlan/portal/services/fault"
)

// Blobs keeps file contents by their SHA-256; PGBlobs is the PostgreSQL one.
type Blobs interface {
	Put(ctx context.Context, tx pgx.Tx, sum []byte, content []byte) error
	Get(ctx context.Context, sum []byte) ([]byte, error)
}

// PGBlobs stores contents in the attachment_blobs table (same content, one row).
type PGBlobs struct{ Pool *pgxpool.Pool }

// Put stores content under sum inside tx.
func (b PGBlobs) Put(ctx context.Context, tx pgx.Tx, sum []byte, content []byte) error {
	return attachmentsdb.New(tx).BlobPut(ctx, sum, content)
}

// Get reads the content stored under sum.
func (b PGBlobs) Get(ctx context.Context, sum []byte) ([]byte, error) {
	return attachmentsdb.New(b.Pool).BlobGet(ctx, sum)
}

// Attachment is a stored file's metadata.
type Attachment struct {
	ID          uuid.UUID
	CitizenID   int64
	DraftID     *uuid.UUID
	CaseID      *int64
	Field       string
	FileName    string
	ContentType string
	SizeBytes   int64
	SHA256      []byte
	CreatedAt   time.Time
}

// Cases answers who a case is for. *cases.Service (services/cases, the owner of the case
// tables) is the one to set; it is an interface here because services/cases imports this
// package. A missing case is an error with the fault code ENOTFOUND.
type Cases interface {
	CitizenOf(ctx context.Context, caseID int64) (int64, error)
	AgencyOf(ctx context.Context, caseID int64) (string, error)
}

// Service stores attachments.
type Service struct {
	cases   Cases
	pool    *pgxpool.Pool
	q       *attachmentsdb.Queries
	blobs   Blobs
	maxSize int64
	now     func() time.Time
}

// New returns the attachment store; maxSize 0 means 10 MB. cases answers whose a submitted case
// is (the portal's *cases.Service).
func New(pool *pgxpool.Pool, blobs Blobs, cases Cases, maxSize int64, now func() time.Time) *Service {
	if maxSize <= 0 {
		maxSize = 10 << 20
	}
	if now == nil {
		now = time.Now
	}
	return &Service{pool: pool, q: attachmentsdb.New(pool), blobs: blobs, cases: cases, maxSize: maxSize, now: now}
}

// MaxSize is the largest file accepted, in bytes.
func (s *Service) MaxSize() int64 { return s.maxSize }

// Message keys of upload faults.
const (
	MsgTooLarge = "upload.error.too_large"
	MsgType     = "upload.error.type"
	MsgEmpty    = "upload.error.empty"
)

// allowed maps sniffed content types to the extension a safe name gets.
var allowed = map[string]string{"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}

// UploadTx stores one file for a draft's field inside the caller's transaction, which has
// checked (and locked) the citizen's live draft (services/drafts owns that table and the check): the step's save, so that the files and the
// answers of one post commit together. A file refused for its size, emptiness or type is a
// fault.EINVALID returned before anything is written, so the caller's transaction goes on.
func (s *Service) UploadTx(ctx context.Context, tx pgx.Tx, citizenID int64, draftID uuid.UUID, field, name string, r io.Reader) (Attachment, error) {
	const op = "attachments.upload"
	content, a, err := s.check(r, name)
	if err != nil {
		return Attachment{}, err
	}
	a.CitizenID, a.DraftID, a.Field = citizenID, &draftID, field
	if err := s.blobs.Put(ctx, tx, a.SHA256, content); err != nil {
		return Attachment{}, fmt.Errorf("%s: blob: %w", op, err)
	}
	// A new file for the same field replaces the earlier one.
	q := attachmentsdb.New(tx)
	if err := q.AttachmentsDeleteDraftField(ctx, draftID, field); err != nil {
		return Attachment{}, fmt.Errorf("%s: %w", op, err)
	}
	err = q.AttachmentInsertDraft(ctx, attachmentsdb.AttachmentInsertDraftParams{ID: a.ID, CitizenID: citizenID, DraftID: draftID,
		Field: field, FileName: a.FileName, ContentType: a.ContentType, SizeBytes: a.SizeBytes, Sha256: a.SHA256, CreatedAt: a.CreatedAt})
	if err != nil {
		return Attachment{}, fmt.Errorf("%s: %w", op, err)
	}
	return a, nil
}

// check reads an upload and refuses what may not be stored: empty, too large, or of a type
// other than PDF, JPEG or PNG by its content.
func (s *Service) check(r io.Reader, name string) ([]byte, Attachment, error) {
	const op = "attachments.upload"
	content, err := io.ReadAll(io.LimitReader(r, s.maxSize+1))
	if err != nil {
		return nil, Attachment{}, fmt.Errorf("%s: read: %w", op, err)
	}
	if len(content) == 0 {
		return nil, Attachment{}, fault.New(fault.EINVALID, MsgEmpty, op)
	}
	if int64(len(content)) > s.maxSize {
		return nil, Attachment{}, fault.New(fault.EINVALID, MsgTooLarge, op)
	}
	ctype := sniff(content)
	ext, ok := allowed[ctype]
	if !ok {
		return nil, Attachment{}, fault.New(fault.EINVALID, MsgType, op)
	}
	sum := sha256.Sum256(content)
	return content, Attachment{ID: uuid.New(), FileName: SafeName(name, ext), ContentType: ctype,
		SizeBytes: int64(len(content)), SHA256: sum[:], CreatedAt: s.now()}, nil
}

// sniff names the content's type from its first bytes.
func sniff(b []byte) string {
	if bytes.HasPrefix(b, []byte("%PDF-")) {
		return "application/pdf"
	}
	return http.DetectContentType(b)
}

// SafeName keeps the base name, drops control and path characters, shortens it, and ends it
// with the extension of the real type.
func SafeName(name, ext string) string {
	name = norm.NFC.String(path.Base(strings.ReplaceAll(name, "\\", "/")))
	name = strings.TrimSuffix(name, path.Ext(name))
	name = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsControl(r), strings.ContainsRune(`/\:*?"<>|;`, r):
			return -1
		case unicode.IsSpace(r):
			return ' '
		}
		return r
	}, name)
	name = strings.Trim(strings.TrimSpace(name), ".")
	if r := []rune(name); len(r) > 100 {
		name = string(r[:100])
	}
	if name == "" {
		name = "tep-dinh-kem"
	}
	return name + ext
}

// Get returns an attachment's metadata for its owner (not found for anyone else).
func (s *Service) Get(ctx context.Context, citizenID int64, id uuid.UUID) (Attachment, error) {
	a, err := s.get(ctx, id)
	if err != nil {
		return Attachment{}, err
	}
	if a.CitizenID != citizenID {
		return Attachment{}, fault.New(fault.ENOTFOUND, "error.notfound.body", "attachments.get")
	}
	return a, nil
}

// get reads an attachment's metadata, whoever asks.
func (s *Service) get(ctx context.Context, id uuid.UUID) (Attachment, error) {
	r, err := s.q.AttachmentByID(ctx, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return Attachment{}, fault.New(fault.ENOTFOUND, "error.notfound.body", "attachments.get")
	}
	if err != nil {
		return Attachment{}, fmt.Errorf("attachments: get: %w", err)
	}
	return Attachment{ID: r.ID, CitizenID: r.CitizenID, DraftID: r.DraftID, CaseID: r.CaseID, Field: r.Field, FileName: r.FileName,
		ContentType: r.ContentType, SizeBytes: r.SizeBytes, SHA256: r.Sha256, CreatedAt: r.CreatedAt}, nil
}

// Open returns an attachment and its content for its owner.
func (s *Service) Open(ctx context.Context, citizenID int64, id uuid.UUID) (Attachment, []byte, error) {
	a, err := s.Get(ctx, citizenID, id)
	if err != nil {
		return Attachment{}, nil, err
	}
	return s.content(ctx, a)
}

// content reads the attachment's content and checks it against its hash.
func (s *Service) content(ctx context.Context, a Attachment) (Attachment, []byte, error) {
	content, err := s.blobs.Get(ctx, a.SHA256)
	if err != nil {
		return Attachment{}, nil, fmt.Errorf("attachments: open: %w", err)
	}
	if sum := sha256.Sum256(content); !bytes.Equal(sum[:], a.SHA256) {
		return Attachment{}, nil, fmt.Errorf("attachments: %s: content does not match its hash", a.ID)
	}
	return a, content, nil
}

// ForDraft returns a draft's current files by field.
func (s *Service) ForDraft(ctx context.Context, citizenID int64, draftID uuid.UUID) (map[string]Attachment, error) {
	rows, err := s.q.AttachmentsOfDraft(ctx, draftID, citizenID)
	if err != nil {
		return nil, fmt.Errorf("attachments: for draft: %w", err)
	}
	out := make(map[string]Attachment, len(rows))
	for _, r := range rows {
		out[r.Field] = Attachment{ID: r.ID, Field: r.Field, FileName: r.FileName, ContentType: r.ContentType, SizeBytes: r.SizeBytes}
	}
	return out, nil
}

// ForCase returns a submitted case's files for the citizen who owns them.
func (s *Service) ForCase(ctx context.Context, citizenID int64, caseID int64) ([]Attachment, error) {
	out, err := ofCase(ctx, s.q, citizenID, caseID)
	if err != nil {
		return nil, fmt.Errorf("attachments: for case: %w", err)
	}
	return out, nil
}

// OpenForAgency returns a submitted file to the staff of the agency its case went to.
func (s *Service) OpenForAgency(ctx context.Context, agencyCode string, id uuid.UUID) (Attachment, []byte, error) {
	const op = "attachments.openForAgency"
	a, err := s.get(ctx, id)
	if err != nil {
		return Attachment{}, nil, err
	}
	if a.CaseID == nil {
		return Attachment{}, nil, fault.New(fault.ENOTFOUND, "error.notfound.body", op)
	}
	agency, err := s.cases.AgencyOf(ctx, *a.CaseID)
	switch {
	case fault.Code(err) == fault.ENOTFOUND || err == nil && agency != agencyCode:
		return Attachment{}, nil, fault.New(fault.ENOTFOUND, "error.notfound.body", op)
	case err != nil:
		return Attachment{}, nil, fmt.Errorf("attachments: open for agency: %w", err)
	}
	return s.content(ctx, a)
}

// UploadToCase stores a file the citizen sends to their submitted case (a supplement).
func (s *Service) UploadToCase(ctx context.Context, citizenID, caseID int64, field, name string, r io.Reader) (Attachment, error) {
	const op = "attachments.uploadToCase"
	content, a, err := s.check(r, name)
	if err != nil {
		return Attachment{}, err
	}
	a.CitizenID, a.CaseID, a.Field = citizenID, &caseID, field
	// Only the owner's case takes files. A case's citizen never changes, so the check needs no
	// lock; the attachment's foreign key keeps the case from going away.
	owner, err := s.cases.CitizenOf(ctx, caseID)
	switch {
	case fault.Code(err) == fault.ENOTFOUND || err == nil && owner != citizenID:
		return Attachment{}, fault.New(fault.ENOTFOUND, "error.notfound.body", op)
	case err != nil:
		return Attachment{}, fmt.Errorf("%s: %w", op, err)
	}
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error { return s.storeCaseFile(ctx, tx, a, content) })
	if err != nil {
		return Attachment{}, fmt.Errorf("%s: %w", op, err)
	}
	return a, nil
}

// UploadToCaseTx stores a file the citizen sends with a step on their submitted case (a
// supplement's answer) inside the step's transaction, which has authorized the citizen and
// locked the case: the file and the step commit together. A refused file is a fault.EINVALID
// returned before anything is written.
func (s *Service) UploadToCaseTx(ctx context.Context, tx pgx.Tx, citizenID, caseID int64, field, name string, r io.Reader) (Attachment, error) {
	content, a, err := s.check(r, name)
	if err != nil {
		return Attachment{}, err
	}
	a.CitizenID, a.CaseID, a.Field = citizenID, &caseID, field
	if err := s.storeCaseFile(ctx, tx, a, content); err != nil {
		return Attachment{}, fmt.Errorf("attachments.uploadToCase: %w", err)
	}
	return a, nil
}

func (s *Service) storeCaseFile(ctx context.Context, tx pgx.Tx, a Attachment, content []byte) error {
	if err := s.blobs.Put(ctx, tx, a.SHA256, content); err != nil {
		return fmt.Errorf("blob: %w", err)
	}
	return s.q.WithTx(tx).AttachmentInsertCase(ctx, attachmentsdb.AttachmentInsertCaseParams{ID: a.ID, CitizenID: a.CitizenID,
		CaseID: *a.CaseID, Field: a.Field, FileName: a.FileName, ContentType: a.ContentType, SizeBytes: a.SizeBytes,
		Sha256: a.SHA256, CreatedAt: a.CreatedAt})
}
