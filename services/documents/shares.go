package documents

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/documents/internal/documentdb"
	"github.com/motlan/portal/services/fault"
)

// ErrShareGone is a share link that expired or that its holder revoked: the page says so (HTTP
// 410), unlike a token that never existed (ErrNotFound).
var ErrShareGone = fault.New(fault.ENOTFOUND, MsgShareGone, "documents.share")

// ShareDays are the lifetimes a share may have, in days.
var ShareDays = []int{1, 7, 30}

// MaxLabel is the longest label of a share, in characters.
const MaxLabel = 100

// ShareRole is the role the holder's data-access log gives the recipient of a share link.
const ShareRole = "share_recipient"

// Share is a time-limited link to one document.
type Share struct {
	ID         int64
	DocumentID int64
	Label      string // whom the holder gave it to: "Ngân hàng ABC"
	CreatedAt  time.Time
	ExpiresAt  time.Time
	RevokedAt  *time.Time
}

// Active reports whether the link still opens at now.
func (s Share) Active(now time.Time) bool { return s.RevokedAt == nil && now.Before(s.ExpiresAt) }

// hashToken is what the table keeps of a token.
func hashToken(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}

// CreateShare gives a link to one of the holder's documents that opens for days (ShareDays)
// days, labelled with whom it is for. The token is returned once: only its hash is stored.
func (s *Service) CreateShare(ctx context.Context, personalID string, documentID int64, label string, days int) (Share, string, error) {
	const op = "documents.share"
	label = strings.TrimSpace(label)
	if label == "" || utf8.RuneCountInString(label) > MaxLabel || !slices.Contains(ShareDays, days) {
		return Share{}, "", fault.New(fault.EINVALID, MsgInvalid, op)
	}
	if _, err := s.Get(ctx, personalID, documentID); err != nil {
		return Share{}, "", err
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return Share{}, "", fmt.Errorf("documents: share: %w", err)
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	now := s.now()
	sh := Share{DocumentID: documentID, Label: label, CreatedAt: now, ExpiresAt: now.AddDate(0, 0, days)}
	id, err := documentdb.New(s.pool).ShareInsert(ctx, documentdb.ShareInsertParams{DocumentID: documentID,
		TokenHash: hashToken(token), Label: label, CreatedAt: now, ExpiresAt: sh.ExpiresAt})
	if err != nil {
		return Share{}, "", fmt.Errorf("documents: share: %w", err)
	}
	sh.ID = id
	return sh, token, nil
}

// Shares are the links of one of the holder's documents, newest first.
func (s *Service) Shares(ctx context.Context, personalID string, documentID int64) ([]Share, error) {
	rows, err := documentdb.New(s.pool).SharesOfDocument(ctx, personalID, documentID)
	if err != nil {
		return nil, fmt.Errorf("documents: shares: %w", err)
	}
	out := make([]Share, 0, len(rows))
	for _, r := range rows {
		out = append(out, Share{ID: r.ID, DocumentID: r.DocumentID, Label: r.Label, CreatedAt: r.CreatedAt,
			ExpiresAt: r.ExpiresAt, RevokedAt: r.RevokedAt})
	}
	return out, nil
}

// Revoke stops a link of one of the holder's documents ("Thu hồi"); anyone else's is
// ErrNotFound. Revoking twice keeps the first time.
func (s *Service) Revoke(ctx context.Context, personalID string, shareID int64) (Share, error) {
	r, err := documentdb.New(s.pool).ShareRevoke(ctx, s.now(), personalID, shareID)
	if errors.Is(err, pgx.ErrNoRows) {
		return Share{}, ErrNotFound
	}
	if err != nil {
		return Share{}, fmt.Errorf("documents: revoke: %w", err)
	}
	return Share{ID: r.ID, DocumentID: r.DocumentID, Label: r.Label, CreatedAt: r.CreatedAt, ExpiresAt: r.ExpiresAt,
		RevokedAt: r.RevokedAt}, nil
}

// Shared is what a share link shows: the document and the link.
type Shared struct {
	Document Document
	Share    Share
}

// share finds the link of token and its document, as long as both are current.
func (s *Service) share(ctx context.Context, q *documentdb.Queries, token string) (Shared, error) {
	r, err := q.ShareByToken(ctx, hashToken(token))
	if errors.Is(err, pgx.ErrNoRows) {
		return Shared{}, ErrNotFound
	}
	if err != nil {
		return Shared{}, fmt.Errorf("documents: share: %w", err)
	}
	sh := Share{ID: r.ID, DocumentID: r.DocumentID, Label: r.Label, CreatedAt: r.CreatedAt, ExpiresAt: r.ExpiresAt,
		RevokedAt: r.RevokedAt}
	if !sh.Active(s.now()) {
		return Shared{}, ErrShareGone
	}
	d, err := s.get(ctx, q, r.HolderPid, sh.DocumentID)
	if errors.Is(err, ErrNotFound) {
		return Shared{}, ErrShareGone // withdrawn, or its retention ended
	}
	if err != nil {
		return Shared{}, err
	}
	return Shared{Document: d, Share: sh}, nil
}

// recipient is how the holder's log names whoever opened a share link: by the label the holder
// gave it ("Ngân hàng ABC"), in the role "người nhận liên kết chia sẻ".
func recipient(sh Share) Reader {
	return Reader{Kind: audit.ActorSystem, ID: fmt.Sprintf("share-%d", sh.ID),
		Name: sh.Label, Role: ShareRole}
}

// OpenShare is the public page of a share link: the document's summary, each opening written to
// the holder's data-access log. An unknown token is ErrNotFound; an expired or revoked link,
// or a document no longer held, ErrShareGone.
func (s *Service) OpenShare(ctx context.Context, token string) (Shared, error) {
	sd, err := s.share(ctx, documentdb.New(s.pool), token)
	if err != nil {
		return Shared{}, err
	}
	if err := s.logAccess(ctx, sd.Document, recipient(sd.Share), "share-open"); err != nil {
		return Shared{}, err
	}
	return sd, nil
}

// ShareContent is the download of a share link's document, written to the holder's log.
func (s *Service) ShareContent(ctx context.Context, token string) (Shared, string, string, []byte, error) {
	sd, err := s.share(ctx, documentdb.New(s.pool), token)
	if err != nil {
		return Shared{}, "", "", nil, err
	}
	name, ct, body, err := s.content(ctx, sd.Document)
	if err != nil {
		return Shared{}, "", "", nil, err
	}
	if err := s.logAccess(ctx, sd.Document, recipient(sd.Share), "share-download"); err != nil {
		return Shared{}, "", "", nil, err
	}
	return sd, name, ct, body, nil
}
