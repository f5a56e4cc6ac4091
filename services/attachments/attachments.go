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

// Blobs keeps file contents by their SHA-256; PGBlobs is the PostgreSQL one. The signed
// documents of cases keep their PDFs in it too (services/cases.ResultBlobs), and what names a
// content is the blob_references view: files and signed documents. A content lives as long as
// something names it: Put holds it for the caller's transaction, in which the file that
// names it is written, and Release deletes, in the transaction that removed files, the contents
// no file names any more.
type Blobs interface {
	Put(ctx context.Context, tx pgx.Tx, sum []byte, content []byte) error
	Get(ctx context.Context, sum []byte) ([]byte, error)
	Release(ctx context.Context, tx pgx.Tx, sums [][]byte) error
}

// PGBlobs stores contents in the attachment_blobs table (same content, one row).
type PGBlobs struct{ Pool *pgxpool.Pool }

// Put stores content under sum inside tx, or holds the row already there (content then is not
// sent again), until tx ends.
func (b PGBlobs) Put(ctx context.Context, tx pgx.Tx, sum []byte, content []byte) error {
	q := attachmentsdb.New(tx)
	for range 3 { // a content deleted between the two statements is stored again
		_, err := q.BlobShare(ctx, sum)
		if err == nil {
			return nil
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		n, err := q.BlobPut(ctx, sum, content)
		if err != nil || n == 1 {
			return err
		}
	}
	return errors.New("attachments: blob: stored and deleted by others three times")
}

// Get reads the content stored under sum.
func (b PGBlobs) Get(ctx context.Context, sum []byte) ([]byte, error) {
	return attachmentsdb.New(b.Pool).BlobGet(ctx, sum)
}

// Release deletes, inside tx, those of sums that no file names any more. It first waits for
// the transactions that hold them (an upload of the same content), so it sees their files.
func (b PGBlobs) Release(ctx context.Context, tx pgx.Tx, sums [][]byte) error {
	if len(sums) == 0 {
		return nil
	}
	q := attachmentsdb.New(tx)
	if _, err := q.BlobsLockForRelease(ctx, sums); err != nil {
		return err
	}
	_, err := q.BlobsDeleteUnreferenced(ctx, sums)
	return err
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
	limits  Limits
	now     func() time.Time
}

// Limits cap what citizens store, so that no one fills the database.
type Limits struct {
	// DraftBytes is the most a citizen's files waiting in drafts may take together; files of
	// submitted cases do not count (a case's files are capped in number). 0 = 200 MB.
	DraftBytes int64
	// CaseFiles is the most files a case may hold, its application's and its supplements'
	// together. 0 = DefaultCaseFiles.
	CaseFiles int
}

// DefaultCaseFiles is the files cap of a case when none is set.
const DefaultCaseFiles = 30

// WithLimits sets the caps (New sets the defaults) and returns s.
func (s *Service) WithLimits(l Limits) *Service {
	if l.DraftBytes <= 0 {
		l.DraftBytes = 200 << 20
	}
	if l.CaseFiles <= 0 {
		l.CaseFiles = DefaultCaseFiles
	}
	s.limits = l
	return s
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
	s := &Service{pool: pool, q: attachmentsdb.New(pool), blobs: blobs, cases: cases, maxSize: maxSize, now: now}
	return s.WithLimits(Limits{})
}

// MaxSize is the largest file accepted, in bytes.
func (s *Service) MaxSize() int64 { return s.maxSize }

// Message keys of upload faults.
const (
	MsgTooLarge = "upload.error.too_large"
	MsgType     = "upload.error.type"
	MsgEmpty    = "upload.error.empty"
	// MsgQuota: the citizen's files waiting in drafts would take more than Limits.DraftBytes.
	MsgQuota = "upload.error.quota"
	// MsgCaseFiles: the case holds Limits.CaseFiles files already.
	MsgCaseFiles = "upload.error.case_files"
)

// allowed maps sniffed content types to the extension a safe name gets.
var allowed = map[string]string{"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}

// UploadTx stores one file for a draft's field inside the caller's transaction, which has
// checked (and locked) the citizen's live draft (services/drafts owns that table and the check):
// the step's save, so that the files and the answers of one post commit together. The file
// replaces the field's earlier one, whose content goes with it when no other file names it. A
// file refused for its size, emptiness, type or the citizen's storage cap is a fault.EINVALID
// returned before anything is written, so the caller's transaction goes on.
func (s *Service) UploadTx(ctx context.Context, tx pgx.Tx, citizenID int64, draftID uuid.UUID, field, name string, r io.Reader) (Attachment, error) {
	const op = "attachments.upload"
	content, a, err := s.check(r, name)
	if err != nil {
		return Attachment{}, err
	}
	a.CitizenID, a.DraftID, a.Field = citizenID, &draftID, field
	q := attachmentsdb.New(tx)
	if err := q.AttachmentsLockCitizen(ctx, citizenID); err != nil {
		return Attachment{}, fmt.Errorf("%s: %w", op, err)
	}
	used, err := q.AttachmentsDraftBytes(ctx, citizenID, draftID, field)
	if err != nil {
		return Attachment{}, fmt.Errorf("%s: %w", op, err)
	}
	if used+a.SizeBytes > s.limits.DraftBytes {
		return Attachment{}, fault.New(fault.EINVALID, MsgQuota, op)
	}
	if err := s.blobs.Put(ctx, tx, a.SHA256, content); err != nil {
		return Attachment{}, fmt.Errorf("%s: blob: %w", op, err)
	}
	err = q.AttachmentInsertDraft(ctx, attachmentsdb.AttachmentInsertDraftParams{ID: a.ID, CitizenID: citizenID, DraftID: draftID,
		Field: field, FileName: a.FileName, ContentType: a.ContentType, SizeBytes: a.SizeBytes, Sha256: a.SHA256, CreatedAt: a.CreatedAt})
	if err != nil {
		return Attachment{}, fmt.Errorf("%s: %w", op, err)
	}
	// The new file replaces the earlier one of the same field, after it is written: the same
	// content uploaded again stays named.
	replaced, err := q.AttachmentsDeleteDraftField(ctx, draftID, field, a.ID)
	if err != nil {
		return Attachment{}, fmt.Errorf("%s: %w", op, err)
	}
	if err := s.blobs.Release(ctx, tx, replaced); err != nil {
		return Attachment{}, fmt.Errorf("%s: release: %w", op, err)
	}
	return a, nil
}

// DeleteDraftFieldTx deletes the file a draft's field has, and its content if no other file
// names it, inside the caller's transaction (services/drafts, which has checked whose draft it
// is): the field now names a document of the citizen's store instead, so the upload must not go
// with the case.
func (s *Service) DeleteDraftFieldTx(ctx context.Context, tx pgx.Tx, draftID uuid.UUID, field string) error {
	sums, err := attachmentsdb.New(tx).AttachmentsDeleteDraftField(ctx, draftID, field, uuid.Nil)
	if err != nil {
		return fmt.Errorf("attachments: delete draft file of %s: %w", field, err)
	}
	if err := s.blobs.Release(ctx, tx, sums); err != nil {
		return fmt.Errorf("attachments: delete draft file of %s: release: %w", field, err)
	}
	return nil
}

// DeleteDraftFilesTx deletes the files of drafts, and the contents no other file names, inside
// the caller's transaction, which deletes the drafts (services/drafts: deleted by their citizen,
// or expired) and has checked whose they are.
func (s *Service) DeleteDraftFilesTx(ctx context.Context, tx pgx.Tx, draftIDs ...uuid.UUID) error {
	if len(draftIDs) == 0 {
		return nil
	}
	sums, err := attachmentsdb.New(tx).AttachmentsDeleteOfDrafts(ctx, draftIDs)
	if err != nil {
		return fmt.Errorf("attachments: delete draft files: %w", err)
	}
	if err := s.blobs.Release(ctx, tx, sums); err != nil {
		return fmt.Errorf("attachments: delete draft files: release: %w", err)
	}
	return nil
}

// check reads an upload and refuses what may not be stored: empty, too large, or of a type
// other than PDF, JPEG or PNG by its content.
func (s *Service) check(r io.Reader, name string) ([]byte, Attachment, error) {
	const op = "attachments.upload"
	content, err := readAll(r, s.maxSize+1)
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

// UploadToCase stores a file the citizen sends to their submitted case, in its own transaction.
// The portal's supplements go with their answer instead (UploadToCaseTx).
func (s *Service) UploadToCase(ctx context.Context, citizenID, caseID int64, field, name string, r io.Reader) (Attachment, error) {
	const op = "attachments.uploadToCase"
	// Only the owner's case takes files. A case's citizen never changes, so the check needs no
	// lock; the attachment's foreign key keeps the case from going away.
	owner, err := s.cases.CitizenOf(ctx, caseID)
	switch {
	case fault.Code(err) == fault.ENOTFOUND || err == nil && owner != citizenID:
		return Attachment{}, fault.New(fault.ENOTFOUND, "error.notfound.body", op)
	case err != nil:
		return Attachment{}, fmt.Errorf("%s: %w", op, err)
	}
	var a Attachment
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		a, err = s.UploadToCaseTx(ctx, tx, citizenID, caseID, field, name, r)
		return err
	})
	if err != nil {
		return Attachment{}, err
	}
	return a, nil
}

// UploadToCaseTx stores a file the citizen sends with a step on their submitted case (a
// supplement's answer) inside the step's transaction, which has authorized the citizen, locked
// the case and checked the step is allowed: the file and the step commit together. A refused
// file (size, emptiness, type, or a case that holds Limits.CaseFiles files already) is a
// fault.EINVALID returned before anything is written.
func (s *Service) UploadToCaseTx(ctx context.Context, tx pgx.Tx, citizenID, caseID int64, field, name string, r io.Reader) (Attachment, error) {
	const op = "attachments.uploadToCase"
	q := attachmentsdb.New(tx)
	n, err := q.AttachmentsCountOfCase(ctx, caseID)
	if err != nil {
		return Attachment{}, fmt.Errorf("%s: %w", op, err)
	}
	if n >= int64(s.limits.CaseFiles) {
		return Attachment{}, fault.New(fault.EINVALID, MsgCaseFiles, op)
	}
	content, a, err := s.check(r, name)
	if err != nil {
		return Attachment{}, err
	}
	a.CitizenID, a.CaseID, a.Field = citizenID, &caseID, field
	if err := s.blobs.Put(ctx, tx, a.SHA256, content); err != nil {
		return Attachment{}, fmt.Errorf("%s: blob: %w", op, err)
	}
	err = q.AttachmentInsertCase(ctx, attachmentsdb.AttachmentInsertCaseParams{ID: a.ID, CitizenID: a.CitizenID,
		CaseID: caseID, Field: a.Field, FileName: a.FileName, ContentType: a.ContentType, SizeBytes: a.SizeBytes,
		Sha256: a.SHA256, CreatedAt: a.CreatedAt})
	if err != nil {
		return Attachment{}, fmt.Errorf("%s: %w", op, err)
	}
	return a, nil
}

// readAll reads r up to limit bytes. A reader that knows its size (the handlers pass an
// io.SectionReader over the received file) is read into a buffer of that size, so a large file
// is held once, not in the doubling copies of io.ReadAll.
func readAll(r io.Reader, limit int64) ([]byte, error) {
	sized, ok := r.(interface{ Size() int64 })
	if !ok || sized.Size() < 0 {
		return io.ReadAll(io.LimitReader(r, limit))
	}
	buf := bytes.NewBuffer(make([]byte, 0, min(sized.Size(), limit)+bytes.MinRead)) // room to see the end without growing
	_, err := buf.ReadFrom(io.LimitReader(r, limit))
	return buf.Bytes(), err
}
