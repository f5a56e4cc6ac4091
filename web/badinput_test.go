package web_test

import (
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/web"
)

// errorLog keeps the portal's ERROR records (and drops the rest), for tests that a request is
// answered as bad input, never as a failure of the portal.
type errorLog struct {
	mu   *sync.Mutex
	msgs *[]string
}

func newErrorLog() errorLog { return errorLog{mu: &sync.Mutex{}, msgs: &[]string{}} }

func (h errorLog) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelError }

func (h errorLog) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	b.WriteString(r.Message)
	r.Attrs(func(a slog.Attr) bool { b.WriteString(" " + a.String()); return true })
	h.mu.Lock()
	defer h.mu.Unlock()
	*h.msgs = append(*h.msgs, b.String())
	return nil
}

func (h errorLog) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h errorLog) WithGroup(string) slog.Handler      { return h }

// lines returns what was logged at ERROR so far.
func (h errorLog) lines() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), *h.msgs...)
}

// startStackLogged is startStackWith with the portal's logger.
func startStackLogged(t *testing.T, adjust func(*web.Config), log *slog.Logger) *stack {
	t.Helper()
	simLn, issuer := listen(t)
	portalLn, base := listen(t)
	sim := startSim(t, simLn, issuer, base, nil)
	dbURL := dbtest.URL(t)
	seed(t, dbURL)
	s := startPortalLogged(t, portalLn, base, issuer, dbURL, adjust, log)
	s.sim = sim
	return s
}

// TestBadQueryAndFormValues: NUL bytes, invalid UTF-8 and out-of-range numbers in a query or a
// form are the visitor's mistake: 400 with the portal's page, logged as a warning, never a 500
// nor an ERROR line.
func TestBadQueryAndFormValues(t *testing.T) {
	t.Parallel()
	logs := newErrorLog()
	s := startStackLogged(t, nil, slog.New(logs))
	anyone := newBrowser(t)
	track := anyone.get(s.portalURL + "/tra-cuu")
	require.Equal(t, http.StatusOK, track.status)
	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.ubnd.hoankiem")
	require.Equal(t, http.StatusOK, officer.get(s.portalURL+"/staff/queue").status)

	trackPost := func(code string) func() page {
		return func() page {
			return anyone.post(s.portalURL+"/tra-cuu", url.Values{"_csrf": {csrfToken(t, track)}, "code": {code}, "last4": {"1234"}})
		}
	}
	get := func(b *browser, path string) func() page { return func() page { return b.get(s.portalURL + path) } }
	for _, tc := range []struct {
		name string
		do   func() page
	}{
		{"ProceduresTopicNUL", get(anyone, "/procedures?topic=%00")},
		{"ProceduresTopicBadUTF8", get(anyone, "/procedures?topic=%ff%fe")},
		{"ProceduresQueryNUL", get(anyone, "/procedures?q=gi%E1%BA%A5y%00")},
		{"ProceduresAgencyBadUTF8", get(anyone, "/procedures?agency=%c3")},
		{"TrackCodeNUL", trackPost("UBND-001\x00")},
		{"TrackCodeBadUTF8", trackPost("UBND-\xff\xfe")},
		{"QueueProcedureNUL", get(officer, "/staff/queue?procedure=%00")},
		{"QueueStatusOutOfRange", get(officer, "/staff/queue?status=999999999")},
		{"QueueStatusHuge", get(officer, "/staff/queue?status=99999999999999999999")},
		{"QueueDueOutOfRange", get(officer, "/staff/queue?due=999999999")},
		{"QueueAfterBadUTF8", get(officer, "/staff/queue?after=%ff")},
		{"QueueStatusNotANumber", get(officer, "/staff/queue?status=abc")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.do()
			require.Equal(t, http.StatusBadRequest, p.status, snippet(p.body))
			require.Equal(t, 1, p.doc(t).Find(testid("error-message")).Length(), "the portal's error page: %s", snippet(p.body))
			require.NotContains(t, p.body, "\x00")
		})
	}
	require.Empty(t, logs.lines(), "bad input is logged as a warning, not an error")
	// Good values still work, a long search too (cut to 200 characters, not inside one).
	require.Equal(t, http.StatusOK, anyone.get(s.portalURL+"/procedures?q=khai+sinh").status)
	long := anyone.get(s.portalURL + "/procedures?q=" + url.QueryEscape(strings.Repeat("ạ", 300)))
	require.Equal(t, http.StatusOK, long.status, snippet(long.body))
	require.Equal(t, http.StatusOK, officer.get(s.portalURL+"/staff/queue?status=1&due=7").status)
}

