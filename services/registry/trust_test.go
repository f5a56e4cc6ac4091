package registry_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/registry"
	"github.com/motlan/portal/sim/ndxp"
)

// requestKey stands for the portal's request ID in a context.
type requestKey struct{}

// logged is one record the client logged, flattened.
type logged struct {
	level     slog.Level
	msg       string
	attrs     map[string]string
	requestID any
}

// captured is a slog.Handler keeping what it is given, with the request ID of its context.
type captured struct {
	mu  *sync.Mutex
	out *[]logged
}

func newCaptured() captured { return captured{mu: &sync.Mutex{}, out: &[]logged{}} }

func (h captured) Enabled(context.Context, slog.Level) bool { return true }
func (h captured) WithAttrs([]slog.Attr) slog.Handler       { return h }
func (h captured) WithGroup(string) slog.Handler            { return h }
func (h captured) Handle(ctx context.Context, r slog.Record) error {
	l := logged{level: r.Level, msg: r.Message, attrs: map[string]string{}, requestID: ctx.Value(requestKey{})}
	r.Attrs(func(a slog.Attr) bool { l.attrs[a.Key] = a.Value.String(); return true })
	h.mu.Lock()
	defer h.mu.Unlock()
	*h.out = append(*h.out, l)
	return nil
}

func (h captured) errors(msg string) []logged {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []logged
	for _, l := range *h.out {
		if l.level == slog.LevelError && l.msg == msg {
			out = append(out, l)
		}
	}
	return out
}

func (h captured) text() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return fmt.Sprint(*h.out)
}

// untrusting is a client with a low breaker threshold and an open period longer than the test,
// whose logs and observed outcomes the test reads.
type untrusting struct {
	c        *registry.Client
	sim      *ndxp.Server
	log      captured
	mu       sync.Mutex
	outcomes []string
}

func setupUntrusting(t *testing.T, wrap func(http.Handler) http.Handler) *untrusting {
	t.Helper()
	u := &untrusting{log: newCaptured()}
	cfg := func(cfg *registry.Config) {
		cfg.BreakerFailures = 3
		cfg.BreakerOpen = time.Hour
		cfg.Observe = func(_, outcome string, _ time.Duration) {
			u.mu.Lock()
			defer u.mu.Unlock()
			u.outcomes = append(u.outcomes, outcome)
		}
	}
	sim, err := ndxp.New(ndxp.Config{Clients: map[string]string{"portal": "s3cret"}, Seed: 1, Synthetic: 50, Logger: quiet()})
	require.NoError(t, err)
	var h http.Handler = sim
	if wrap != nil {
		h = wrap(sim)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c := registry.Config{BaseURL: srv.URL, ClientID: "portal", ClientSecret: "s3cret", Timeout: 5 * time.Second}
	cfg(&c)
	u.c, err = registry.New(c, slog.New(u.log))
	require.NoError(t, err)
	u.sim = sim
	return u
}

// read reads db for pid, with a request ID in the context, and returns the error and whether
// the record came back empty.
func (u *untrusting) read(db, pid string) (err error, empty bool) {
	ctx := context.WithValue(context.Background(), requestKey{}, "req-"+db)
	switch db {
	case registry.Population:
		rec, prov, err := u.c.Population(ctx, req(pid))
		return err, rec.PersonalID == "" && rec.FullName == "" && prov.RecordRef == ""
	case registry.Land:
		rec, prov, err := u.c.Land(ctx, req(pid))
		return err, rec.HolderPersonalID == "" && rec.Parcels == nil && prov.RecordRef == ""
	default:
		rec, prov, err := u.c.Insurance(ctx, req(pid))
		return err, rec.PersonalID == "" && rec.InsuranceCode == "" && prov.RecordRef == ""
	}
}

// requireTreatedAsUnavailable reads db three times: each read is unavailable and returns
// nothing, each is a failure of the database's breaker (open after the third), and each is
// observed with outcome.
func (u *untrusting) requireTreatedAsUnavailable(t *testing.T, db, pid, outcome string) {
	t.Helper()
	for range 3 {
		err, empty := u.read(db, pid)
		require.ErrorIs(t, err, registry.ErrUnavailable)
		require.True(t, empty, "nothing of the answer is returned")
	}
	require.Equal(t, "open", u.c.BreakerState(db), "each answer was a failure of the breaker")
	u.mu.Lock()
	defer u.mu.Unlock()
	require.Equal(t, []string{outcome, outcome, outcome}, u.outcomes)
}

// TestWrongSubject: an answer about another person than the one asked is not the citizen's:
// the database counts as unavailable for the request and for its breaker, and an alert is logged
// without the personal data.
func TestWrongSubject(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ db, asked, other string }{
		{registry.Population, anID, binhID},
		{registry.Land, anID, binhID},
		{registry.Insurance, anID, "048095004321"},
	} {
		t.Run(tc.db, func(t *testing.T) {
			t.Parallel()
			u := setupUntrusting(t, nil)
			require.NoError(t, u.sim.SetFault(tc.db, ndxp.Fault{Answer: ndxp.AnswerOtherPerson, Other: tc.other}))
			u.requireTreatedAsUnavailable(t, tc.db, tc.asked, "wrong_subject")

			alerts := u.log.errors("registry answered for another subject")
			require.Len(t, alerts, 3)
			for _, a := range alerts {
				require.Equal(t, tc.db, a.attrs["database"])
				require.Equal(t, "req-"+tc.db, a.requestID, "logged with the request's context, which carries its ID")
				require.NotEmpty(t, a.attrs["asked"], "a masked ID says which request it was")
			}
			all := u.log.text()
			for _, personal := range []string{tc.asked, tc.other, "Nguyễn Văn An", "Trần Thị Bình"} {
				require.NotContains(t, all, personal, "no personal data in the log")
			}
		})
	}
}

