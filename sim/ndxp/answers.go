package ndxp

import (
	"maps"
	"slices"
)

// untrueAnswer is what a database answers under a fault's Answer instead of the record of
// pid: another person's record, {}, or the record of pid cut down to its identity.
func (s *Server) untrueAnswer(db, pid string, f Fault, fetch fetcher) (any, bool) {
	switch f.Answer {
	case AnswerEmpty:
		return struct{}{}, true
	case AnswerIncomplete:
		v, found := fetch(pid)
		if !found {
			return nil, false
		}
		return identityOnly(v), true
	}
	other := f.Other
	if other == "" {
		other = s.otherDemoPerson(db, pid)
	}
	return fetch(other)
}

// otherDemoPerson is the first demo person, by personal ID, other than pid who has a record
// in db (for land: who holds a parcel).
func (s *Server) otherDemoPerson(db, pid string) string {
	for _, id := range slices.Sorted(maps.Keys(s.demo.citizens)) {
		if id == pid {
			continue
		}
		switch db {
		case DBLand:
			if len(s.demo.parcelsOf(id)) == 0 {
				continue
			}
		case DBInsurance:
			if _, ok := s.demo.participants[id]; !ok {
				continue
			}
		}
		return id
	}
	return ""
}

// identityOnly keeps of a record whose it is and its record IDs: every other field a client
// needs is missing.
func identityOnly(v any) any {
	switch r := v.(type) {
	case *Citizen:
		return map[string]string{"record_id": r.RecordID, "personal_id": r.PersonalID}
	case *Participant:
		return map[string]string{"record_id": r.RecordID, "personal_id": r.PersonalID}
	case Parcels:
		parcels := []map[string]string{{"record_id": "LAND-" + r.HolderPersonalID}}
		if len(r.Parcels) > 0 {
			parcels = parcels[:0]
			for _, p := range r.Parcels {
				parcels = append(parcels, map[string]string{"record_id": p.RecordID})
			}
		}
		return map[string]any{"holder_personal_id": r.HolderPersonalID, "parcels": parcels}
	}
	return struct{}{}
}