// TestUnreadableStepPostSavesNothing: a step post the portal cannot read (urlencoded past 10,000
// fields, malformed multipart) is refused with 400 and the error page, one past the limit of a
// post without files (urlencoded past 10 MB) with 413, and the step keeps the answers saved
// before.
func TestUnreadableStepPostSavesNothing(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	first := startDraft(t, s, an, "1.001193")
	saved := an.followFrom(an.submitForm(first, testid("step-form"), url.Values{"action": {"save"}, "child_full_name": {"Nguyễn Ngọc Ánh"}}, nil))
	require.Equal(t, http.StatusOK, saved.status, saved.body)
	draftID := strings.Split(first.url.Path, "/")[2]
	answer := func() string {
		var v string
		require.NoError(t, s.db.QueryRow(context.Background(), `SELECT coalesce(answers->>'child_full_name', '') FROM drafts WHERE id = $1`, draftID).Scan(&v))
		return v
	}
	require.Equal(t, "Nguyễn Ngọc Ánh", answer())
	token := csrfToken(t, saved)

	raw := func(ctype string, body string) func() page {
		return func() page {
			req, err := http.NewRequest(http.MethodPost, first.url.String(), strings.NewReader(body))
			require.NoError(t, err)
			req.Header.Set("Content-Type", ctype)
			return an.do(req)
		}
	}
	manyFields := strings.Builder{}
	manyFields.WriteString("_csrf=" + token + "&action=save&child_full_name=")
	for i := range 10_001 {
		manyFields.WriteString("&f" + strconv.Itoa(i) + "=")
	}
	const form = "application/x-www-form-urlencoded"
	for _, tc := range []struct {
		name   string
		do     func() page
		status int
		key    string
	}{
		{"UrlencodedPast10MB", raw(form, "_csrf="+token+"&action=save&child_full_name="+strings.Repeat("a", 10<<20+1)),
			http.StatusRequestEntityTooLarge, "input.error.too_large"},
		{"UrlencodedPast10000Fields", raw(form, manyFields.String()), http.StatusBadRequest, "input.error.unreadable"},
		{"MultipartTruncated", raw("multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"+token+
			"\r\n--xyz\r\nContent-Disposition: form-data; name=\"child_full_name\"\r\n\r\nabc"), http.StatusBadRequest, "input.error.unreadable"},
		{"MultipartWithoutBoundary", raw("multipart/form-data", "_csrf="+token+"&child_full_name="), http.StatusBadRequest, "input.error.unreadable"},
		{"MultipartBadHeader", raw("multipart/form-data; boundary=xyz", "--xyz\r\nno header here\r\n\r\nabc\r\n--xyz--\r\n"),
			http.StatusBadRequest, "input.error.unreadable"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.do()
			require.Equal(t, tc.status, p.status, snippet(p.body))
			require.Equal(t, tc.key, p.doc(t).Find(testid("error-message")).AttrOr("data-error", ""), snippet(p.body))
			require.Equal(t, "Nguyễn Ngọc Ánh", answer(), "the saved step keeps its answers")
		})
	}
}

// snippet shortens a page for a failure message.
func snippet(body string) string {
	if len(body) > 600 {
		return body[:600] + "…"
	}
	return body
}

// TestUploadSlots: posts with files beyond UPLOAD_CONCURRENCY in flight are told to come back
// (503, Retry-After, the localized page), and a slot is free again once its post is read.
func TestUploadSlots(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, func(c *web.Config) { c.UploadConcurrency = 1 })
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	first := startDraft(t, s, an, "1.001193")
	token := csrfToken(t, first)

	// One post holds the only slot: its body arrives as slowly as this test lets it. 16 MB of it
	// are read once the copy returns (more than the sockets between hold): the portal has taken
	// the slot to read them.
	body, rest := io.Pipe()
	w := multipart.NewWriter(rest)
	req, err := http.NewRequest(http.MethodPost, first.url.String(), body)
	require.NoError(t, err)
	req.Header.Set("Content-Type", w.FormDataContentType())
	held := make(chan int, 1)
	go func() { held <- newBrowser(t).send(req) }() // its own client: the answer does not matter
	require.NoError(t, w.WriteField("_csrf", token))
	fw, err := w.CreateFormFile("birth_certificate", "lon.pdf")
	require.NoError(t, err)
	_, err = io.CopyN(fw, &filler{}, 16<<20)
	require.NoError(t, err)

	another := func() page {
		return an.postMultipart(first.url.String(), url.Values{"_csrf": {token}, "action": {"save"}}, "birth_certificate", upload{"a.pdf", samplePDF})
	}
	busy := another()
	require.Equal(t, http.StatusServiceUnavailable, busy.status, snippet(busy.body))
	require.Equal(t, "30", busy.header.Get("Retry-After"))
	require.Equal(t, "input.error.busy", busy.doc(t).Find(testid("error-message")).AttrOr("data-error", ""))

	require.NoError(t, w.Close())
	require.NoError(t, rest.Close())
	<-held
	require.Equal(t, http.StatusSeeOther, another().status, "the slot is free again")
}
