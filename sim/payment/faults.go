package payment

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Faults are the IPN fault switches. They apply to IPNs sent after they are set; the browser
// return always carries the true, correctly signed result.
type Faults struct {
	// LoseIPN: the first IPN of a transaction is never sent (nor retried); only a transaction
	// query (reconciliation) can find the payment.
	LoseIPN bool `json:"lose_ipn"`
	// DuplicateIPN sends this many extra copies of each IPN, concurrently.
	DuplicateIPN int `json:"duplicate_ipn"`
	// DelayIPN holds IPNs until FlushDelayed (or FlushDelayedOlderThan) sends them.
	DelayIPN bool `json:"delay_ipn"`
	// WrongAmount: the IPN reports 1.000 đồng more than the order's amount, signed correctly.
	WrongAmount bool `json:"wrong_amount"`
	// BadSignature: the IPN's vnp_SecureHash is not the merchant's signature.
	BadSignature bool `json:"bad_signature"`
}

// MaxDuplicateIPN bounds Faults.DuplicateIPN.
const MaxDuplicateIPN = 50

func (f Faults) validate() error {
	if f.DuplicateIPN < 0 || f.DuplicateIPN > MaxDuplicateIPN {
		return fmt.Errorf("payment sim: duplicate IPNs %d: want 0..%d", f.DuplicateIPN, MaxDuplicateIPN)
	}
	return nil
}

// SetFaults replaces the fault switches; the zero Faults clears them. A DuplicateIPN out of
// 0..MaxDuplicateIPN is clamped.
func (s *Server) SetFaults(f Faults) {
	f.DuplicateIPN = max(0, min(f.DuplicateIPN, MaxDuplicateIPN))
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = f
}

// CurrentFaults returns the fault switches in force.
func (s *Server) CurrentFaults() Faults {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.faults
}

// ParseFaults reads a comma-separated fault list such as "lose-ipn", "duplicate-ipn:3",
// "delay-ipn" or "delay-ipn:30s", "wrong-amount", "bad-signature". It returns the delay of
// "delay-ipn:<duration>" (0 = hold until flushed).
func ParseFaults(spec string) (Faults, time.Duration, error) {
	var f Faults
	var delay time.Duration
	for part := range strings.SplitSeq(spec, ",") {
		name, arg, hasArg := strings.Cut(strings.TrimSpace(part), ":")
		var err error
		switch {
		case name == "":
			continue
		case name == "lose-ipn" && !hasArg:
			f.LoseIPN = true
		case name == "duplicate-ipn":
			f.DuplicateIPN = 1
			if hasArg {
				f.DuplicateIPN, err = strconv.Atoi(arg)
			}
		case name == "delay-ipn":
			f.DelayIPN = true
			if hasArg {
				delay, err = time.ParseDuration(arg)
				if err == nil && delay <= 0 {
					err = fmt.Errorf("want a positive duration")
				}
			}
		case name == "wrong-amount" && !hasArg:
			f.WrongAmount = true
		case name == "bad-signature" && !hasArg:
			f.BadSignature = true
		default:
			err = fmt.Errorf("want lose-ipn, duplicate-ipn[:<n>], delay-ipn[:<duration>], wrong-amount or bad-signature")
		}
		if err != nil {
			return Faults{}, 0, fmt.Errorf("faults %q: %w", part, err)
		}
	}
	if err := f.validate(); err != nil {
		return Faults{}, 0, err
	}
	return f, delay, nil
}

// String writes the faults as ParseFaults reads them (without a delay).
func (f Faults) String() string {
	var parts []string
	if f.LoseIPN {
		parts = append(parts, "lose-ipn")
	}
	if f.DuplicateIPN > 0 {
		parts = append(parts, "duplicate-ipn:"+strconv.Itoa(f.DuplicateIPN))
	}
	if f.DelayIPN {
		parts = append(parts, "delay-ipn")
	}
	if f.WrongAmount {
		parts = append(parts, "wrong-amount")
	}
	if f.BadSignature {
		parts = append(parts, "bad-signature")
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ",")
}
