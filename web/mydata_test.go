package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/sim/ndxp"
	"github.com/motlan/portal/web"
)

const ndxpSecret = "test-ndxp-secret"

// startNDXP runs the data exchange simulator with the demo citizens and a few synthetic ones.
func startNDXP(t *testing.T) (*ndxp.Server, string) {
	t.Helper()
	ln, u := listen(t)
	sim, err := ndxp.New(ndxp.Config{
		Clients:   map[string]string{clientID: ndxpSecret},
		Seed:      1,
		Synthetic: 100,
		Logger:    quietLogger(),
	})
	require.NoError(t, err)
	serve(t, ln, sim)
	return sim, u
}

// startFullStack runs the identity and exchange simulators and the portal wired to both.
func startFullStack(t *testing.T, adjust func(*web.Config)) (*stack, *ndxp.Server) {
	t.Helper()
	exchange, exchangeURL := startNDXP(t)
	s := startStackWith(t, func(c *web.Config) {
		c.NDXPURL = exchangeURL
		c.NDXPClientID = clientID
		c.NDXPClientSecret = ndxpSecret
		c.RegistryTimeout = 5 * time.Second // generous: the tests run many stacks at once under -race
		if adjust != nil {
			adjust(c)
		}
	})
	return s, exchange
}

// consentTo opens My data and gives consent, returning the page with the data.
func (b *browser) consentToMyData(s *stack) page {
	b.t.Helper()
	ask := b.get(s.portalURL + "/my-data")
	require.Equal(b.t, http.StatusOK, ask.status, ask.body)
	require.Equal(b.t, 1, ask.doc(b.t).Find("[data-testid=consent-form]").Length(), "consent is asked first")
	p := b.post(s.portalURL+"/my-data/consent", url.Values{"_csrf": {csrfToken(b.t, ask)}})
	require.Equal(b.t, http.StatusSeeOther, p.status, p.body)
	return b.followFrom(p)
}

func TestMyData(t *testing.T) {
	t.Parallel()
	s, exchange := startFullStack(t, nil)
	b := newBrowser(t)
	b.signIn(s, anPersonalID)

	t.Run("NothingFetchedBeforeConsent", func(t *testing.T) {
		ask := b.get(s.portalURL + "/my-data")
		doc := ask.doc(t)
		require.Equal(t, 3, doc.Find("[data-testid=consent-items] tr[data-database]").Length())
		require.Empty(t, exchange.Log(), "no request reached the exchange")
		require.Equal(t, 1, doc.Find("[data-testid=access-log-empty]").Length())
	})

	t.Run("OK", func(t *testing.T) {
		p := b.consentToMyData(s)
		require.Equal(t, http.StatusOK, p.status, p.body)
		doc := p.doc(t)
		for _, db := range []string{"population", "land", "insurance"} {
			g := doc.Find("[data-testid=group-" + db + "]")
			require.Equal(t, "ok", g.AttrOr("data-status", ""), db)
			require.NotEmpty(t, strings.TrimSpace(g.Find("[data-testid=source]").Text()), db)
		}
		pop := doc.Find("[data-testid=group-population]")
		require.Contains(t, pop.Text(), "Nguyễn Văn An")
		require.Contains(t, pop.Find("[data-table='pop.household.members']").Text(), "vợ", "his wife is in the household")
		require.Equal(t, 1, doc.Find("[data-testid=group-land] h3").Length(), "one home parcel")
		require.NotEmpty(t, doc.Find("[data-testid=group-insurance] [data-field='ins.card']").Text())
		require.NotContains(t, p.body, "db.", "no raw message keys")
		require.NotContains(t, p.body, "attr.")

		rows := doc.Find("[data-testid=access-log-row]")
		require.Equal(t, 3, rows.Length())
		dbs := map[string]bool{}
		rows.Each(func(_ int, r *goquery.Selection) {
			require.Equal(t, "citizen-view", r.AttrOr("data-purpose", ""))
			dbs[r.AttrOr("data-databases", "")] = true
		})
		require.Equal(t, map[string]bool{"population": true, "land": true, "insurance": true}, dbs)

		// The exchange saw the same three requests, with purpose and the consent reference.
		log := exchange.Log()
		require.Len(t, log, 3)
		for _, e := range log {
			require.Equal(t, "citizen-view", e.Purpose)
			require.True(t, strings.HasPrefix(e.Reference, "CV-"), e.Reference)
			require.Equal(t, anPersonalID, e.PersonalID)
		}
	})

	t.Run("OneDatabaseDown", func(t *testing.T) {
		require.NoError(t, exchange.SetFault(ndxp.DBLand, ndxp.Fault{FailureRate: 1}))
		defer exchange.ClearFaults()
		p := b.get(s.portalURL + "/my-data")
		require.Equal(t, http.StatusOK, p.status)
		doc := p.doc(t)
		require.Equal(t, "unavailable", doc.Find("[data-testid=group-land]").AttrOr("data-status", ""))
		require.Equal(t, 1, doc.Find("[data-testid=group-land] [data-testid=unavailable]").Length())
		require.Equal(t, "ok", doc.Find("[data-testid=group-population]").AttrOr("data-status", ""))
		require.Equal(t, "ok", doc.Find("[data-testid=group-insurance]").AttrOr("data-status", ""))
	})

	t.Run("WithdrawStopsFetching", func(t *testing.T) {
		p := b.get(s.portalURL + "/my-data")
		out := b.post(s.portalURL+"/my-data/consent/withdraw", url.Values{"_csrf": {csrfToken(t, p)}})
		require.Equal(t, http.StatusSeeOther, out.status)
		before := len(exchange.Log())
		again := b.get(s.portalURL + "/my-data")
		require.Equal(t, 1, again.doc(t).Find("[data-testid=consent-form]").Length())
		require.Len(t, exchange.Log(), before)
	})

	t.Run("AuditChainIntact", func(t *testing.T) {
		var n int
		require.NoError(t, s.db.QueryRow(context.Background(), `SELECT count(*) FROM data_access_log WHERE subject_personal_id = $1`, anPersonalID).Scan(&n))
		require.GreaterOrEqual(t, n, 6)
	})
}

func TestMyDataThinRecord(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	b := newBrowser(t)
	b.signIn(s, "038301009876") // Dung: population only
	doc := b.consentToMyData(s).doc(t)
	require.Equal(t, "ok", doc.Find("[data-testid=group-population]").AttrOr("data-status", ""))
	require.Equal(t, "not_found", doc.Find("[data-testid=group-insurance]").AttrOr("data-status", ""))
	require.Contains(t, doc.Find("[data-testid=group-land]").Text(), "không có quyền sử dụng thửa đất nào")
}

func TestMyDataOnlyForOwnSession(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	b := newBrowser(t)
	p := b.get(s.portalURL + "/my-data")
	require.Equal(t, http.StatusSeeOther, p.status, "signed-out visitors go to sign in")
	q := b.post(s.portalURL+"/my-data/consent", url.Values{})
	require.Contains(t, []int{http.StatusForbidden, http.StatusUnauthorized}, q.status)
}
