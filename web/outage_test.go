package web_test

import (
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/handlers/public"
	"github.com/motlan/portal/services/database/dbtest"
)

// dbProxy stands for the network between the portal and PostgreSQL: it forwards connections
// until cut, then refuses new ones, as a stopped server's port does.
type dbProxy struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	conns  []net.Conn
	wg     sync.WaitGroup
}

// startDBProxy forwards a loopback port to dbURL's server and returns dbURL through it.
func startDBProxy(t *testing.T, dbURL string) (*dbProxy, string) {
	t.Helper()
	u, err := url.Parse(dbURL)
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	p := &dbProxy{ln: ln, target: u.Host}
	p.wg.Go(p.accept)
	t.Cleanup(p.cut)
	u.Host = ln.Addr().String()
	return p, u.String()
}

func (p *dbProxy) accept() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return // cut
		}
		up, err := net.Dial("tcp", p.target)
		if err != nil {
			_ = c.Close()
			continue
		}
		p.mu.Lock()
		p.conns = append(p.conns, c, up)
		p.mu.Unlock()
		p.wg.Go(func() { _, _ = io.Copy(up, c); _ = up.Close() })
		p.wg.Go(func() { _, _ = io.Copy(c, up); _ = c.Close() })
	}
}

// cut closes the port and every connection through it.
func (p *dbProxy) cut() {
	err := p.ln.Close()
	p.mu.Lock()
	for _, c := range p.conns {
		_ = c.Close()
	}
	p.conns = nil
	p.mu.Unlock()
	if err == nil || !errors.Is(err, net.ErrClosed) {
		p.wg.Wait()
	}
}

// TestDatabaseOutage: while PostgreSQL cannot be reached, a signed-in citizen or officer gets
// the portal's page, in their language, saying the system is under maintenance, with 503,
// Retry-After and the request ID; and the portal logs one JSON line for the request.
func TestDatabaseOutage(t *testing.T) {
	t.Parallel()
	dbURL := dbtest.URL(t)
	seed(t, dbURL)
	proxy, viaProxy := startDBProxy(t, dbURL)
	s, logs := startStackOn(t, viaProxy)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	require.Equal(t, http.StatusOK, an.get(s.portalURL+"/account").status)
	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.ubnd.hoankiem")
	require.Equal(t, http.StatusOK, officer.get(s.portalURL+"/staff/queue").status)

	proxy.cut()

	requireOutagePage := func(t *testing.T, p page, lang string) {
		t.Helper()
		require.Equal(t, http.StatusServiceUnavailable, p.status, "%v", logs.withRequestID(t, p.header.Get("X-Request-Id")))
		require.Equal(t, "30", p.header.Get("Retry-After"))
		require.Contains(t, p.header.Get("Content-Type"), "text/html")
		doc := p.doc(t)
		require.Equal(t, lang, doc.Find("html").AttrOr("lang", ""))
		require.Equal(t, "error.outage.body", doc.Find("[data-testid=error-message]").AttrOr("data-error", ""), p.body)
		id := p.header.Get("X-Request-Id")
		require.NotEmpty(t, id)
		require.Equal(t, id, strings.TrimSpace(doc.Find("[data-testid=request-id]").Text()))
		require.NotContains(t, p.body, "Internal Server Error")
		require.NotContains(t, p.body, "127.0.0.1", "no internal error text")

		recs := logs.withRequestID(t, id)
		require.Len(t, recs, 1, "one log line for the request")
		require.Equal(t, "request", recs[0]["msg"])
		require.Equal(t, "ERROR", recs[0]["level"])
		require.EqualValues(t, http.StatusServiceUnavailable, recs[0]["status"])
		require.NotEmpty(t, recs[0]["error"])
	}

	t.Run("Citizen", func(t *testing.T) {
		p := an.get(s.portalURL + "/account")
		requireOutagePage(t, p, "vi")
		require.Contains(t, p.body, "Hệ thống đang bảo trì")
	})
	t.Run("CitizenInEnglish", func(t *testing.T) {
		u := mustParse(t, s.portalURL)
		an.client.Jar.SetCookies(u, []*http.Cookie{{Name: public.LangCookie, Value: "en", Path: "/"}})
		p := an.get(s.portalURL + "/cases")
		requireOutagePage(t, p, "en")
		require.Contains(t, p.body, "maintenance")
	})
	t.Run("Officer", func(t *testing.T) {
		requireOutagePage(t, officer.get(s.portalURL+"/staff/queue"), "vi")
	})
}
