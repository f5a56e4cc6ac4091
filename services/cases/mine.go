package cases

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/cases/internal/casedb"
)

// MinePageSize is how many of the citizen's own cases a page of "Hồ sơ của tôi" shows.
const MinePageSize = 20

// maxCaseCode bounds a page cursor: longer than any case code, so no SQL is run for junk.
const maxCaseCode = 64

// Mine is a page of what "Hồ sơ của tôi" shows of cases: the citizen's own, newest first, and
// (on the first page) those others filed about them.
type Mine struct {
	Cases   []Summary // as List, at most MinePageSize
	AboutMe []AboutMe // as AboutPerson; on the first page only
	Next    string    // the code of the page's last case when older ones follow: the next page's after
}

// Mine returns the page of the citizen's own cases after the citizen's case with code after
// ("" for the first page), and on the first page AboutPerson of personalID ("" for none) in
// the same statement: one round trip and one transaction, on the portal's busiest page.
func (s *Service) Mine(ctx context.Context, citizenID int64, personalID, after string) (Mine, error) {
	today := calendar.Date(s.now())
	var m Mine
	if after != "" {
		if len(after) > maxCaseCode {
			return m, nil
		}
		rows, err := s.q.CasesOfCitizenAfter(ctx, casedb.CasesOfCitizenAfterParams{Today: today, CitizenID: citizenID,
			AfterCode: after, PageSize: MinePageSize + 1})
		if err != nil {
			return Mine{}, fmt.Errorf("cases: mine: %w", err)
		}
		for _, r := range rows {
			m.Cases = append(m.Cases, Summary{Code: r.Code, ProcedureCode: r.ProcedureCode, AgencyCode: r.AgencyCode, Status: r.Status,
				SubmittedAt: r.SubmittedAt, ExpectedDueOn: r.ExpectedDueOn, DueOn: r.DueOn, Overdue: r.IsOverdue, Subject: r.SubjectName})
		}
		return m.cut(), nil
	}
	rows, err := s.q.CasesOfCitizenAndAboutPerson(ctx, casedb.CasesOfCitizenAndAboutPersonParams{Today: today, CitizenID: citizenID,
		PageSize: MinePageSize + 1, PersonalID: personalID})
	if err != nil {
		return Mine{}, fmt.Errorf("cases: mine: %w", err)
	}
	for _, r := range rows {
		sum := Summary{Code: r.Code, ProcedureCode: r.ProcedureCode, AgencyCode: r.AgencyCode, Status: r.Status,
			SubmittedAt: r.SubmittedAt, ExpectedDueOn: r.ExpectedDueOn, DueOn: r.DueOn, Overdue: r.IsOverdue}
		if !r.About {
			sum.Subject = r.SubjectName
			m.Cases = append(m.Cases, sum)
			continue
		}
		a, err := aboutMe(sum, r.ApplicantName, r.Party, r.Parties)
		if err != nil {
			return Mine{}, fmt.Errorf("cases: mine: %w", err)
		}
		m.AboutMe = append(m.AboutMe, a)
	}
	return m.cut(), nil
}

// cut keeps a page of own cases, read one past the page to know whether more follow.
func (m Mine) cut() Mine {
	if len(m.Cases) > MinePageSize {
		m.Cases = m.Cases[:MinePageSize]
		m.Next = m.Cases[MinePageSize-1].Code
	}
	return m
}

// aboutMe is a case filed about the person who is party in it, with the party from the case's
// parties (JSON).
func aboutMe(sum Summary, filedBy, party string, parties []byte) (AboutMe, error) {
	var ps []Party
	if err := json.Unmarshal(parties, &ps); err != nil {
		return AboutMe{}, fmt.Errorf("case %s: %w", sum.Code, err)
	}
	a := AboutMe{Summary: sum, FiledBy: filedBy}
	for _, p := range ps {
		if p.ID == party {
			a.As = p
		}
	}
	return a, nil
}
