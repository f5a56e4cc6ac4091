package ndxp_test

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/sim/ndxp"
)

func TestParseFaults(t *testing.T) {
	t.Parallel()
	t.Run("OK", func(t *testing.T) {
		got, err := ndxp.ParseFaults(" land=latency:200ms,failure:0.5 ; insurance=failure:1;")
		require.NoError(t, err)
		require.Equal(t, map[string]ndxp.Fault{
			ndxp.DBLand:      {Latency: 200 * time.Millisecond, FailureRate: 0.5},
			ndxp.DBInsurance: {FailureRate: 1},
		}, got)
	})
	t.Run("OKAnswers", func(t *testing.T) {
		got, err := ndxp.ParseFaults("population=answer:other-person,other:079175001234;land=answer:empty;insurance=answer:incomplete,latency:5ms")
		require.NoError(t, err)
		require.Equal(t, map[string]ndxp.Fault{
			ndxp.DBPopulation: {Answer: ndxp.AnswerOtherPerson, Other: "079175001234"},
			ndxp.DBLand:       {Answer: ndxp.AnswerEmpty},
			ndxp.DBInsurance:  {Answer: ndxp.AnswerIncomplete, Latency: 5 * time.Millisecond},
		}, got)
	})
	t.Run("OKEmpty", func(t *testing.T) {
		got, err := ndxp.ParseFaults("")
		require.NoError(t, err)
		require.Empty(t, got)
	})
	for name, spec := range map[string]string{
		"ErrDatabase":     "registry=failure:1",
		"ErrNoEquals":     "land",
		"ErrSetting":      "land=slow:1s",
		"ErrNoColon":      "land=latency",
		"ErrDuration":     "land=latency:fast",
		"ErrNegative":     "land=latency:-1s",
		"ErrRateTooHigh":  "land=failure:1.5",
		"ErrRateNegative": "land=failure:-0.1",
		"ErrRateNaN":      "land=failure:NaN",
		"ErrTwice":        "land=failure:1;land=failure:0",
		"ErrAnswer":       "land=answer:garbage",
		"ErrOtherAlone":   "land=other:079175001234",
		"ErrOtherID":      "land=answer:other-person,other:12345",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ndxp.ParseFaults(spec)
			require.Error(t, err, spec)
		})
	}
}

func TestInitialFaultFails(t *testing.T) {
	t.Parallel()
	e := setup(t, func(c *ndxp.Config) {
		c.Faults = map[string]ndxp.Fault{ndxp.DBInsurance: {FailureRate: 1}}
	})
	status, body := e.get(t, "/insurance/v1/participants/"+pidAn)
	require.Equal(t, http.StatusServiceUnavailable, status)
	requireError(t, body, "unavailable")

	status, body = e.get(t, "/population/v1/citizens/"+pidAn)
	require.Equal(t, http.StatusOK, status, body, "the other databases work")

	e.sim.ClearFaults()
	status, body = e.get(t, "/insurance/v1/participants/"+pidAn)
	require.Equal(t, http.StatusOK, status, body)
}

func TestNewRejectsBadFaults(t *testing.T) {
	t.Parallel()
	_, err := ndxp.New(ndxp.Config{Faults: map[string]ndxp.Fault{"registry": {FailureRate: 1}}})
	require.Error(t, err)
	_, err = ndxp.New(ndxp.Config{Faults: map[string]ndxp.Fault{ndxp.DBLand: {FailureRate: 2}}})
	require.Error(t, err)
}

