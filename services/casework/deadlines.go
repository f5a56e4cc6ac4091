package casework

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/status"
)

// ReceiptHours is how long, in working hours, an agency has to receive an online case.
const ReceiptHours = cases.ReceiptHours

// ReceiptOverdue reports whether a case still waiting to be received (status 1) has waited
// more than ReceiptHours working hours since its submission, or since the citizen completed it
// at reception's request (the window starts again then). The hours are those of the office
// hours of its agency's province (calendar.Calendar.Hours).
func ReceiptOverdue(c Case, now time.Time, cal *calendar.Calendar, hours calendar.OfficeHours) bool {
	return c.Status == status.New && cal.AddWorkingHours(intakeFrom(c), ReceiptHours, hours).Before(now)
}

// AgencyProvinces tells the province an agency sits in, whose office hours time its receipt
// window (services/catalogue).
type AgencyProvinces interface {
	AgencyProvince(ctx context.Context, agencyCode string) (string, error)
}

// intakeFrom is when a case's intake window started.
func intakeFrom(c Case) time.Time {
	if c.ResubmittedAt != nil {
		return *c.ResubmittedAt
	}
	return c.SubmittedAt
}

// CaseRef is a case an officer is reminded of (services/cases).
type CaseRef = cases.DueRef

// Reminder tells an agency's officers about cases due soon.
type Reminder interface {
	RemindOfficers(ctx context.Context, agencyCode string, cases []CaseRef) error
}

// DefaultWithinDays is how many working days ahead the sweep reminds of, by default.
const DefaultWithinDays = 2

// DeadlineArgs is the deadline sweep job.
type DeadlineArgs struct {
	WithinDays int `json:"within_days,omitempty"` // remind of cases due within so many working days; 0 = DefaultWithinDays
}

// Kind names the job in the queue.
func (DeadlineArgs) Kind() string { return "deadline_sweep" }

// DeadlineWorker flags late cases and reminds officers of cases due soon. It is idempotent: a
// flag set stays set, and a case is reminded of at most once a day (cases.reminded_on), so a
// retried or repeated job reminds nobody twice.
type DeadlineWorker struct {
	river.WorkerDefaults[DeadlineArgs]
	Pool      *pgxpool.Pool
	Calendars Calendars
	Agencies  AgencyProvinces // nil: every agency keeps the national office hours
	Reminder  Reminder        // nil: no reminders
	Now       func() time.Time
	Log       *slog.Logger
}

var _ river.Worker[DeadlineArgs] = (*DeadlineWorker)(nil)

// PeriodicDeadlineSweep is the job to register with River: every interval, once per interval
// however many replicas run, and once at start.
func PeriodicDeadlineSweep(every time.Duration, withinDays int) *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(every),
		func() (river.JobArgs, *river.InsertOpts) {
			return DeadlineArgs{WithinDays: withinDays}, &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: every}}
		},
		&river.PeriodicJobOpts{RunOnStart: true})
}

// Work runs a sweep.
func (w *DeadlineWorker) Work(ctx context.Context, job *river.Job[DeadlineArgs]) error {
	now := time.Now
	if w.Now != nil {
		now = w.Now
	}
	res, err := w.Sweep(ctx, now(), job.Args.WithinDays)
	if w.Log != nil {
		w.Log.InfoContext(ctx, "deadline sweep", "overdue", res.Overdue, "receipt_overdue", res.ReceiptOverdue,
			"reminded", len(res.Reminded))
	}
	return err
}

// SweepResult tells what a sweep did.
type SweepResult struct {
	Overdue        int64     // cases newly flagged overdue
	ReceiptOverdue int64     // cases newly flagged as not received in time
	Reminded       []CaseRef // cases the officers were reminded of
}

// Sweep flags the cases late at now and reminds each agency's officers of its cases due within
// withinDays working days (DefaultWithinDays when 0) not yet reminded of today. A failed
// reminder leaves its agency's cases to the next run; the others are done.
func (w *DeadlineWorker) Sweep(ctx context.Context, now time.Time, withinDays int) (SweepResult, error) {
	const op = "casework: deadline sweep"
	if withinDays <= 0 {
		withinDays = DefaultWithinDays
	}
	var res SweepResult
	cal, err := w.Calendars.Calendar(ctx)
	if err != nil {
		return res, fmt.Errorf("%s: calendar: %w", op, err)
	}
	today := calendar.Date(now)

	store := cases.New(w.Pool, nil, w.Log)
	if res.Overdue, err = store.FlagOverdue(ctx, now); err != nil {
		return res, fmt.Errorf("%s: overdue: %w", op, err)
	}
	if res.ReceiptOverdue, err = w.flagReceipts(ctx, store, cal, now); err != nil {
		return res, fmt.Errorf("%s: receipt: %w", op, err)
	}

	if w.Reminder == nil {
		return res, nil
	}
	horizon := cal.AddWorkingDays(today, withinDays)
	dues, err := store.DueSoon(ctx, today, horizon)
	if err != nil {
		return res, fmt.Errorf("%s: %w", op, err)
	}
	var errs []error
	for i := 0; i < len(dues); {
		agency := dues[i].AgencyCode
		var refs []CaseRef
		var ids []int64
		for ; i < len(dues) && dues[i].AgencyCode == agency; i++ {
			refs = append(refs, dues[i])
			ids = append(ids, dues[i].ID)
		}
		if err := w.Reminder.RemindOfficers(ctx, agency, refs); err != nil {
			errs = append(errs, fmt.Errorf("%s: remind %s: %w", op, agency, err))
			continue
		}
		if err := store.MarkReminded(ctx, today, ids); err != nil {
			errs = append(errs, fmt.Errorf("%s: mark reminded %s: %w", op, agency, err))
			continue
		}
		res.Reminded = append(res.Reminded, refs...)
	}
	return res, errors.Join(errs...)
}

// flagReceipts flags the cases waiting to be received for more than ReceiptHours working
// hours. Only cases whose window started at least that many clock hours ago can be, so few are
// read.
func (w *DeadlineWorker) flagReceipts(ctx context.Context, store *cases.Service, cal *calendar.Calendar, now time.Time) (int64, error) {
	waiting, err := store.AwaitingReceipt(ctx, now.Add(-ReceiptHours*time.Hour))
	if err != nil {
		return 0, err
	}
	var late []int64
	hours := map[string]calendar.OfficeHours{} // by agency
	for _, c := range waiting {
		h, ok := hours[c.AgencyCode]
		if !ok {
			province := calendar.NationalDefault
			if w.Agencies != nil {
				if province, err = w.Agencies.AgencyProvince(ctx, c.AgencyCode); err != nil {
					return 0, fmt.Errorf("agency %s: %w", c.AgencyCode, err)
				}
			}
			h = cal.Hours(province)
			hours[c.AgencyCode] = h
		}
		if ReceiptOverdue(c, now, cal, h) {
			late = append(late, c.ID)
		}
	}
	if len(late) == 0 {
		return 0, nil
	}
	return store.FlagReceiptOverdue(ctx, late)
}
