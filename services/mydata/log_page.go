package mydata

import (
	"context"
	"math"

	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/personalid"
)

// LogPageSize is how many rows a page of the whole data-access log shows.
const LogPageSize = 50

// LogPage is a page of the viewer's whole data-access log ("Nhật ký sử dụng dữ liệu").
type LogPage struct {
	Entries []audit.Entry // newest first, at most LogPageSize
	Next    int64         // the Seq of the page's last row when older ones follow: the next page's before; 0 when none
}

// LogPage returns the page of the viewer's own log older than the row whose Seq is before (0
// for the newest page). The subject is always the viewer: a seq of another citizen's row only
// bounds the viewer's own rows. Reading one's own log needs no consent and is not itself logged.
func (s *Service) LogPage(ctx context.Context, v Viewer, before int64) (LogPage, error) {
	const op = "mydata.logpage"
	if !personalid.Valid(v.PersonalID) {
		return LogPage{}, fault.New(fault.EFORBIDDEN, MsgNoPersonalID, op)
	}
	if before <= 0 {
		before = math.MaxInt64
	}
	entries, err := s.audit.ForSubjectBefore(ctx, v.PersonalID, before, LogPageSize+1)
	if err != nil {
		return LogPage{}, fault.Wrap(fault.EUNAVAILABLE, "error.unavailable", op, err)
	}
	var p LogPage
	if len(entries) > LogPageSize {
		entries = entries[:LogPageSize]
		p.Next = entries[LogPageSize-1].Seq
	}
	p.Entries = entries
	return p, nil
}
