package feedback

import (
	"context"
	"fmt"
	"time"
)

// ProcedureSatisfaction is how one procedure's applicants rated their cases.
type ProcedureSatisfaction struct {
	ProcedureCode string
	Ratings       int
	Satisfied     int // rated SatisfiedFrom or above
}

// Share is the satisfied part of the ratings, 0..1; 0 when there are none.
func (p ProcedureSatisfaction) Share() float64 {
	if p.Ratings == 0 {
		return 0
	}
	return float64(p.Satisfied) / float64(p.Ratings)
}

// Comment is a rating's comment as a supervisor reads it: the case code and nothing else of
// the person.
type Comment struct {
	CaseCode      string
	ProcedureCode string
	Level         int
	Comment       string
	At            time.Time // when it was last given or changed
}

// SummaryWindowDays is how far back the supervisor's figures look.
const SummaryWindowDays = 90

// Satisfaction counts the agency's ratings given or changed in the last SummaryWindowDays
// days, per procedure, most rated first.
func (s *Service) Satisfaction(ctx context.Context, agency string) ([]ProcedureSatisfaction, error) {
	since := s.now().AddDate(0, 0, -SummaryWindowDays)
	rows, err := s.pool.Query(ctx, `
		SELECT procedure_code, count(*), count(*) FILTER (WHERE rating >= $3)
		FROM case_ratings WHERE agency_code = $1 AND updated_at >= $2
		GROUP BY procedure_code ORDER BY count(*) DESC, procedure_code`, agency, since, SatisfiedFrom)
	if err != nil {
		return nil, fmt.Errorf("feedback: satisfaction of %s: %w", agency, err)
	}
	defer rows.Close()
	var out []ProcedureSatisfaction
	for rows.Next() {
		var p ProcedureSatisfaction
		if err := rows.Scan(&p.ProcedureCode, &p.Ratings, &p.Satisfied); err != nil {
			return nil, fmt.Errorf("feedback: satisfaction of %s: %w", agency, err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("feedback: satisfaction of %s: %w", agency, err)
	}
	return out, nil
}

// LatestComments returns the agency's n latest ratings that came with a comment, newest first.
func (s *Service) LatestComments(ctx context.Context, agency string, n int) ([]Comment, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT case_code, procedure_code, rating, comment, updated_at
		FROM case_ratings WHERE agency_code = $1 AND comment <> ''
		ORDER BY updated_at DESC, case_id DESC LIMIT $2`, agency, n)
	if err != nil {
		return nil, fmt.Errorf("feedback: comments of %s: %w", agency, err)
	}
	defer rows.Close()
	var out []Comment
	for rows.Next() {
		var c Comment
		var level int16
		if err := rows.Scan(&c.CaseCode, &c.ProcedureCode, &level, &c.Comment, &c.At); err != nil {
			return nil, fmt.Errorf("feedback: comments of %s: %w", agency, err)
		}
		c.Level = int(level)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("feedback: comments of %s: %w", agency, err)
	}
	return out, nil
}
