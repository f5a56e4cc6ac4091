// Package notify tells people what happened: an in-app notification and an email for every
// status change of a citizen's case, and reminder emails for staff. Emails go through an outbox
// table written in the caller's transaction together with the River job that sends them, so a
// rolled-back change sends nothing and a committed one is sent even if the portal crashes. Its
// tables (notifications, email_outbox) are read and written through the named queries of
// queries/*.sql compiled by sqlc into internal/notifydb.
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
	"github.com/motlan/portal/services/notify/internal/notifydb"
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
	q        *notifydb.Queries
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
	return &Service{pool: pool, q: notifydb.New(pool), baseURL: strings.TrimRight(baseURL, "/"), now: now, inserter: ins}
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
	rows, err := s.q.NotificationsOfCitizen(ctx, citizenID, limit)
	if err != nil {
		return nil, fmt.Errorf("notify: list for citizen %d: %w", citizenID, err)
	}
	list := make([]Notification, len(rows))
	for i, r := range rows {
		list[i] = Notification{ID: r.ID, CaseID: r.CaseID, Kind: r.Kind, TitleVI: r.TitleVi, TitleEN: r.TitleEn,
			BodyVI: r.BodyVi, BodyEN: r.BodyEn, Link: r.Link, CreatedAt: r.CreatedAt, ReadAt: r.ReadAt}
	}
	return list, nil
}

// Unread counts the citizen's unread notifications, for the badge in the navigation.
func (s *Service) Unread(ctx context.Context, citizenID int64) (int, error) {
	n, err := s.q.NotificationsUnread(ctx, citizenID)
	if err != nil {
		return 0, fmt.Errorf("notify: unread for citizen %d: %w", citizenID, err)
	}
	return int(n), nil
}

// MarkRead marks one of the citizen's notifications read. Someone else's notification is
// ErrNotFound, as if it did not exist; marking it again keeps the first read time.
func (s *Service) MarkRead(ctx context.Context, citizenID int64, id int64) error {
	n, err := s.q.NotificationMarkRead(ctx, s.now().UTC(), id, citizenID)
	if err != nil {
		return fmt.Errorf("notify: mark %d read: %w", id, err)
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}
