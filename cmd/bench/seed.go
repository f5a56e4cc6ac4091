package main

import (
	"context"
	"encoding/binary"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/cases/casetest"
	"github.com/motlan/portal/services/cases/status"
)

// Agencies the historical cases are spread over; UBND-00070 (the demo officer's) gets half.
var benchAgencies = []string{"UBND-00070", "UBND-00070", "CA-00070", "VPDKDD-01", "BHXH-01", "DVVL-01"}

// history describes the generated cases; every column is a pure function of the row index.
type history struct {
	n         int
	citizens  []int64  // citizens.id of the bench citizens
	pids      []string // their personal IDs
	demoID    int64    // the signed-in demo citizen
	demoPID   string
	demoCases int
	procs     []procVersion
	agencies  []string
	start     time.Time // submitted_at of row 0; rows go back one year
}

// procVersion is a row of procedure_versions.
type procVersion struct {
	code    string
	version int
}

func (h *history) citizen(i int) (int64, string) {
	if i < h.demoCases {
		return h.demoID, h.demoPID
	}
	k := i % len(h.citizens)
	return h.citizens[k], h.pids[k]
}

// submitted spreads the rows evenly over the year before start. (i × a year in nanoseconds
// overflows int64 from row 293 on, which once put nearly every case within a day of start:
// the step is divided first.)
func (h *history) submitted(i int) time.Time {
	return h.start.Add(-time.Duration(i) * (365 * 24 * time.Hour / time.Duration(h.n)))
}

func (h *history) agency(i int) string { return h.agencies[(i*7)%len(h.agencies)] }

func (h *history) code(i int) string {
	return fmt.Sprintf("%s-%s-B%07d", h.agency(i), h.submitted(i).Format("060102"), i)
}

func (h *history) draftID(i int) pgtype.UUID {
	var u [16]byte
	copy(u[:8], []byte{0xbe, 0x4c, 0x00, 0x00, 0x00, 0x00, 0x40, 0x00})
	binary.BigEndian.PutUint64(u[8:], uint64(i)|0x8000000000000000) //nolint:gosec // G115: i is a row number, never negative
	return pgtype.UUID{Bytes: u, Valid: true}
}

