package cases

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/cases/internal/casedb"
)

// CodeBlock is how far each case-code counter jumps when the database server's timeline has
// moved on since the counter's last number: PostgreSQL starts a new timeline when it promotes a
// replica, and after an asynchronous failover the promoted replica may lack the last commits of
// the old primary, its counters behind numbers already printed on receipts. Codes stay unique
// as long as fewer than CodeBlock codes of one agency and day were committed on the old primary
// and not replicated when it died: at the bench's 20 submissions a second to one agency, 50
// seconds of replication lag (make ha-test lost 0 to 2 submissions in all on loopback; Patroni
// never promotes a replica more than maximum_lag_on_failover behind). The jump multiplies by
// the number of timelines crossed, so a second failover that lost the first one's commits
// still lands above them. Codes keep four digits or more (%04d).
const CodeBlock = 1000

// TimelineReader reads the timeline of the server that db's transaction runs on.
type TimelineReader func(ctx context.Context, db DB) (int, error)

// ServerTimeline is the server's current timeline: the first eight hex digits of the current
// WAL file's name (pg_control_checkpoint() names it only once the promotion's checkpoint is done).
func ServerTimeline(ctx context.Context, db DB) (int, error) {
	return casedb.New(db).CaseCodeTimeline(ctx)
}

// codeEpoch is what the case_code_timelines rows say about a timeline: the civil day it gave its
// first code, and the timeline before it (0: none recorded).
type codeEpoch struct {
	began    time.Time
	previous int
}

// codes gives case codes. It keeps each timeline's epoch once read: the rows never change.
type codes struct {
	timeline TimelineReader
	mu       sync.Mutex
	epochs   map[int]codeEpoch
}

func newCodes(r TimelineReader) *codes {
	if r == nil {
		r = ServerTimeline
	}
	return &codes{timeline: r, epochs: map[int]codeEpoch{}}
}

// next gives the agency's next code of the day: <agency>-<yyMMdd>-<0001…>, in tx. The counter
// row is locked by the upsert, so concurrent submissions get distinct numbers. On a timeline
// newer than the counter's last number, the number jumps CodeBlock per timeline crossed; a
// counter first used on a new timeline's first day or the next (the old primary may have
// given numbers of that day that were lost) starts CodeBlock per timeline above 1. The same
// statement reserves the ids of the case and of its first event (nextCode).
func (c *codes) next(ctx context.Context, tx DB, agency string, now time.Time) (nextCode, error) {
	q := casedb.New(tx)
	tl, err := c.timeline(ctx, tx)
	if err != nil {
		return nextCode{}, fmt.Errorf("case code: timeline: %w", err)
	}
	day := civilDate(now)
	ep, err := c.epoch(ctx, q, tl, day)
	if err != nil {
		return nextCode{}, err
	}
	first := 1
	if ep.previous > 0 && ep.previous < tl && !day.After(ep.began.AddDate(0, 0, 1)) {
		first += CodeBlock * (tl - ep.previous)
	}
	r, err := q.CaseNextCode(ctx, casedb.CaseNextCodeParams{AgencyCode: agency, Day: day, Last: first, Timeline: tl})
	if err != nil {
		return nextCode{}, fmt.Errorf("case code: %w", err)
	}
	return nextCode{code: fmt.Sprintf("%s-%s-%04d", agency, day.Format("060102"), r.Last), caseID: r.CaseID, eventID: r.EventID}, nil
}

// nextCode is a case's code and the ids reserved with it: the case's, and its first event's,
// so that the writes that need them can be sent together while the counter row is locked.
type nextCode struct {
	code    string
	caseID  int64
	eventID int64
}

// epoch records timeline tl as beginning on day unless it is recorded, and reads its epoch.
// Any first day at or after the promotion is sound (the old primary gave codes only up to it),
// so an epoch read in a transaction that later rolls back may be kept.
func (c *codes) epoch(ctx context.Context, q *casedb.Queries, tl int, day time.Time) (codeEpoch, error) {
	c.mu.Lock()
	ep, ok := c.epochs[tl]
	c.mu.Unlock()
	if ok {
		return ep, nil
	}
	if err := q.CaseCodeTimelineBegin(ctx, tl, day); err != nil {
		return codeEpoch{}, fmt.Errorf("case code: timeline %d: %w", tl, err)
	}
	r, err := q.CaseCodeEpoch(ctx, tl)
	if errors.Is(err, pgx.ErrNoRows) {
		return codeEpoch{}, fmt.Errorf("case code: timeline %d not recorded", tl)
	}
	if err != nil {
		return codeEpoch{}, fmt.Errorf("case code: timeline %d: %w", tl, err)
	}
	ep = codeEpoch{began: r.BeganOn, previous: r.Previous}
	c.mu.Lock()
	c.epochs[tl] = ep
	c.mu.Unlock()
	return ep, nil
}