// TestMalformedAnswer: an empty object, a record without the fields a form binds, or a body that
// is not JSON is no record: unavailable, a failure of the breaker, and logged.
func TestMalformedAnswer(t *testing.T) {
	t.Parallel()
	for _, db := range registry.Databases {
		for _, answer := range []string{ndxp.AnswerEmpty, ndxp.AnswerIncomplete} {
			t.Run(db+"/"+answer, func(t *testing.T) {
				t.Parallel()
				u := setupUntrusting(t, nil)
				require.NoError(t, u.sim.SetFault(db, ndxp.Fault{Answer: answer}))
				outcome := "malformed"
				if answer == ndxp.AnswerEmpty {
					outcome = "wrong_subject" // {} is nobody's record: whose it is is checked first
				}
				u.requireTreatedAsUnavailable(t, db, binhID, outcome)
				if answer == ndxp.AnswerIncomplete {
					alerts := u.log.errors("registry answered a malformed record")
					require.Len(t, alerts, 3)
					require.Equal(t, db, alerts[0].attrs["database"])
					require.NotEmpty(t, alerts[0].attrs["missing"], "the fields missing are named")
				}
			})
		}
	}
	t.Run("NotJSON", func(t *testing.T) {
		t.Parallel()
		u := setupUntrusting(t, func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if strings.HasPrefix(r.URL.Path, "/population/") {
					w.Header().Set("Content-Type", "application/json")
					_, _ = w.Write([]byte(`{"personal_id":`))
					return
				}
				next.ServeHTTP(w, r)
			})
		})
		u.requireTreatedAsUnavailable(t, registry.Population, anID, "malformed")
	})
	// A record that names its subject twice, first someone else, is ambiguous: encoding/json
	// would keep the last name and trust the record; the member is refused instead.
	t.Run("SubjectTwice", func(t *testing.T) {
		t.Parallel()
		u := setupUntrusting(t, func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if !strings.HasPrefix(r.URL.Path, "/population/") {
					next.ServeHTTP(w, r)
					return
				}
				rec := httptest.NewRecorder()
				next.ServeHTTP(rec, r)
				body := strings.Replace(rec.Body.String(), "{", `{"personal_id":"`+binhID+`",`, 1)
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(rec.Code)
				_, _ = w.Write([]byte(body))
			})
		})
		u.requireTreatedAsUnavailable(t, registry.Population, anID, "malformed")
	})
}

// TestEveryRecordOfTheSimulatorIsAccepted keeps the checks from refusing true records: every
// demo person's and fifty synthetic people's records are read whole.
func TestEveryRecordOfTheSimulatorIsAccepted(t *testing.T) {
	t.Parallel()
	u := setupUntrusting(t, nil)
	pids := []string{anID, binhID, dungID, "048095004321", "001190023456"}
	for i := range u.sim.SyntheticCitizens() {
		pids = append(pids, u.sim.SyntheticPersonalID(i))
	}
	ok := map[string]int{}
	for _, pid := range pids {
		f := u.c.Fetch(context.Background(), req(pid), registry.Databases)
		for db, err := range map[string]error{registry.Population: f.Population.Err, registry.Land: f.Land.Err, registry.Insurance: f.Insurance.Err} {
			if err == nil {
				ok[db]++
				continue
			}
			require.ErrorIs(t, err, registry.ErrNotFound, "%s of %s", db, pid)
		}
	}
	require.Len(t, u.log.errors("registry answered for another subject"), 0)
	require.Len(t, u.log.errors("registry answered a malformed record"), 0)
	require.Equal(t, len(pids), ok[registry.Population])
	require.Equal(t, len(pids), ok[registry.Land])
	require.Greater(t, ok[registry.Insurance], len(pids)/2)
}
