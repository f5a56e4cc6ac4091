package cases

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/motlan/portal/services/calendar"
)

// Mine is what "Hồ sơ của tôi" shows of cases: the citizen's own, and those others filed about
// them.
type Mine struct {
	Cases   []Summary // as List
	AboutMe []AboutMe // as AboutPerson
}

// Mine returns List of the citizen and AboutPerson of personalID ("" for none) in one statement:
// one round trip and one transaction instead of two, on the portal's busiest page.
func (s *Service) Mine(ctx context.Context, citizenID int64, personalID string) (Mine, error) {
	rows, err := s.q.CasesOfCitizenAndAboutPerson(ctx, calendar.Date(s.now()), citizenID, personalID)
	if err != nil {
		return Mine{}, fmt.Errorf("cases: mine: %w", err)
	}
	var m Mine
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
	return m, nil
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
