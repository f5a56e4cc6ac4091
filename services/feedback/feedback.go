// Package feedback keeps the applicants' satisfaction ratings of their cases ("Đánh giá mức độ
// hài lòng", as the national portal asks after a result) and gives supervisors their figures.
// It owns the table case_ratings (migration 00027) and names no other: a case is referred to by
// its id, and what the figures need of it (code, agency, procedure) is copied when it is rated.
package feedback

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/fault"
)

// The rules of a rating.
const (
	MinLevel, MaxLevel = 1, 5                // 1 rất không hài lòng … 5 rất hài lòng
	SatisfiedFrom      = 4                   // hài lòng or rất hài lòng count as satisfied
	MaxComment         = 500                 // characters
	ChangeWindow       = 30 * 24 * time.Hour // a rating may be changed this long after it was first given
)

// Messages (i18n keys) of the errors a citizen may see.
const (
	MsgLevel  = "rating.error.level"
	MsgLong   = "rating.error.long"
	MsgClosed = "rating.error.closed"
	MsgNotYet = "rating.error.notyet"
)

// Rateable reports whether a case in status st has a result its applicant may rate: decided
// (approved or refused), delivered, or refused at intake.
func Rateable(st status.Status) bool {
	return st == status.Done || st == status.Delivered || st == status.Refused
}

// Subject is the case being rated, as its owner (services/cases) gave it to the caller, who
// has already checked the rater is its applicant.
type Subject struct {
	CaseID        int64
	CaseCode      string
	AgencyCode    string
	ProcedureCode string
	Status        status.Status
}

// Rating is an applicant's rating of one case.
type Rating struct {
	CaseID    int64
	CaseCode  string
	Level     int
	Comment   string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// ChangeableUntil is the last instant the rating may be changed.
func (r Rating) ChangeableUntil() time.Time { return r.CreatedAt.Add(ChangeWindow) }

// Service reads and writes ratings.
type Service struct {
	pool *pgxpool.Pool
	now  func() time.Time
}

// New returns the ratings service; now is the clock (time.Now when nil).
func New(pool *pgxpool.Pool, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{pool: pool, now: now}
}

const ratingColumns = `case_id, case_code, rating, comment, created_at, updated_at`

func scanRating(row pgx.Row) (Rating, error) {
	var r Rating
	var level int16
	err := row.Scan(&r.CaseID, &r.CaseCode, &level, &r.Comment, &r.CreatedAt, &r.UpdatedAt)
	r.Level = int(level)
	return r, err
}

// ForCase returns the case's rating, and false when it has none.
func (s *Service) ForCase(ctx context.Context, caseID int64) (Rating, bool, error) {
	r, err := scanRating(s.pool.QueryRow(ctx, `SELECT `+ratingColumns+` FROM case_ratings WHERE case_id = $1`, caseID))
	if errors.Is(err, pgx.ErrNoRows) {
		return Rating{}, false, nil
	}
	if err != nil {
		return Rating{}, false, fmt.Errorf("feedback: rating of case %d: %w", caseID, err)
	}
	return r, true, nil
}

// Rate records the applicant's rating of a case with a result, or changes it within
// ChangeWindow of the first rating; after that the rating stands (ECONFLICT). A case without a
// result cannot be rated (EFORBIDDEN); a level out of range or a comment over MaxComment
// characters is EINVALID.
func (s *Service) Rate(ctx context.Context, k Subject, level int, comment string) (Rating, error) {
	const op = "feedback.rate"
	if !Rateable(k.Status) {
		return Rating{}, fault.New(fault.EFORBIDDEN, MsgNotYet, op)
	}
	if level < MinLevel || level > MaxLevel {
		return Rating{}, fault.New(fault.EINVALID, MsgLevel, op)
	}
	comment = strings.TrimSpace(comment)
	if utf8.RuneCountInString(comment) > MaxComment {
		return Rating{}, fault.New(fault.EINVALID, MsgLong, op)
	}
	now := s.now()
	// One statement: a first rating inserts; a change updates only while the window is open,
	// so two tabs cannot slip a change past it.
	r, err := scanRating(s.pool.QueryRow(ctx, `
		INSERT INTO case_ratings (case_id, case_code, agency_code, procedure_code, rating, comment, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
		ON CONFLICT (case_id) DO UPDATE SET rating = EXCLUDED.rating, comment = EXCLUDED.comment, updated_at = EXCLUDED.updated_at
		WHERE case_ratings.created_at + $8 * interval '1 second' >= EXCLUDED.updated_at
		RETURNING `+ratingColumns,
		k.CaseID, k.CaseCode, k.AgencyCode, k.ProcedureCode, int16(level), comment, now, int64(ChangeWindow/time.Second)))
	if errors.Is(err, pgx.ErrNoRows) {
		return Rating{}, fault.New(fault.ECONFLICT, MsgClosed, op)
	}
	if err != nil {
		return Rating{}, fmt.Errorf("feedback: rate case %s: %w", k.CaseCode, err)
	}
	return r, nil
}