// loadHistory COPYs bench citizens, then n submitted drafts and their cases (without events).
func loadHistory(ctx context.Context, pool *pgxpool.Pool, n, nCitizens int, pidOf func(int) string, demoID int64, demoPID string) (*history, error) {
	h := &history{n: n, demoID: demoID, demoPID: demoPID, demoCases: min(40, n), start: time.Now().Add(-time.Hour)}
	rows, err := pool.Query(ctx, `SELECT procedure_code, version FROM procedure_versions ORDER BY 1, 2`)
	if err != nil {
		return nil, err
	}
	procs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (procVersion, error) {
		var p procVersion
		err := r.Scan(&p.code, &p.version)
		return p, err
	})
	if err != nil || len(procs) == 0 {
		return nil, fmt.Errorf("procedure versions: %v (found %d)", err, len(procs))
	}
	h.procs = procs
	for _, a := range benchAgencies {
		var ok bool
		if err := pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM agencies WHERE code = $1)`, a).Scan(&ok); err != nil {
			return nil, err
		}
		if ok {
			h.agencies = append(h.agencies, a)
		}
	}
	if len(h.agencies) == 0 {
		return nil, fmt.Errorf("none of the bench agencies %v is seeded", benchAgencies)
	}

	now := time.Now()
	i := 0
	if _, err := pool.CopyFrom(ctx, pgx.Identifier{"citizens"},
		[]string{"issuer", "subject", "personal_id", "full_name", "created_at", "last_login_at"},
		pgx.CopyFromFunc(func() ([]any, error) {
			if i >= nCitizens {
				return nil, nil
			}
			i++
			return []any{"bench", fmt.Sprintf("bench-%d", i-1), pidOf(i - 1), fmt.Sprintf("Công dân %d", i-1), now, now}, nil
		})); err != nil {
		return nil, fmt.Errorf("copy citizens: %w", err)
	}
	rows, err = pool.Query(ctx, `SELECT id, personal_id FROM citizens WHERE issuer = 'bench' ORDER BY id`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var pid string
		if err := rows.Scan(&id, &pid); err != nil {
			return nil, err
		}
		h.citizens, h.pids = append(h.citizens, id), append(h.pids, pid)
	}
	if err := rows.Err(); err != nil || len(h.citizens) == 0 {
		return nil, fmt.Errorf("bench citizens: %v (found %d)", err, len(h.citizens))
	}

	i = 0
	if _, err := pool.CopyFrom(ctx, pgx.Identifier{"drafts"},
		[]string{"id", "citizen_id", "procedure_code", "procedure_version", "created_at", "updated_at", "expires_at", "submitted_at"},
		pgx.CopyFromFunc(func() ([]any, error) {
			if i >= n {
				return nil, nil
			}
			cid, _ := h.citizen(i)
			p := h.procs[i%len(h.procs)]
			at := h.submitted(i)
			row := []any{h.draftID(i), cid, p.code, p.version, at.Add(-time.Hour), at, at.Add(720 * time.Hour), at}
			i++
			return row, nil
		})); err != nil {
		return nil, fmt.Errorf("copy drafts: %w", err)
	}

	// The cases through their owner's fixture (services/cases/casetest), which ANALYZEs cases;
	// settle vacuums all three tables afterwards.
	today := calendar.Date(time.Now()) // the civil date in Vietnam, as the sweep counts
	if _, err := casetest.CopyCases(ctx, pool, n, func(i int) casetest.Spec {
		cid, pid := h.citizen(i)
		p := h.procs[i%len(h.procs)]
		at := h.submitted(i)
		st := status.Status(1 + (i*13)%10)
		expected := time.Date(at.Year(), at.Month(), at.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, 3+i%30)
		s := casetest.Spec{Code: h.code(i), DraftID: h.draftID(i).Bytes, CitizenID: cid, ApplicantPID: pid,
			ApplicantName: fmt.Sprintf("Người nộp %d", i), Procedure: p.code, ProcedureVersion: p.version,
			Agency: h.agency(i), Status: st, Submitted: at, ExpectedDueOn: expected}
		if st != status.New {
			received, due := at.Add(4*time.Hour), expected.AddDate(0, 0, 1)
			s.Received, s.DueOn = &received, &due
			// Flagged as the deadline sweep (casework) would have flagged it by today, so the
			// portal's first sweep finds the history as a running portal leaves it.
			s.Overdue = status.ClockRunning.Has(st) && due.Before(today)
		}
		return s
	}); err != nil {
		return nil, fmt.Errorf("copy cases: %w", err)
	}
	if err := settle(ctx, pool); err != nil {
		return nil, err
	}
	return h, nil
}

// settle leaves the loaded tables as a database in service has them before any scenario runs:
// vacuumed (hint bits and visibility map set, statistics fresh) and checkpointed. Without it,
// autovacuum finds the millions of rows the COPYs inserted a minute later and vacuums drafts and
// cases in the middle of the first scenarios, on the same two cores, with its CPU counted in
// theirs (seen at 1,000,000 cases: both tables vacuumed between the bare reference and (a)).
func settle(ctx context.Context, pool *pgxpool.Pool) error {
	if _, err := pool.Exec(ctx, `VACUUM (ANALYZE) citizens, drafts, cases`); err != nil {
		return fmt.Errorf("vacuum after the load: %w", err)
	}
	// The pages the vacuum dirtied are written now rather than by a checkpoint during a scenario.
	if _, err := pool.Exec(ctx, `CHECKPOINT`); err != nil {
		return fmt.Errorf("checkpoint after the load: %w", err)
	}
	return nil
}
