package payment

import (
	"crypto/subtle"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// requireAdmin lets through requests bearing the admin token.
func (s *Server) requireAdmin(next http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(token), []byte(s.adminToken)) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="payment-sim-admin"`)
			writeJSONStatus(w, http.StatusUnauthorized, map[string]string{"error": "the admin token is required"})
			return
		}
		next(w, r)
	})
}

func (s *Server) showFaults(w http.ResponseWriter, _ *http.Request) {
	writeJSONStatus(w, http.StatusOK, s.CurrentFaults())
}

// putFaults replaces the fault switches, from JSON ({"lose_ipn":true,"duplicate_ipn":3,...})
// or from a form with the same names (lose_ipn=1&duplicate_ipn=3).
func (s *Server) putFaults(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<10)
	var f Faults
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		dec := json.NewDecoder(r.Body)
		dec.DisallowUnknownFields()
		if err := dec.Decode(&f); err != nil {
			writeJSONStatus(w, http.StatusBadRequest, map[string]string{"error": "want a JSON object with lose_ipn, duplicate_ipn, delay_ipn, wrong_amount, bad_signature"})
			return
		}
	} else {
		if err := r.ParseForm(); err != nil {
			writeJSONStatus(w, http.StatusBadRequest, map[string]string{"error": "cannot read the form"})
			return
		}
		on := func(k string) bool { v := r.PostForm.Get(k); return v == "1" || v == "true" || v == "on" }
		f = Faults{LoseIPN: on("lose_ipn"), DelayIPN: on("delay_ipn"), WrongAmount: on("wrong_amount"), BadSignature: on("bad_signature")}
		if v := r.PostForm.Get("duplicate_ipn"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				writeJSONStatus(w, http.StatusBadRequest, map[string]string{"error": "duplicate_ipn: want a number"})
				return
			}
			f.DuplicateIPN = n
		}
	}
	if err := f.validate(); err != nil {
		writeJSONStatus(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	s.SetFaults(f)
	s.log.Info("payment-sim: faults set", "faults", f.String())
	writeJSONStatus(w, http.StatusOK, f)
}

// flush sends the IPNs held by the DelayIPN fault.
func (s *Server) flush(w http.ResponseWriter, r *http.Request) {
	n := s.FlushDelayed(r.Context())
	writeJSONStatus(w, http.StatusOK, map[string]int{"sent": n})
}

// listTransactions shows a merchant's transactions (?tmn=), for a developer's eyes.
func (s *Server) listTransactions(w http.ResponseWriter, r *http.Request) {
	tmn, ok := s.reportMerchant(r.URL.Query().Get("tmn"))
	if !ok {
		writeJSONStatus(w, http.StatusBadRequest, map[string]string{"error": "tmn: want a known merchant code"})
		return
	}
	writeJSONStatus(w, http.StatusOK, s.Transactions(tmn))
}

// reportMerchant is the merchant a report is about: the one named, or the only one.
func (s *Server) reportMerchant(tmn string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if tmn == "" && len(s.merchants) == 1 {
		for code := range s.merchants {
			return code, true
		}
	}
	_, ok := s.merchants[tmn]
	return tmn, ok
}

func writeJSONStatus(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "cannot encode the answer", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(append(body, '\n'))
}
