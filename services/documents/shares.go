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
	err := s.pool.QueryRow(ctx, `INSERT INTO document_shares (document_id, token_hash, label, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`, documentID, hashToken(token), label, now, sh.ExpiresAt).Scan(&sh.ID)
	if err != nil {
		return Share{}, "", fmt.Errorf("documents: share: %w", err)
	}
	return sh, token, nil
}

// Shares are the links of one of the holder's documents, newest first.
func (s *Service) Shares(ctx context.Context, personalID string, documentID int64) ([]Share, error) {
	rows, err := s.pool.Query(ctx, `SELECT sh.id, sh.document_id, sh.label, sh.created_at, sh.expires_at, sh.revoked_at
		FROM document_shares sh JOIN held_documents d ON d.id = sh.document_id
		WHERE d.holder_pid = $1 AND sh.document_id = $2 ORDER BY sh.id DESC`, personalID, documentID)
	if err != nil {
		return nil, fmt.Errorf("documents: shares: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Share, error) {
		var sh Share
		err := r.Scan(&sh.ID, &sh.DocumentID, &sh.Label, &sh.CreatedAt, &sh.ExpiresAt, &sh.RevokedAt)
		return sh, err
	})
	if err != nil {
		return nil, fmt.Errorf("documents: shares: %w", err)
	}
	return out, nil
}

// Revoke stops a link of one of the holder's documents ("Thu hồi"); anyone else's is
// ErrNotFound. Revoking twice keeps the first time.
func (s *Service) Revoke(ctx context.Context, personalID string, shareID int64) (Share, error) {
	var sh Share
	err := s.pool.QueryRow(ctx, `UPDATE document_shares sh SET revoked_at = coalesce(sh.revoked_at, $3)
		FROM held_documents d WHERE d.id = sh.document_id AND d.holder_pid = $1 AND sh.id = $2
		RETURNING sh.id, sh.document_id, sh.label, sh.created_at, sh.expires_at, sh.revoked_at`,
		personalID, shareID, s.now()).Scan(&sh.ID, &sh.DocumentID, &sh.Label, &sh.CreatedAt, &sh.ExpiresAt, &sh.RevokedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return Share{}, ErrNotFound
	}
	if err != nil {
		return Share{}, fmt.Errorf("documents: revoke: %w", err)
	}
	return sh, nil
}

// Shared is what a share link shows: the document and the link.
type Shared struct {
	Document Document
	Share    Share
}

// share finds the link of token and its document, as long as both are current.
func (s *Service) share(ctx context.Context, q pgxQuerier, token string) (Shared, error) {
	var sh Share
	var holder string
	err := q.QueryRow(ctx, `SELECT sh.id, sh.document_id, sh.label, sh.created_at, sh.expires_at, sh.revoked_at, d.holder_pid
		FROM document_shares sh JOIN held_documents d ON d.id = sh.document_id WHERE sh.token_hash = $1`,
		hashToken(token)).Scan(&sh.ID, &sh.DocumentID, &sh.Label, &sh.CreatedAt, &sh.ExpiresAt, &sh.RevokedAt, &holder)
	if errors.Is(err, pgx.ErrNoRows) {
		return Shared{}, ErrNotFound
	}
	if err != nil {
		return Shared{}, fmt.Errorf("documents: share: %w", err)
	}
	if !sh.Active(s.now()) {
		return Shared{}, ErrShareGone
	}
	d, err := s.get(ctx, q, holder, sh.DocumentID)
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
	sd, err := s.share(ctx, s.pool, token)
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
	sd, err := s.share(ctx, s.pool, token)
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
