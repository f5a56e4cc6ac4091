package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/web"
)

// TestReplicaServesPublicTracking runs the portal on a primary with a real streaming replica
// (DATABASE_REPLICA_URL). While the replica's replay is paused, a change to a case is on the
// primary only: the citizen's own case page shows it at once (it reads the primary), public
// tracking shows the case as it was (it reads the replica, within the lag allowed), and shows the
// change once the replica has replayed it. The tracking's guess counter is written meanwhile, on
// the primary.
func TestReplicaServesPublicTracking(t *testing.T) {
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
	cuong := newBrowser(t)
	cuong.signIn(s, cuongPersonalID)
	code := submitUnemployment(t, s, cuong)
	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.dvvl.danang")
	officer.act(s, code, "receive", nil)
	pair.WaitCaughtUp(t)

	anyone := newBrowser(t)
	trackOverdue := func() int {
		form := anyone.get(s.portalURL + "/tra-cuu")
		p := anyone.submitForm(form, testid("track-form"), url.Values{"code": {code}, "last4": {cuongPersonalID[8:]}}, nil)
		require.Equal(t, http.StatusOK, p.status, p.body)
		require.Equal(t, 1, p.doc(t).Find(testid("track-status")).Length(), "the case is found: %s", p.body)
		return p.doc(t).Find(testid("track-overdue")).Length()
	}
	require.Zero(t, trackOverdue(), "on time while its due date is ahead")

	pair.PauseReplay(t)
	k := caseOf(t, s, code)
	require.NoError(t, cases.New(s.db, nil, nil).SetDueOn(ctx, k.ID, time.Now().AddDate(0, 0, -7)))

	own := cuong.get(s.portalURL + "/cases/" + code)
	require.Equal(t, 1, own.doc(t).Find(testid("overdue")).Length(), "the citizen's own page reads the primary")
	require.Zero(t, trackOverdue(), "public tracking reads the replica, which has not replayed the change")

	pair.ResumeReplay(t)
	require.Equal(t, 1, trackOverdue(), "the replica has replayed it")

	metrics := newBrowser(t).get(s.portalURL + "/metrics")
	require.Equal(t, http.StatusOK, metrics.status)
	require.Regexp(t, `(?m)^motlan_db_replica_lag_seconds \d`, metrics.body)
	require.Regexp(t, `(?m)^motlan_db_replica_reads_total [1-9]`, metrics.body)
	require.Regexp(t, `(?m)^motlan_db_replica_fallbacks_total \d`, metrics.body)
}
