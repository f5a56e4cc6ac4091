package cases

import (
	"crypto/sha256"
	"encoding/binary"
	"strconv"
	"time"
)

// EventHash is SHA-256 over the previous hash and every field of event e of case caseID, each
// length-prefixed, exactly as case_event_hash computes it in the database
// (migrations/00008_casework.sql): what VerifyEvents and the timeline's archives check.
func EventHash(prev []byte, caseID int64, e Event) []byte {
	h := sha256.New()
	field := func(s string) {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	h.Write(prev)
	field(strconv.FormatInt(caseID, 10))
	field(strconv.Itoa(e.Seq))
	field(e.At.UTC().Format("2006-01-02T15:04:05.000000"))
	field(e.ActorKind)
	field(e.ActorID)
	field(e.ActorName)
	field(e.Role)
	field(e.Action)
	if e.FromStatus != 0 {
		field(strconv.Itoa(int(e.FromStatus)))
	} else {
		field("")
	}
	field(strconv.Itoa(int(e.ToStatus)))
	field(e.Note)
	field(e.Reason)
	if e.Amount != nil {
		field(strconv.FormatInt(*e.Amount, 10))
	} else {
		field("")
	}
	if e.DueOn != nil {
		field(e.DueOn.Format(time.DateOnly))
	} else {
		field("")
	}
	return h.Sum(nil)
}
