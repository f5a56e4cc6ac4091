// Package demo is the demo history that `portal seed demo` adds (and `make run` with it): a few
// hundred made-up cases across statuses and the demo staff's agencies, so that the queue, the
// dashboard and the helpdesk are not empty on a first look. Each table is written by its owner:
// the demo citizens by services/citizens, their bare submitted drafts by services/drafts, the
// cases and their timelines by services/cases, flagged demo so that staff see "Dữ liệu mẫu".
//
// It never runs unless asked: only `portal seed demo` calls Seed. Seeding is idempotent: every
// case is keyed by a draft id derived from its index, so a second run adds nothing.
package demo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/drafts"
	"github.com/motlan/portal/services/staff"
)

// Cases is how many cases the demo history has.
const Cases = 300

// Issuer is the issuer of the demo citizens: not VNeID's, so none of them can sign in.
const Issuer = "demo"

// namespace derives the draft ids of the demo cases (uuid v5 of "demo-case-<i>").
var namespace = uuid.MustParse("6b1d3c52-5f0e-4c1e-9a55-2d8b1a0de901")

// statuses spreads the cases over the national statuses: most delivered or in progress, some
// waiting for the citizen, a few refused, stopped or withdrawn.
var statuses = []status.Status{
	status.Delivered, status.Processing, status.New, status.Delivered, status.Received,
	status.Processing, status.Done, status.Delivered, status.Supplement, status.New,
	status.Processing, status.Delivered, status.Payment, status.Received, status.Refused,
	status.Delivered, status.Processing, status.Stopped, status.New, status.Done,
	status.Delivered, status.Supplement, status.Withdrawal, status.Processing, status.Delivered,
}

var families = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"}
var givens = []string{"Văn An", "Thị Bình", "Minh Châu", "Quốc Dũng", "Thị Hoa", "Đức Huy", "Thu Hà", "Ngọc Lan", "Văn Long", "Thị Mai", "Hải Nam", "Thanh Tâm", "Văn Tú", "Thị Yến", "Gia Bảo", "Anh Thư", "Công Phượng"}

// Result says what Seed added.
type Result struct {
	Cases    int // added by this run
	Citizens int
}

// officer is a member of an agency who handles its demo cases.
type officer struct{ id, name string }

// Seed adds the demo history, at most n cases dated back from now; cases seeded before are not
// added again.
func Seed(ctx context.Context, pool *pgxpool.Pool, n int, now time.Time) (Result, error) {
	cat := catalogue.New(pool)
	procs, err := cat.List(ctx, catalogue.Filter{})
	if err != nil {
		return Result{}, err
	}
	members, err := staff.New(pool, nil).List(ctx)
	if err != nil {
		return Result{}, err
	}
	// The agencies of the demo staff, by kind, with their officers; the first officer's agency
	// of each kind (the demo officer's) comes first.
	byKind := map[string][]string{}
	officers := map[string][]officer{}
	for _, m := range members {
		if m.AgencyCode == "" || !m.Active() || !m.Has(staff.RoleOfficer) && !m.Has(staff.RoleSupervisor) {
			continue
		}
		a, err := cat.Agency(ctx, m.AgencyCode)
		if err != nil {
			return Result{}, err
		}
		if !slices.Contains(byKind[a.Kind], a.Code) {
			byKind[a.Kind] = append(byKind[a.Kind], a.Code)
		}
		if m.Has(staff.RoleOfficer) {
			officers[a.Code] = append(officers[a.Code], officer{id: fmt.Sprint(m.ID), name: m.FullName})
		}
	}
	var eligible []catalogue.Procedure
	for _, p := range procs {
		if len(byKind[p.AgencyKind]) > 0 {
			eligible = append(eligible, p)
		}
	}
	if len(eligible) == 0 {
		return Result{}, fmt.Errorf("demo: no procedure is decided by an agency of the demo staff (seed the demo staff first)")
	}

	ppl := citizens.New(pool, func() time.Time { return now })
	var ids []citizens.Citizen
	for i := range 40 {
		name := families[i%len(families)] + " " + givens[(i*5)%len(givens)]
		c, err := ppl.SignedIn(ctx, Issuer, fmt.Sprintf("demo-%02d", i), fmt.Sprintf("0990%08d", 1000+i), name)
		if err != nil {
			return Result{}, fmt.Errorf("demo: citizen %d: %w", i, err)
		}
		ids = append(ids, c)
	}

	added := 0
	err = pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		for i := range n {
			p := eligible[(i*7)%len(eligible)]
			agencies := byKind[p.AgencyKind]
			agency := agencies[0]
			if i%3 == 2 { // a third to the other agencies of the kind
				agency = agencies[(i/3)%len(agencies)]
			}
			c := ids[(i*11)%len(ids)]
			st := statuses[i%len(statuses)]
			submitted := now.Add(-time.Duration(i) * 90 * 24 * time.Hour / time.Duration(n)).Add(-time.Hour)
			switch {
			case st == status.New || st == status.Received:
				submitted = now.Add(-time.Duration(1+i%40) * time.Hour) // waiting for intake: recent
			case status.Open.Has(st):
				submitted = now.AddDate(0, 0, -(i % 20)).Add(-2 * time.Hour) // in progress: this month
			}
			draftID := uuid.NewSHA1(namespace, fmt.Appendf(nil, "demo-case-%d", i))
			fresh, err := drafts.InsertSubmittedDemo(ctx, tx, draftID, c.ID, p.Code, p.CurrentVersion, submitted)
			if err != nil {
				return err
			}
			if !fresh {
				continue
			}
			d := cases.DemoCase{DraftID: draftID, CitizenID: c.ID, ApplicantPID: c.PersonalID, ApplicantName: c.FullName,
				Procedure: p.Code, Version: p.CurrentVersion, Agency: agency, Status: st, Submitted: submitted,
				Days: max(p.ProcessingDays, 3)}
			if os := officers[agency]; len(os) > 0 && i%5 != 4 { // a fifth left unassigned
				d.OfficerID, d.OfficerName = os[i%len(os)].id, os[i%len(os)].name
			}
			// An open, received case past its due date was found late by the sweep.
			d.Overdue = status.ClockRunning.Has(st) && submitted.AddDate(0, 0, d.Days+1).Before(now)
			if _, err := cases.InsertDemo(ctx, tx, d); err != nil {
				return err
			}
			added++
		}
		return nil
	})
	if err != nil {
		return Result{}, fmt.Errorf("demo: %w", err)
	}
	return Result{Cases: added, Citizens: len(ids)}, nil
}
