package casetest

import (
	"context"
	"fmt"
	"time"
)

// Part is a part of a linked case put straight into case_parts, in any status. Kind and Agency
// are required; Seq defaults to its position (1 is the lead's), Days to 1, Status to what a
// submission writes (the lead's pending, the others waiting), Name to the kind.
type Part struct {
	Seq     int
	Kind    string
	Agency  string
	Days    int
	Status  string
	SentAt  *time.Time // default: the case's submission for a part not waiting
	DueOn   *time.Time
	DoneAt  *time.Time // default: now for a part done
	NameVI  string
	NameEN  string
	Ref     string
	DoneBy  string
	Comment string // the note
}

// InsertParts writes the parts of a case, as a submission of a linked procedure would (or in any
// later state), in one transaction.
func InsertParts(ctx context.Context, db DB, caseID int64, parts []Part) error {
	var submitted time.Time
	if err := db.QueryRow(ctx, `SELECT submitted_at FROM cases WHERE id = $1`, caseID).Scan(&submitted); err != nil {
		return fmt.Errorf("casetest: parts of case %d: %w", caseID, err)
	}
	tx, err := db.Begin(ctx)
	if err != nil {
		return fmt.Errorf("casetest: parts of case %d: %w", caseID, err)
	}
	defer func() { _ = tx.Rollback(ctx) }()
	for i, p := range parts {
		if p.Seq == 0 {
			p.Seq = i + 1
		}
		if p.Days == 0 {
			p.Days = 1
		}
		if p.Status == "" {
			p.Status = "waiting"
			if p.Seq == 1 {
				p.Status = "pending"
			}
		}
		if p.SentAt == nil && p.Status != "waiting" {
			p.SentAt = &submitted
		}
		if p.DoneAt == nil && p.Status == "done" {
			now := time.Now()
			p.DoneAt = &now
		}
		if p.NameVI == "" {
			p.NameVI, p.NameEN = p.Kind, p.Kind
		}
		_, err := tx.Exec(ctx, `
			INSERT INTO case_parts (case_id, seq, kind, name_vi, name_en, agency_code, days, status, sent_at, due_on,
				done_at, done_by, done_by_name, reference, note)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13, $14)`,
			caseID, p.Seq, p.Kind, p.NameVI, p.NameEN, p.Agency, p.Days, p.Status, p.SentAt, p.DueOn, p.DoneAt,
			p.DoneBy, p.Ref, p.Comment)
		if err != nil {
			return fmt.Errorf("casetest: part %d of case %d: %w", p.Seq, caseID, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("casetest: parts of case %d: %w", caseID, err)
	}
	return nil
}
