package payment

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/motlan/portal/services/vnpay"
)

// MaxIPNRetries is how many more times the gateway calls an IPN that got no 00 or 02 answer.
const MaxIPNRetries = 3

// wrongAmountBy is how much the WrongAmount fault adds to an IPN's amount, in đồng.
const wrongAmountBy = 1_000

// heldIPN is an IPN held by the DelayIPN fault.
type heldIPN struct {
	key txnKey
	at  time.Time
}

// deliver sends a settled transaction's IPN under the faults in force. The first delivery
// (first) may be lost or held; a held one flushed and a retry are sent, altered or copied as
// the faults say.
func (s *Server) deliver(ctx context.Context, key txnKey, retry int, first bool) {
	s.mu.Lock()
	t := s.txns[key]
	m := s.merchants[key.tmn]
	f := s.faults
	if first {
		switch {
		case f.LoseIPN:
			t.ipnLost++
			s.mu.Unlock()
			s.log.Info("payment-sim: IPN lost (fault)", "tmn", key.tmn, "txn_ref", key.ref)
			return
		case f.DelayIPN:
			t.ipnHeld = true
			s.held = append(s.held, heldIPN{key: key, at: s.now()})
			s.mu.Unlock()
			s.log.Info("payment-sim: IPN held (fault)", "tmn", key.tmn, "txn_ref", key.ref)
			return
		}
	}
	q := t.resultParams()
	amount := t.amount
	if f.WrongAmount {
		amount += wrongAmountBy
		q.Set(vnpay.ParamAmount, vnpay.FormatAmount(amount))
	}
	secret := m.Secret
	if f.BadSignature {
		secret = "not-" + secret
	}
	q = signed(secret, q)
	target := withQuery(m.IPNURL, q.Encode())
	copies := 1 + f.DuplicateIPN
	s.mu.Unlock()

	attempts := make([]IPNAttempt, copies)
	var wg sync.WaitGroup
	for i := range attempts {
		wg.Go(func() {
			a := s.callIPN(ctx, target)
			a.Retry, a.AmountVND, a.BadHash = retry, amount, f.BadSignature
			attempts[i] = a
		})
	}
	wg.Wait()

	s.mu.Lock()
	defer s.mu.Unlock()
	t.ipns = append(t.ipns, attempts...)
	answered := false
	for _, a := range attempts {
		answered = answered || a.RspCode == vnpay.IPNConfirmed || a.RspCode == vnpay.IPNAlreadyConfirmed
	}
	t.retryDue = !answered && t.ipnRetries < MaxIPNRetries
	for _, a := range attempts {
		s.log.Info("payment-sim: IPN sent", "tmn", key.tmn, "txn_ref", key.ref, "retry", retry,
			"rsp_code", a.RspCode, "error", a.Err, "retry_due", t.retryDue)
	}
}

// callIPN calls the merchant's IPN URL once and reads its answer.
func (s *Server) callIPN(ctx context.Context, target string) IPNAttempt {
	a := IPNAttempt{At: s.now()}
	if target == "" || target[0] == '?' {
		a.Err = "the merchant has no IPN URL"
		return a
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		a.Err = err.Error()
		return a
	}
	resp, err := s.client.Do(req)
	if err != nil {
		a.Err = err.Error()
		return a
	}
	defer func() { _ = resp.Body.Close() }()
	var ans vnpay.IPNAnswer
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	switch {
	case err != nil:
		a.Err = err.Error()
	case resp.StatusCode != http.StatusOK:
		a.Err = fmt.Sprintf("HTTP %d", resp.StatusCode)
	case json.Unmarshal(body, &ans) != nil || ans.RspCode == "":
		a.Err = "the answer is not {\"RspCode\":..., \"Message\":...}"
	default:
		a.RspCode = ans.RspCode
	}
	return a
}

// FlushDelayed sends every IPN held by the DelayIPN fault now, and returns how many.
func (s *Server) FlushDelayed(ctx context.Context) int {
	return s.flushHeld(ctx, func(heldIPN) bool { return true })
}

// FlushDelayedOlderThan sends the IPNs held for at least d, and returns how many: the command
// calls it on a ticker to delay IPNs by a duration.
func (s *Server) FlushDelayedOlderThan(ctx context.Context, d time.Duration) int {
	cutoff := s.now().Add(-d)
	return s.flushHeld(ctx, func(h heldIPN) bool { return !h.at.After(cutoff) })
}

func (s *Server) flushHeld(ctx context.Context, due func(heldIPN) bool) int {
	s.mu.Lock()
	var send []txnKey
	keep := s.held[:0:0]
	for _, h := range s.held {
		if due(h) {
			send = append(send, h.key)
			s.txns[h.key].ipnHeld = false
		} else {
			keep = append(keep, h)
		}
	}
	s.held = keep
	s.mu.Unlock()
	for _, k := range send {
		s.deliver(ctx, k, 0, false)
	}
	return len(send)
}

// RetryIPNs calls again each IPN whose last delivery got no 00 or 02 answer, up to
// MaxIPNRetries times, and returns how many it called. The gateway retries on its own
// schedule: the command calls this on a ticker, tests call it when they want.
func (s *Server) RetryIPNs(ctx context.Context) int {
	type due struct {
		key   txnKey
		retry int
	}
	s.mu.Lock()
	var send []due
	for k, t := range s.txns {
		if t.retryDue {
			t.retryDue = false
			t.ipnRetries++
			send = append(send, due{k, t.ipnRetries})
		}
	}
	s.mu.Unlock()
	for _, d := range send {
		s.deliver(ctx, d.key, d.retry, false)
	}
	return len(send)
}
