package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/sim/ndxp"
	"github.com/motlan/portal/web"
)

const (
	binhPersonalID = "079175001234"
	binhName       = "Trần Thị Bình"
)

// lockedBuffer is a log destination several goroutines write to.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// lines returns the JSON records logged with message msg.
func (b *lockedBuffer) lines(t *testing.T, msg string) []map[string]any {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	for _, l := range strings.Split(b.buf.String(), "\n") {
		var rec map[string]any
		if l == "" || json.Unmarshal([]byte(l), &rec) != nil || rec["msg"] != msg {
			continue
		}
		out = append(out, rec)
	}
	return out
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startFullStackLogged is startFullStack with the portal logging JSON into the returned buffer.
func startFullStackLogged(t *testing.T) (*stack, *ndxp.Server, *lockedBuffer) {
	t.Helper()
	exchange, exchangeURL := startNDXP(t)
	simLn, issuer := listen(t)
	portalLn, base := listen(t)
	sim := startSim(t, simLn, issuer, base, nil)
	dbURL := dbtest.URL(t)
	seed(t, dbURL)
	logs := &lockedBuffer{}
	s := startPortalLogged(t, portalLn, base, issuer, dbURL, func(c *web.Config) {
		c.NDXPURL, c.NDXPClientID, c.NDXPClientSecret = exchangeURL, clientID, ndxpSecret
		c.RegistryTimeout = 5 * time.Second
	}, slog.New(slog.NewJSONHandler(logs, nil)))
	s.sim = sim
	return s, exchange, logs
}

// metric reads one sample of the portal's metrics, or "" when it has none.
func metric(t *testing.T, s *stack, sample string) string {
	t.Helper()
	resp, err := http.Get(s.portalURL + "/metrics")
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(sample) + ` (\S+)$`).FindSubmatch(body)
	if m == nil {
		return ""
	}
	return string(m[1])
}

// TestExchangeAnswerNotTrusted: the exchange answers An's population request with Bình's record,
// then with {}. Neither reaches An's "My data" or a new draft as verified: the population database
// is shown as unavailable and its fields are typed by An; each answer is a failure of the
// database's breaker, and an alert with the request ID but without the personal data is logged.
func TestExchangeAnswerNotTrusted(t *testing.T) {
	t.Parallel()
	s, exchange, logs := startFullStackLogged(t)
	b := newBrowser(t)
	b.signIn(s, anPersonalID)

	requireNotVerified := func(t *testing.T) {
		t.Helper()
		p := b.consentOrShowMyData(s)
		require.Equal(t, http.StatusOK, p.status, p.body)
		doc := p.doc(t)
		pop := doc.Find("[data-testid=group-population]")
		require.Equal(t, "unavailable", pop.AttrOr("data-status", ""), "the answer is not shown as An's record")
		require.Equal(t, 1, pop.Find("[data-testid=unavailable]").Length())
		require.Equal(t, "ok", doc.Find("[data-testid=group-land]").AttrOr("data-status", ""), "the other databases still answer")
		require.NotContains(t, p.body, binhName)
		require.NotContains(t, p.body, binhPersonalID)

		first := startDraft(t, s, b, "1.001193")
		require.Equal(t, 1, first.doc(t).Find(testid("db-down-population")).Length(), "the draft says the database is unavailable")
		id := strings.Split(strings.TrimPrefix(first.url.Path, "/drafts/"), "/")[0]
		var pre string
		var unavailable []string
		require.NoError(t, s.db.QueryRow(context.Background(), `SELECT prefill::text, unavailable FROM drafts WHERE id = $1`, id).Scan(&pre, &unavailable))
		require.Contains(t, unavailable, "population")
		require.NotContains(t, pre, binhPersonalID, "nothing of the answer is kept in the draft")
		require.NotContains(t, pre, binhName)
		require.NotContains(t, pre, `"locked":true`, "nothing is locked as verified")
		parents := continueStep(t, b, first, map[string][]string{
			"child_full_name": {"Nguyễn Ngọc Ánh"}, "child_birth_date": {"2026-11-20"}, "child_sex": {"female"},
			"child_birth_place_kind": {"home"}, "birth_place_details": {"Tại nhà, số 12 Hàng Bạc"}, "child_ethnicity": {"Kinh"},
		}, nil)
		require.Contains(t, parents.url.Path, "/steps/1", textOf(t, parents, testid("error-summary")))
		father := parents.doc(t).Find("input[name=father_full_name]")
		_, readonly := father.Attr("readonly")
		require.False(t, readonly, "An types his name")
		require.Equal(t, "self-declared", parents.doc(t).Find("[data-testid=source-father_full_name]").AttrOr("data-prefill", ""))
		require.NotContains(t, parents.body, binhName)
	}

	t.Run("AnotherPersonsRecord", func(t *testing.T) {
		require.NoError(t, exchange.SetFault(ndxp.DBPopulation, ndxp.Fault{Answer: ndxp.AnswerOtherPerson, Other: binhPersonalID}))
		defer exchange.ClearFaults()
		requireNotVerified(t)
		require.Equal(t, "2", metric(t, s, `motlan_registry_request_duration_seconds_count{database="population",outcome="wrong_subject"}`))
		require.Equal(t, "2", metric(t, s, `motlan_registry_breaker_consecutive_failures{database="population"}`), "the breaker counted both")

		alerts := logs.lines(t, "registry answered for another subject")
		require.Len(t, alerts, 2, "one alert per answer")
		for _, a := range alerts {
			require.Equal(t, "ERROR", a["level"])
			require.Equal(t, "population", a["database"])
			require.NotEmpty(t, a["request_id"], "the alert names the request")
		}
		all := logs.String()
		for _, personal := range []string{binhPersonalID, binhName, `"asked":"` + anPersonalID} {
			require.NotContains(t, all, personal, "no personal data in the log")
		}
	})

	t.Run("EmptyRecord", func(t *testing.T) {
		require.NoError(t, exchange.SetFault(ndxp.DBPopulation, ndxp.Fault{Answer: ndxp.AnswerEmpty}))
		defer exchange.ClearFaults()
		requireNotVerified(t)
		require.Equal(t, "4", metric(t, s, `motlan_registry_breaker_consecutive_failures{database="population"}`), "the breaker counted both")
		require.Equal(t, "0", metric(t, s, `motlan_registry_circuit_open{database="population"}`),
			"four failures: below the threshold, the circuit stays closed")
	})

	t.Run("TrueRecordAgain", func(t *testing.T) {
		p := b.consentOrShowMyData(s)
		require.Equal(t, "ok", p.doc(t).Find("[data-testid=group-population]").AttrOr("data-status", ""))
		require.Contains(t, p.body, "Nguyễn Văn An")
		require.Equal(t, "0", metric(t, s, `motlan_registry_breaker_consecutive_failures{database="population"}`))
	})
}

// consentOrShowMyData opens My data, giving consent first if it is asked.
func (b *browser) consentOrShowMyData(s *stack) page {
	b.t.Helper()
	p := b.get(s.portalURL + "/my-data")
	if p.doc(b.t).Find("[data-testid=consent-form]").Length() == 1 {
		return b.consentToMyData(s)
	}
	return p
}
