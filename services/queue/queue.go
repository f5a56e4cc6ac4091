// Package queue lists an agency's cases for its officers: filtered, sorted by due date, paged
// by keyset so deep pages cost what the first one does, with counts per status. The queries are
// services/cases' (the owner of the case tables); this package keeps the page's terms: the
// filter of a request, plain ints for statuses, and the cursor of a page link.
package queue

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/readpool"
)

// Filter narrows the queue. Zero values mean "any".
type Filter struct {
	Procedure  string
	Status     int
	Open       bool   // only open cases, not finished (the queue page's default)
	DueWithin  int    // days from today (Vietnam date)
	Overdue    bool   // only overdue cases (the one rule of lateness, not only the flag)
	AssignedTo string // a login: only their cases
	Unassigned bool
	After      string // the cursor of the previous page's last row
}

// Item is one row of the queue.
type Item struct {
	ID            int64
	Code          string
	ProcedureCode string
	ApplicantName string
	ApplicantPID  string // not shown: whose data-access log an export writes to
	Status        int
	SubmittedAt   time.Time
	Due           time.Time
	DueIsLegal    bool // received: the legal due date; otherwise the promised one
	AssignedTo    string
	AssignedName  string // the assignee's name, which pages show
	Overdue       bool   // late by the one rule (cases.Case.Overdue), today in Vietnam
	Version       int
	Demo          bool // a case of the demo history (portal seed demo), tagged on the page
}

// Page is one page of the queue.
type Page struct {
	Items []Item
	Next  string // cursor of the next page; "" on the last one
}

// Service reads the queue from the owner of the case tables (services/cases).
// It only reads.
type Service struct {
	reads readpool.Reader
	now   func() time.Time
}

// New returns the queue; now is the clock (time.Now when nil) that "today" is taken from.
func New(pool *pgxpool.Pool, now func() time.Time) *Service {
	return &Service{reads: readpool.New(pool, nil, readpool.Config{}), now: now}
}

// WithReader sends the queue's reads to r, a read replica while it is close enough behind
// (services/readpool). The portal gives one to the supervisor's export only: an officer's
// queue must show the steps they have just taken.
func (s *Service) WithReader(r readpool.Reader) *Service {
	s.reads = r
	return s
}

// caseTables is the owner of the case tables on the pool s.reads chooses for one read.
func (s *Service) caseTables(ctx context.Context) *cases.Service {
	return cases.New(s.reads.Reader(ctx), s.now, nil)
}

// pinned is s reading every page from the one pool s.reads chooses now: an export's pages come
// from one server, so that keyset paging neither repeats nor skips a case as the pool changes.
func (s *Service) pinned(ctx context.Context) *Service {
	return &Service{reads: readpool.New(s.reads.Reader(ctx), nil, readpool.Config{}), now: s.now}
}

// List returns one page of the agency's cases, sorted by due date then id; limit is clamped to
// 1..200 (50 when out of range). A case is overdue by the one rule of lateness, with today's
// Vietnam date: flagged late already, or its running clock past its due date.
func (s *Service) List(ctx context.Context, agency string, f Filter, limit int) (Page, error) {
	cf, err := caseFilter(f)
	if err != nil {
		return Page{}, err
	}
	p, err := s.caseTables(ctx).Queue(ctx, agency, cf, limit)
	if err != nil {
		return Page{}, fmt.Errorf("queue: list: %w", err)
	}
	return pageOf(p), nil
}

// Screen is what the queue page shows: a page, the counts by status, and the agency's linked
// work (services/cases PartsOfAgency: parts pending at it, parts returned to it).
type Screen struct {
	Page   Page
	Counts map[int]int
	Parts  []cases.PartItem
}

// Screen reads the page List reads, the counts Counts reads and the agency's linked work, in
// one round trip (cases.Service.QueueScreen).
func (s *Service) Screen(ctx context.Context, agency string, f Filter, limit int) (Screen, error) {
	cf, err := caseFilter(f)
	if err != nil {
		return Screen{}, err
	}
	v, err := s.caseTables(ctx).QueueScreen(ctx, agency, cf, limit)
	if err != nil {
		return Screen{}, fmt.Errorf("queue: screen: %w", err)
	}
	return Screen{Page: pageOf(v.Page), Counts: countsOf(v.Counts), Parts: v.Parts}, nil
}

// caseFilter is f in the terms of services/cases; a cursor not made by List is refused.
func caseFilter(f Filter) (cases.QueueFilter, error) {
	var st status.Status // an unknown status filters nothing, as the page's "any"
	if f.Status >= int(status.New) && f.Status <= int(status.Delivered) {
		st = status.Status(f.Status)
	}
	cf := cases.QueueFilter{Procedure: f.Procedure, Status: st, Open: f.Open, DueWithin: f.DueWithin,
		Overdue: f.Overdue, AssignedTo: f.AssignedTo, Unassigned: f.Unassigned}
	if f.After != "" {
		key, err := decodeCursor(f.After)
		if err != nil {
			return cases.QueueFilter{}, err
		}
		cf.After = &key
	}
	return cf, nil
}

func pageOf(p cases.QueuePage) Page {
	out := Page{Items: make([]Item, len(p.Items))}
	for i, it := range p.Items {
		out.Items[i] = Item{ID: it.ID, Code: it.Code, ProcedureCode: it.ProcedureCode, ApplicantName: it.ApplicantName, ApplicantPID: it.ApplicantPID,
			Status: int(it.Status), SubmittedAt: it.SubmittedAt, Due: it.Due, DueIsLegal: it.DueIsLegal,
			AssignedTo: it.AssignedTo, AssignedName: it.AssignedName, Overdue: it.Overdue, Version: it.Version, Demo: it.Demo}
	}
	if p.Next != nil {
		out.Next = encodeCursor(*p.Next)
	}
	return out
}

// Counts returns how many of the agency's cases are in each status. They are the counts the
// database keeps exact, so they cost a handful of rows however large the agency.
func (s *Service) Counts(ctx context.Context, agency string) (map[int]int, error) {
	c, err := s.caseTables(ctx).StatusCounts(ctx, agency)
	if err != nil {
		return nil, fmt.Errorf("queue: counts: %w", err)
	}
	return countsOf(c), nil
}

func countsOf(c map[status.Status]int) map[int]int {
	out := make(map[int]int, len(c))
	for st, n := range c {
		out[int(st)] = n
	}
	return out
}

// encodeCursor writes a row's place in the queue's order: "<late 0|1>,<due date>,<id>".
func encodeCursor(k cases.QueueKey) string {
	late := "0"
	if k.Late {
		late = "1"
	}
	return base64.RawURLEncoding.EncodeToString([]byte(late + "," + k.Due.Format("2006-01-02") + "," + strconv.FormatInt(k.ID, 10)))
}

// errCursor is a page link that was not made by List (edited or truncated).
var errCursor = fault.New(fault.EINVALID, "error.invalid", "queue.cursor")

func decodeCursor(c string) (cases.QueueKey, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return cases.QueueKey{}, errCursor
	}
	parts := strings.Split(string(b), ",")
	if len(parts) != 3 || (parts[0] != "0" && parts[0] != "1") {
		return cases.QueueKey{}, errCursor
	}
	due, err := time.Parse("2006-01-02", parts[1])
	if err != nil {
		return cases.QueueKey{}, errCursor
	}
	id, err := strconv.ParseInt(parts[2], 10, 64)
	if err != nil {
		return cases.QueueKey{}, errCursor
	}
	return cases.QueueKey{Late: parts[0] == "1", Due: due, ID: id}, nil
}
