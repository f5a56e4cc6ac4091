// Package notify tells people what happened: an in-app notification and an email for every
// status change of a citizen's case, and reminder emails for staff. Emails go through an outbox
// table written in the caller's transaction together with the River job that sends them, so a
// rolled-back change sends nothing and a committed one is sent even if the portal crashes.
package notify

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/motlan/portal/services/fault"
)

// Inserter inserts River jobs inside a transaction; *river.Client[pgx.Tx] is one.
type Inserter interface {
	InsertTx(ctx context.Context, tx pgx.Tx, args river.JobArgs, opts *river.InsertOpts) (*rivertype.JobInsertResult, error)
}

// Notification is one in-app message to a citizen, in both languages.
type Notification struct {
	ID        int64
	CaseID    *int64
	Kind      string // case_submitted, case_received, … (one per status, see texts.go)
	TitleVI   string
	TitleEN   string
	BodyVI    string
	BodyEN    string
	Link      string // a path inside the portal, e.g. /cases/<code>, or ""
	CreatedAt time.Time
	ReadAt    *time.Time
}

// Read reports whether the citizen has opened the notification.
func (n Notification) Read() bool { return n.ReadAt != nil }

// ErrNotFound is returned for a notification that does not exist or is someone else's.
var ErrNotFound = fault.New(fault.ENOTFOUND, "error.notfound", "notify")

// Service writes and reads notifications and queues emails.
type Service struct {
	pool     *pgxpool.Pool
	baseURL  string
	now      func() time.Time
	inserter Inserter
}

// New returns the notification service. ins inserts the River jobs that send the emails, in
// the caller's transaction: an insert-only River client (jobs.NewInserter) does, so the service
// can be built before the client that works the jobs, whose workers need it. baseURL (e.g.
// https://motlan.gov.vn) makes the links in emails absolute. A nil ins panics here, at
// start-up, rather than at the first email.
func New(pool *pgxpool.Pool, ins Inserter, baseURL string, now func() time.Time) *Service {
	if ins == nil {
		panic("notify: New without a job inserter")
	}
	if now == nil {
		now = time.Now
	}
	return &Service{pool: pool, baseURL: strings.TrimRight(baseURL, "/"), now: now, inserter: ins}
}

const (
	defaultLimit = 20
	maxLimit     = 100
)

// ForCitizen lists the citizen's newest notifications first; limit ≤ 0 means 20, at most 100.
func (s *Service) ForCitizen(ctx context.Context, citizenID int64, limit int) ([]Notification, error) {
	if limit <= 0 {
		limit = defaultLimit
	}
	limit = min(limit, maxLimit)
	rows, err := s.pool.Query(ctx, `
		SELECT id, case_id, kind, title_vi, title_en, body_vi, body_en, link, created_at, read_at
		FROM notifications WHERE citizen_id = $1
		ORDER BY created_at DESC, id DESC LIMIT $2`, citizenID, limit)
	if err != nil {
		return nil, fmt.Errorf("notify: list for citizen %d: %w", citizenID, err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Notification, error) {
		var n Notification
		err := r.Scan(&n.ID, &n.CaseID, &n.Kind, &n.TitleVI, &n.TitleEN, &n.BodyVI, &n.BodyEN, &n.Link, &n.CreatedAt, &n.ReadAt)
		return n, err
	})
	if err != nil {
		return nil, fmt.Errorf("notify: list for citizen %d: %w", citizenID, err)
	}
	return list, nil
}

// Unread counts the citizen's unread notifications, for the badge in the navigation.
func (s *Service) Unread(ctx context.Context, citizenID int64) (int, error) {
	var n int
	err := s.pool.QueryRow(ctx, `SELECT count(*) FROM notifications WHERE citizen_id = $1 AND read_at IS NULL`,
		citizenID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("notify: unread for citizen %d: %w", citizenID, err)
	}
	return n, nil
}

// MarkRead marks one of the citizen's notifications read. Someone else's notification is
// ErrNotFound, as if it did not exist; marking it again keeps the first read time.
func (s *Service) MarkRead(ctx context.Context, citizenID int64, id int64) error {
	tag, err := s.pool.Exec(ctx, `
		UPDATE notifications SET read_at = coalesce(read_at, $3)
		WHERE id = $1 AND citizen_id = $2`, id, citizenID, s.now().UTC())
	if err != nil {
		return fmt.Errorf("notify: mark %d read: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return ErrNotFound
	}
	return nil
}
