package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestExportIsLogged: the supervisor's CSV export writes one row to the data-access log of each
// applicant whose name is in the file.
func TestExportIsLogged(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitBirthRegistration(t, s, an)
	require.NotEmpty(t, code)
	second := submitBirthRegistration(t, s, an)
	require.NotEqual(t, code, second)

	ctx := context.Background()
	count := func(q string, args ...any) int {
		var n int
		require.NoError(t, s.db.QueryRow(ctx, q, args...).Scan(&n))
		return n
	}
	applicants := count(`SELECT count(DISTINCT applicant_pid) FROM cases WHERE agency_code = (SELECT agency_code FROM cases WHERE code = $1)`, code)
	require.Positive(t, applicants)
	exported := func() int {
		return count(`SELECT count(*) FROM data_access_log WHERE purpose = 'agency-export' AND actor_id = 'staff:giamsat.ubnd.hoankiem'`)
	}

	sup := newBrowser(t)
	sup.signInStaff(s, "giamsat.ubnd.hoankiem")
	csv := sup.get(s.portalURL + "/staff/dashboard/cases.csv")
	require.Equal(t, http.StatusOK, csv.status, csv.body)
	require.Contains(t, csv.body, code)
	require.Contains(t, csv.body, second)
	require.Equal(t, applicants, exported(), "one row per person in the file")
	require.Equal(t, 1, count(`SELECT count(*) FROM data_access_log WHERE purpose = 'agency-export' AND subject_personal_id = $1`, anPersonalID),
		"An once, though the file has two of his cases")
	sup.get(s.portalURL + "/staff/dashboard/cases.csv")
	require.Equal(t, 2*applicants, exported(), "every export")
}

// TestOfficerDownloadIsLogged: an officer's download of a case's file is a read of the people
// the case names, in their data-access logs.
func TestOfficerDownloadIsLogged(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitBirthRegistration(t, s, an)
	require.NotEmpty(t, code)

	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.ubnd.hoankiem")
	casePage := officer.get(s.portalURL + "/staff/cases/" + code)
	require.Equal(t, http.StatusOK, casePage.status)
	link := casePage.doc(t).Find("a[href^='/staff/attachments/']").First().AttrOr("href", "")
	require.NotEmpty(t, link, "the case page links its file")

	ctx := context.Background()
	rows := func() int {
		var n int
		require.NoError(t, s.db.QueryRow(ctx, `SELECT count(*) FROM data_access_log WHERE subject_personal_id = $1
			AND actor_kind = 'staff' AND reference = $2 AND 'case.file' = ANY (attributes)`, anPersonalID, code).Scan(&n))
		return n
	}
	before := rows()
	file := officer.get(s.portalURL + link)
	require.Equal(t, http.StatusOK, file.status)
	require.True(t, strings.HasPrefix(file.body, "%PDF"))
	require.Equal(t, before+1, rows(), "the download is in An's log")

	other := newBrowser(t)
	other.signInStaff(s, "canbo.congan.hoankiem")
	require.Equal(t, http.StatusNotFound, other.get(s.portalURL+link).status, "another agency's officer")
	require.Equal(t, before+1, rows(), "a refused download is no read")
}
