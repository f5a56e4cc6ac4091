package staff

import (
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/queue"
	"github.com/motlan/portal/services/staff"
)

// The queue's status filter besides a status's number: open cases (the page's default), or all.
const (
	statusOpen = "open"
	statusAll  = "all"
)

// maxDueWithin is the furthest "due within" the queue's filter takes, in days.
const maxDueWithin = 365

// errFilter refuses a filter no form of the queue sends.
var errFilter = fault.New(fault.EINVALID, "queue.error.filter", "staff.queueFilter")

// queueFilter reads the queue's filters (the queue page and its CSV export): a status is one of
// the ten, "open" (not finished) or "all", "due within" 1 to 365 days, each empty or 0 for any;
// anything else is the visitor's mistake (400), never a number that overflows a date in the
// database. The queue page reads no status as "open" (ShowQueue).
func queueFilter(c echo.Context, m staff.Member) (queue.Filter, error) {
	f := queue.Filter{
		Procedure: c.QueryParam("procedure"), Overdue: c.QueryParam("overdue") == "1",
		Unassigned: c.QueryParam("unassigned") == "1", After: c.QueryParam("after"),
	}
	var err error
	switch st := c.QueryParam("status"); st {
	case statusOpen:
		f.Open = true
	case statusAll:
	default:
		if f.Status, err = optionalInt(st, 0, 10); err != nil {
			return queue.Filter{}, err
		}
	}
	if f.DueWithin, err = optionalInt(c.QueryParam("due"), 0, maxDueWithin); err != nil {
		return queue.Filter{}, err
	}
	if c.QueryParam("mine") == "1" {
		f.AssignedTo = m.Login
	}
	return f, nil
}

// optionalInt reads an empty value as 0, and otherwise a whole number from lo to hi.
func optionalInt(s string, lo, hi int) (int, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, errFilter
	}
	return n, nil
}
