package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/web"
)

// TestReplicaServesReadOnlyPages runs the portal on a primary with a real streaming replica
// (DATABASE_REPLICA_URL). While the replica's replay is paused, what changes is on the primary
// only: the citizen's own pages show it at once (they read the primary); public tracking, the
// supervisor's figures, the CSV export and catalogue searches show what was (they read the
// replica, within the lag allowed), and show the change once the replica has replayed it. A case
// submitted meanwhile is found by tracking, and its result by verification, all the same: a miss
// on the replica is asked again of the primary. What those pages write meanwhile (the tracking's
// guess counter, the export's data-access rows) is written on the primary in the same request.
func TestReplicaServesReadOnlyPages(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pair := dbtest.NewReplicated(t)
	seed(t, pair.PrimaryURL)
	_, exchangeURL := startNDXP(t)
	simLn, issuer := listen(t)
	portalLn, base := listen(t)
	startSim(t, simLn, issuer, base, nil)
	s := startPortalOn(t, portalLn, base, issuer, pair.PrimaryURL, func(c *web.Config) {
		c.NDXPURL, c.NDXPClientID, c.NDXPClientSecret = exchangeURL, clientID, ndxpSecret
		c.RegistryTimeout = 5 * time.Second
		c.DatabaseReplicaURL = pair.ReplicaURL
		c.DatabaseReplicaMaxLag = time.Hour // the paused replica serves for as long as the test takes
	})
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitBirthRegistration(t, s, an)
	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.ubnd.hoankiem")
	officer.act(s, code, "receive", nil)
	sup := newBrowser(t)
	sup.signInStaff(s, "giamsat.ubnd.hoankiem")
	pair.WaitCaughtUp(t)

	anyone := newBrowser(t)
	track := func(code string) int {
		form := anyone.get(s.portalURL + "/tra-cuu")
		p := anyone.submitForm(form, testid("track-form"), url.Values{"code": {code}, "last4": {anPersonalID[8:]}}, nil)
		require.Equal(t, http.StatusOK, p.status, p.body)
		require.Equal(t, 1, p.doc(t).Find(testid("track-status")).Length(), "the case is found: %s", p.body)
		return p.doc(t).Find(testid("track-overdue")).Length()
	}
	trackOverdue := func() int { return track(code) }
	dashboardOverdue := func() string {
		d := sup.get(s.portalURL + "/staff/dashboard")
		require.Equal(t, http.StatusOK, d.status, d.body)
		return strings.TrimSpace(d.doc(t).Find(testid("kpi-overdue") + " .app-kpi__value").Text())
	}
	exportedOverdue := func() string {
		csv := sup.get(s.portalURL + "/staff/dashboard/cases.csv")
		require.Equal(t, http.StatusOK, csv.status, csv.body)
		for _, line := range strings.Split(csv.body, "\r\n") {
			if strings.HasPrefix(line, code+",") {
				return line[strings.LastIndex(line, ",")+1:]
			}
		}
		t.Fatalf("the export has no row of %s: %s", code, csv.body)
		return ""
	}
	exportRows := func() int {
		var n int
		require.NoError(t, s.db.QueryRow(ctx, `SELECT count(*) FROM data_access_log WHERE purpose = 'agency-export'`).Scan(&n))
		return n
	}
	require.Zero(t, trackOverdue(), "on time while its due date is ahead")
	require.Equal(t, "0", dashboardOverdue())
	require.Equal(t, "Không", exportedOverdue())

	pair.PauseReplay(t)
	k := caseOf(t, s, code)
	require.NoError(t, cases.New(s.db, nil, nil).SetDueOn(ctx, k.ID, time.Now().AddDate(0, 0, -7)))

	own := an.get(s.portalURL + "/cases/" + code)
	require.Equal(t, 1, own.doc(t).Find(testid("overdue")).Length(), "the citizen's own page reads the primary")
	require.Zero(t, trackOverdue(), "public tracking reads the replica, which has not replayed the change")
	require.Equal(t, "0", dashboardOverdue(), "the supervisor's figures read the replica")
	before := exportRows()
	require.Equal(t, "Không", exportedOverdue(), "the export reads the replica")
	require.Greater(t, exportRows(), before, "and writes its access rows on the primary, the replica paused")

	// A case submitted now is on the primary only: the citizen's list has it, and its code,
	// missing on the replica, is asked again of the primary, so tracking finds it too.
	fresh := submitBirthRegistration(t, s, an)
	list := an.get(s.portalURL + "/cases")
	require.Equal(t, 1, list.doc(t).Find("[data-testid=case-row][data-code='"+fresh+"']").Length(), "the citizen's list reads the primary")
	require.Zero(t, track(fresh), "tracking finds a case the replica has not replayed")
	// Its result, issued now, is on the primary only: verification, missing it on the replica,
	// asks the primary, and finds it authentic.
	officer.act(s, fresh, "receive", nil)
	officer.act(s, fresh, "start_processing", nil)
	confirmDraft(t, s, officer, an, fresh)
	officer.act(s, fresh, "approve", nil)
	verified := anyone.get(s.portalURL + "/verify?code=" + url.QueryEscape(resultOf(t, s, fresh).VerificationCode))
	require.Equal(t, 1, verified.doc(t).Find(testid("verify-ok")).Length(), "a result just issued is authentic: %s", verified.body)

	// A catalogue search reads the replica too: a keyword added on the primary finds nothing yet.
	_, err := s.db.Exec(ctx, `UPDATE procedures SET search_text = search_text || ' banhsao' WHERE code = '1.001193'`)
	require.NoError(t, err)
	search := func() int {
		p := anyone.get(s.portalURL + "/procedures?q=banhsao")
		require.Equal(t, http.StatusOK, p.status, p.body)
		return p.doc(t).Find("[data-testid=procedure-list] [data-code='1.001193']").Length()
	}
	require.Zero(t, search(), "the catalogue search reads the replica")

	pair.ResumeReplay(t)
	require.Equal(t, 1, search(), "the replica has replayed the new keyword")
	require.Equal(t, 1, trackOverdue(), "the replica has replayed the change")
	require.Equal(t, "1", dashboardOverdue())
	require.Equal(t, "Có", exportedOverdue())

	metrics := newBrowser(t).get(s.portalURL + "/metrics")
	require.Equal(t, http.StatusOK, metrics.status)
	require.Regexp(t, `(?m)^motlan_db_replica_lag_seconds \d`, metrics.body)
	require.Regexp(t, `(?m)^motlan_db_replica_reads_total [1-9]`, metrics.body)
	require.Regexp(t, `(?m)^motlan_db_replica_fallbacks_total \d`, metrics.body)
}