func TestFailureRateIsAProbability(t *testing.T) {
	t.Parallel()
	e := setup(t)
	require.NoError(t, e.sim.SetFault(ndxp.DBLand, ndxp.Fault{FailureRate: 0.5}))
	const n = 200
	reqs := make(chan *http.Request, n)
	for range n {
		reqs <- e.request(t, "/land/v1/parcels?holder="+pidBinh)
	}
	close(reqs)
	var mu sync.Mutex
	counts := map[int]int{}
	var wg sync.WaitGroup
	for range 8 { // concurrent draws, for the race detector
		wg.Go(func() {
			for req := range reqs {
				status := -1
				if resp, err := http.DefaultClient.Do(req); err == nil {
					status = resp.StatusCode
					resp.Body.Close()
				}
				mu.Lock()
				counts[status]++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	require.Equal(t, n, counts[http.StatusOK]+counts[http.StatusServiceUnavailable], counts)
	// Binomial(200, 0.5): outside 50..150 with probability below 1e-12.
	require.Greater(t, counts[http.StatusServiceUnavailable], 50, counts)
	require.Greater(t, counts[http.StatusOK], 50, counts)
}

func TestLatency(t *testing.T) {
	t.Parallel()
	e := setup(t)
	t.Run("Honoured", func(t *testing.T) {
		require.NoError(t, e.sim.SetFault(ndxp.DBPopulation, ndxp.Fault{Latency: 150 * time.Millisecond}))
		start := time.Now()
		status, body := e.get(t, "/population/v1/citizens/"+pidAn)
		require.Equal(t, http.StatusOK, status, body)
		require.GreaterOrEqual(t, time.Since(start), 150*time.Millisecond)
	})
	t.Run("CancelledByClient", func(t *testing.T) {
		require.NoError(t, e.sim.SetFault(ndxp.DBInsurance, ndxp.Fault{Latency: time.Minute}))
		ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
		defer cancel()
		req := e.request(t, "/insurance/v1/participants/"+pidAn, withHeader("X-NDXP-Reference", "gave-up"))
		start := time.Now()
		_, err := http.DefaultClient.Do(req.WithContext(ctx))
		require.ErrorIs(t, err, context.DeadlineExceeded)
		require.Less(t, time.Since(start), 10*time.Second)

		// The handler is freed long before the minute is up, and says why.
		require.Eventually(t, func() bool {
			for _, l := range e.sim.Log() {
				if l.Reference == "gave-up" {
					return l.Status == 499
				}
			}
			return false
		}, 10*time.Second, 10*time.Millisecond)
	})
}

func TestAdminFaults(t *testing.T) {
	t.Parallel()
	e := setup(t)
	t.Run("ErrNoToken", func(t *testing.T) {
		for _, r := range []struct{ method, path, body string }{
			{http.MethodGet, "/admin/faults", ""},
			{http.MethodPut, "/admin/faults/land", `{"latency_ms":1,"failure_rate":0}`},
			{http.MethodDelete, "/admin/faults", ""},
			{http.MethodGet, "/admin/log", ""},
		} {
			status, body := e.admin(t, r.method, r.path, r.body, "")
			require.Equal(t, http.StatusUnauthorized, status, r.path)
			requireError(t, body, "unauthorized")
			status, body = e.admin(t, r.method, r.path, r.body, "wrong")
			require.Equal(t, http.StatusUnauthorized, status, r.path)
			requireError(t, body, "unauthorized")
			status, _ = e.admin(t, r.method, r.path, r.body, e.token)
			require.Equal(t, http.StatusUnauthorized, status, "a client token is not the admin token")
		}
	})
	t.Run("OK", func(t *testing.T) {
		status, body := e.admin(t, http.MethodPut, "/admin/faults/land", `{"latency_ms":50,"failure_rate":0.25}`, adminToken)
		require.Equal(t, http.StatusOK, status, body)
		require.JSONEq(t, `{"latency_ms":50,"failure_rate":0.25}`, body)

		status, body = e.admin(t, http.MethodGet, "/admin/faults", "", adminToken)
		require.Equal(t, http.StatusOK, status)
		require.JSONEq(t, `{"population":{"latency_ms":0,"failure_rate":0},
			"land":{"latency_ms":50,"failure_rate":0.25},
			"insurance":{"latency_ms":0,"failure_rate":0}}`, body)

		status, _ = e.admin(t, http.MethodPut, "/admin/faults/population", `{"latency_ms":0,"failure_rate":1}`, adminToken)
		require.Equal(t, http.StatusOK, status)
		status, body = e.get(t, "/population/v1/citizens/"+pidAn)
		require.Equal(t, http.StatusServiceUnavailable, status)
		requireError(t, body, "unavailable")

		status, _ = e.admin(t, http.MethodDelete, "/admin/faults", "", adminToken)
		require.Equal(t, http.StatusNoContent, status)
		status, body = e.admin(t, http.MethodGet, "/admin/faults", "", adminToken)
		require.Equal(t, http.StatusOK, status)
		var all map[string]map[string]float64
		require.NoError(t, json.Unmarshal([]byte(body), &all))
		require.Len(t, all, 3)
		for db, f := range all {
			require.Zero(t, f["latency_ms"], db)
			require.Zero(t, f["failure_rate"], db)
		}
		status, body = e.get(t, "/population/v1/citizens/"+pidAn)
		require.Equal(t, http.StatusOK, status, body)
	})
	t.Run("ErrUnknownDatabase", func(t *testing.T) {
		status, body := e.admin(t, http.MethodPut, "/admin/faults/registry", `{"latency_ms":0,"failure_rate":1}`, adminToken)
		require.Equal(t, http.StatusNotFound, status)
		requireError(t, body, "not_found")
		require.Error(t, e.sim.SetFault("registry", ndxp.Fault{}))
	})
	t.Run("ErrBadFault", func(t *testing.T) {
		for _, body := range []string{`{"latency_ms":0,"failure_rate":2}`, `{"latency_ms":-5}`, `{"latency":5}`, `not json`,
			`{"answer":"lies"}`, `{"answer":"empty","other_personal_id":"079175001234"}`, `{"answer":"other-person","other_personal_id":"1"}`} {
			status, resp := e.admin(t, http.MethodPut, "/admin/faults/land", body, adminToken)
			require.Equal(t, http.StatusBadRequest, status, body)
			requireError(t, resp, "invalid_request")
		}
	})
}

// TestUntrueAnswers: a database can be made to answer a request with another person's record, an
// empty object or a record cut down to whose it is, with 200, so a client's checks can be tried.
func TestUntrueAnswers(t *testing.T) {
	t.Parallel()
	e := setup(t)
	t.Run("OtherPerson", func(t *testing.T) {
		defer e.sim.ClearFaults()
		status, body := e.admin(t, http.MethodPut, "/admin/faults/population",
			`{"latency_ms":0,"failure_rate":0,"answer":"other-person","other_personal_id":"`+pidBinh+`"}`, adminToken)
		require.Equal(t, http.StatusOK, status, body)
		var c ndxp.Citizen
		e.getJSON(t, "/population/v1/citizens/"+pidAn, &c)
		require.Equal(t, pidBinh, c.PersonalID, "Bình's record, for An's request")
		require.NotEmpty(t, c.FullName)
		require.Equal(t, pidAn, e.sim.Log()[0].PersonalID, "the request is logged as asked")

		// Without a chosen person: the first other demo person holding a record there.
		require.NoError(t, e.sim.SetFault(ndxp.DBLand, ndxp.Fault{Answer: ndxp.AnswerOtherPerson}))
		var p ndxp.Parcels
		e.getJSON(t, "/land/v1/parcels?holder="+pidBinh, &p)
		require.NotEqual(t, pidBinh, p.HolderPersonalID)
		require.NotEmpty(t, p.Parcels)
		require.NoError(t, e.sim.SetFault(ndxp.DBInsurance, ndxp.Fault{Answer: ndxp.AnswerOtherPerson}))
		var ins ndxp.Participant
		e.getJSON(t, "/insurance/v1/participants/"+pidAn, &ins)
		require.NotEqual(t, pidAn, ins.PersonalID)
		require.NotEmpty(t, ins.InsuranceCode)
	})
	t.Run("Empty", func(t *testing.T) {
		defer e.sim.ClearFaults()
		require.NoError(t, e.sim.SetFault(ndxp.DBPopulation, ndxp.Fault{Answer: ndxp.AnswerEmpty}))
		status, body := e.get(t, "/population/v1/citizens/"+pidAn)
		require.Equal(t, http.StatusOK, status)
		require.JSONEq(t, `{}`, body)
	})
	t.Run("Incomplete", func(t *testing.T) {
		defer e.sim.ClearFaults()
		for _, db := range []string{ndxp.DBPopulation, ndxp.DBLand, ndxp.DBInsurance} {
			require.NoError(t, e.sim.SetFault(db, ndxp.Fault{Answer: ndxp.AnswerIncomplete}))
		}
		status, body := e.get(t, "/population/v1/citizens/"+pidAn)
		require.Equal(t, http.StatusOK, status)
		require.JSONEq(t, `{"record_id":"POP-`+pidAn+`","personal_id":"`+pidAn+`"}`, body)
		var p struct {
			Holder  string              `json:"holder_personal_id"`
			Parcels []map[string]string `json:"parcels"`
		}
		e.getJSON(t, "/land/v1/parcels?holder="+pidBinh, &p)
		require.Equal(t, pidBinh, p.Holder)
		require.Len(t, p.Parcels, 2)
		for _, pc := range p.Parcels {
			require.Len(t, pc, 1, "nothing but its record ID")
			require.NotEmpty(t, pc["record_id"])
		}
		_, body = e.get(t, "/insurance/v1/participants/"+pidAn)
		var ins map[string]string
		require.NoError(t, json.Unmarshal([]byte(body), &ins), body)
		require.Equal(t, pidAn, ins["personal_id"])
		require.Len(t, ins, 2)

		status, body = e.get(t, "/population/v1/citizens/"+pidNone)
		require.Equal(t, http.StatusNotFound, status, "nobody's ID is still not found")
		requireError(t, body, "not_found")
	})
	t.Run("Listed", func(t *testing.T) {
		defer e.sim.ClearFaults()
		require.NoError(t, e.sim.SetFault(ndxp.DBLand, ndxp.Fault{Answer: ndxp.AnswerEmpty}))
		status, body := e.admin(t, http.MethodGet, "/admin/faults", "", adminToken)
		require.Equal(t, http.StatusOK, status)
		require.JSONEq(t, `{"population":{"latency_ms":0,"failure_rate":0},
			"land":{"latency_ms":0,"failure_rate":0,"answer":"empty"},
			"insurance":{"latency_ms":0,"failure_rate":0}}`, body)
	})
}
