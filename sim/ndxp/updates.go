package ndxp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"net/http"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"
)

// updates holds what issued results changed: the records they made or changed, which replace
// the demo's and the synthetic ones, and the updates applied, by result code. It lives in
// memory, like the rest of the simulator: a restart forgets it.
type updates struct {
	mu      sync.RWMutex
	people  map[string]*Citizen
	applied map[string]appliedUpdate
}

type appliedUpdate struct {
	body    []byte // the update as applied, re-encoded: a repeat must be the same
	receipt UpdateReceipt
}

func newUpdates() *updates {
	return &updates{people: map[string]*Citizen{}, applied: map[string]appliedUpdate{}}
}

func (u *updates) person(pid string) (*Citizen, bool) {
	u.mu.RLock()
	defer u.mu.RUnlock()
	c, ok := u.people[pid]
	return c, ok
}

// errUpdate is an update the database cannot apply: unknown people, a wrong place, a fact that
// contradicts the record. It is answered 422 with its message.
type errUpdate struct{ msg string }

func (e errUpdate) Error() string { return e.msg }

func refuse(format string, args ...any) error { return errUpdate{fmt.Sprintf(format, args...)} }

const maxUpdateBody = 16 << 10

// postUpdate is POST /exchange/v1/population/updates: an authenticated client sends the facts a
// result it issued changes. The request is logged like the data requests, as an update of the
// person it concerns, with the procedure as purpose and the result code as reference.
func (s *Server) postUpdate(w http.ResponseWriter, r *http.Request) {
	e := LogEntry{Time: s.now().UTC(), Database: DBPopulation, Operation: "update"}
	var status int
	e.ClientID, e.PersonalID, e.Purpose, e.Reference, status = s.serveUpdate(w, r)
	e.Status = status
	s.log.add(e)
}

func (s *Server) serveUpdate(w http.ResponseWriter, r *http.Request) (clientID, pid, purpose, ref string, status int) {
	clientID, ok := s.authenticate(r)
	if !ok {
		w.Header().Set("WWW-Authenticate", `Bearer realm="ndxp"`)
		return "", "", "", "", writeError(w, http.StatusUnauthorized, "unauthorized", "a valid bearer token or client credentials are required")
	}
	var up PopulationUpdate
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxUpdateBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&up); err != nil {
		return clientID, "", "", "", writeError(w, http.StatusBadRequest, "invalid_request", "the body must be one JSON population update")
	}
	purpose, ref, pid = clip(up.ProcedureCode, 32), clip(up.ResultCode, maxReference), clip(up.subject(), 32)
	if err := up.check(); err != nil {
		return clientID, pid, purpose, ref, writeError(w, http.StatusBadRequest, "invalid_request", err.Error())
	}
	if err := s.injectFault(r.Context(), DBPopulation, time.Now()); err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return clientID, pid, purpose, ref, statusClientGone
		}
		return clientID, pid, purpose, ref, writeError(w, http.StatusServiceUnavailable, "unavailable", "the population database is unavailable, try again later")
	}
	rc, created, err := s.applyUpdate(up)
	var refused errUpdate
	switch {
	case errors.As(err, &refused):
		return clientID, pid, purpose, ref, writeError(w, http.StatusUnprocessableEntity, "unprocessable", refused.msg)
	case errors.Is(err, errConflict):
		return clientID, pid, purpose, ref, writeError(w, http.StatusConflict, "conflict", "another update was recorded under this result code")
	case err != nil:
		return clientID, pid, purpose, ref, writeError(w, http.StatusInternalServerError, "internal", "cannot apply the update")
	}
	status = http.StatusOK
	if created {
		status = http.StatusCreated
	}
	writeJSON(w, status, rc)
	return clientID, rc.PersonalID, purpose, ref, status
}

var errConflict = errors.New("ndxp: another update under this result code")

// subject is the person the update names; "" for a birth, whose child has no ID yet.
func (up *PopulationUpdate) subject() string {
	switch {
	case up.Residence != nil:
		return up.Residence.PersonalID
	case up.Marriage != nil:
		return up.Marriage.PersonalID
	}
	return ""
}

// check checks the update's shape; applyUpdate checks it against the records.
func (up *PopulationUpdate) check() error {
	if up.ResultCode == "" || !utf8.ValidString(up.ResultCode) || utf8.RuneCountInString(up.ResultCode) > maxReference {
		return errors.New("result_code must be present, UTF-8 and at most 100 characters")
	}
	if !purposeRE.MatchString(up.ProcedureCode) {
		return errors.New("procedure_code must be a procedure code such as 1.001193")
	}
	if up.Issuer == "" || utf8.RuneCountInString(up.Issuer) > 200 || up.IssuedAt.IsZero() {
		return errors.New("issuer and issued_at are required")
	}
	facts := 0
	for _, present := range []bool{up.Birth != nil, up.Residence != nil, up.Marriage != nil} {
		if present {
			facts++
		}
	}
	want := map[string]bool{UpdateBirth: up.Birth != nil, UpdateResidence: up.Residence != nil, UpdateMarriage: up.Marriage != nil}
	if ok, known := want[up.Kind]; !known || !ok || facts != 1 {
		return errors.New("kind must be birth, permanent_residence or marriage, with that one fact")
	}
	return nil
}

// applyUpdate applies an update once: a repeat of an applied update gets its receipt again
// (created false), another update under the same result code errConflict.
func (s *Server) applyUpdate(up PopulationUpdate) (UpdateReceipt, bool, error) {
	up.IssuedAt = up.IssuedAt.UTC()
	body, err := json.Marshal(up)
	if err != nil {
		return UpdateReceipt{}, false, err
	}
	u := s.updates
	u.mu.Lock()
	defer u.mu.Unlock()
	if done, ok := u.applied[up.ResultCode]; ok {
		if !bytes.Equal(done.body, body) {
			return UpdateReceipt{}, false, errConflict
		}
		return done.receipt, false, nil
	}
	now := s.now().UTC()
	src := func(attr, pid, registry string) FactSource {
		return FactSource{Attribute: attr, PersonalID: pid, Registry: registry, ResultCode: up.ResultCode, Issuer: up.Issuer, RecordedAt: now}
	}
	var (
		changed map[string]*Citizen
		subject string
	)
	switch up.Kind {
	case UpdateBirth:
		changed, subject, err = s.birth(up.Birth, up.ResultCode, now, src)
	case UpdateResidence:
		changed, subject, err = s.residence(up.Residence, now, src)
	case UpdateMarriage:
		changed, subject, err = s.marriage(up.Marriage, now, src)
	}
	if err != nil {
		return UpdateReceipt{}, false, err
	}
	for pid, c := range changed {
		u.people[pid] = c
	}
	rc := UpdateReceipt{ResultCode: up.ResultCode, Kind: up.Kind, PersonalID: subject, AppliedAt: now}
	u.applied[up.ResultCode] = appliedUpdate{body: body, receipt: rc}
	return rc, true, nil
}

// lockedCitizen looks a person up while the caller holds the updates' lock.
func (s *Server) lockedCitizen(pid string) (*Citizen, bool) {
	if c, ok := s.updates.people[pid]; ok {
		return c, true
	}
	return s.baseCitizen(pid)
}

// copyCitizen is a copy of c that may be changed without touching c.
func copyCitizen(c *Citizen, now time.Time) *Citizen {
	out := *c
	out.Household.Members = append([]HouseholdMember{}, c.Household.Members...)
	out.Sources = append([]FactSource{}, c.Sources...)
	out.UpdatedAt = now
	return &out
}

// birth makes the child's record, with a new personal ID, and adds the child to the household
// of the parent it names (the mother's when it names none) in every member's record; the child
// lives at the household's address.
func (s *Server) birth(b *BirthFact, resultCode string, now time.Time, src func(attr, pid, registry string) FactSource) (map[string]*Citizen, string, error) {
	born, err := parseDate(b.BirthDate)
	if err != nil || born.After(now) {
		return nil, "", refuse("birth_date %q: want a date not in the future", b.BirthDate)
	}
	if b.FullName == "" || utf8.RuneCountInString(b.FullName) > 100 || b.Ethnicity == "" || (b.Sex != "male" && b.Sex != "female") {
		return nil, "", refuse("full_name, ethnicity and sex (male or female) are required")
	}
	place, err := s.units.place(b.RegistrationPlace.ProvinceCode, b.RegistrationPlace.CommuneCode, "")
	if err != nil {
		return nil, "", refuse("registration_place: %v", err)
	}
	parents := map[string]*Citizen{}
	for _, pid := range []string{b.MotherPersonalID, b.FatherPersonalID} {
		if pid == "" {
			continue
		}
		c, ok := s.lockedCitizen(pid)
		if !ok {
			return nil, "", refuse("parent %s: no record in the population database", pid)
		}
		parents[pid] = c
	}
	home := b.HouseholdOf
	if home == "" {
		home = b.MotherPersonalID
		if home == "" {
			home = b.FatherPersonalID
		}
	}
	parent, ok := parents[home]
	if !ok {
		return nil, "", refuse("household_of must be one of the parents named, and at least one parent is required")
	}
	pid, err := s.newPersonalID(b, resultCode)
	if err != nil {
		return nil, "", err
	}
	member := HouseholdMember{PersonalID: pid, FullName: b.FullName, BirthDate: b.BirthDate, Sex: b.Sex, Relationship: childOf(parent.Relationship())}
	child := &Citizen{
		RecordID: "POP-" + pid, PersonalID: pid, FullName: b.FullName, BirthDate: b.BirthDate, Sex: b.Sex,
		Ethnicity: b.Ethnicity, Nationality: "Việt Nam", BirthRegistrationPlace: place, MaritalStatus: "single",
		PermanentResidence: parent.PermanentResidence, // a member of the household lives at its address
		UpdatedAt:          now,
		Sources:            []FactSource{src("record", pid, RegistryCivilStatus), src("household.members", pid, RegistryCivilStatus)},
	}
	for ref, dst := range map[string]**PersonRef{b.FatherPersonalID: &child.Father, b.MotherPersonalID: &child.Mother} {
		if p, ok := parents[ref]; ok {
			*dst = &PersonRef{PersonalID: p.PersonalID, FullName: p.FullName}
		}
	}
	changed := map[string]*Citizen{}
	for _, m := range parent.Household.Members {
		mc, ok := s.lockedCitizen(m.PersonalID)
		if !ok {
			continue
		}
		mc = copyCitizen(mc, now)
		mc.Household.Members = append(mc.Household.Members, member)
		mc.Sources = append(mc.Sources, src("household.members", pid, RegistryCivilStatus))
		changed[m.PersonalID] = mc
	}
	child.Household = changed[parent.PersonalID].Household
	changed[pid] = child
	return changed, pid, nil
}

// Relationship is the person's relationship to the head of their household.
func (c *Citizen) Relationship() string {
	for _, m := range c.Household.Members {
		if m.PersonalID == c.PersonalID {
			return m.Relationship
		}
	}
	return ""
}

// childOf is the relationship to the head of a child of someone with relationship rel.
func childOf(rel string) string {
	switch rel {
	case "chủ hộ", "vợ", "chồng":
		return "con"
	case "con", "con dâu", "con rể":
		return "cháu"
	}
	return "khác"
}

// newPersonalID assigns a birth its personal ID: the province of registration, century and sex,
// year, and six digits derived from the result code, moved on past any ID already taken.
func (s *Server) newPersonalID(b *BirthFact, resultCode string) (string, error) {
	born, _ := parseDate(b.BirthDate)
	prov, err := strconv.Atoi(b.RegistrationPlace.ProvinceCode)
	if err != nil {
		return "", refuse("registration_place: province code %q", b.RegistrationPlace.ProvinceCode)
	}
	h := fnv.New64a()
	_, _ = h.Write([]byte(resultCode))
	prefix := personalIDPrefix(prov, born.Year(), b.Sex == "female") * 1_000_000
	seq := h.Sum64() % 1_000_000
	for range 1_000_000 {
		pid := fmt.Sprintf("%012d", prefix+seq)
		if _, taken := s.lockedCitizen(pid); !taken {
			return pid, nil
		}
		seq = (seq + 1) % 1_000_000
	}
	return "", refuse("no personal ID left for this province, year and sex")
}

// residence records a person's new permanent residence.
func (s *Server) residence(f *ResidenceFact, now time.Time, src func(attr, pid, registry string) FactSource) (map[string]*Citizen, string, error) {
	c, ok := s.lockedCitizen(f.PersonalID)
	if !ok {
		return nil, "", refuse("person %s: no record in the population database", f.PersonalID)
	}
	if f.Residence.AddressLine == "" || utf8.RuneCountInString(f.Residence.AddressLine) > 200 {
		return nil, "", refuse("residence: an address line of at most 200 characters is required")
	}
	place, err := s.units.place(f.Residence.ProvinceCode, f.Residence.CommuneCode, f.Residence.AddressLine)
	if err != nil {
		return nil, "", refuse("residence: %v", err)
	}
	c = copyCitizen(c, now)
	c.PermanentResidence = place
	c.Sources = append(c.Sources, src("permanent_residence", "", RegistryResidence))
	return map[string]*Citizen{c.PersonalID: c}, c.PersonalID, nil
}

// marriage records two unmarried people as married to each other.
func (s *Server) marriage(f *MarriageFact, now time.Time, src func(attr, pid, registry string) FactSource) (map[string]*Citizen, string, error) {
	if f.PersonalID == f.PartnerPersonalID {
		return nil, "", refuse("a person cannot marry themselves")
	}
	changed := map[string]*Citizen{}
	pair := [2]*Citizen{}
	for i, pid := range []string{f.PersonalID, f.PartnerPersonalID} {
		c, ok := s.lockedCitizen(pid)
		if !ok {
			return nil, "", refuse("person %s: no record in the population database", pid)
		}
		if c.MaritalStatus == "married" {
			return nil, "", refuse("person %s is married", pid)
		}
		pair[i] = c
	}
	for i, c := range pair {
		other := pair[1-i]
		c = copyCitizen(c, now)
		c.MaritalStatus = "married"
		c.Spouse = &PersonRef{PersonalID: other.PersonalID, FullName: other.FullName}
		c.Sources = append(c.Sources, src("marital_status", "", RegistryCivilStatus))
		changed[c.PersonalID] = c
	}
	return changed, f.PersonalID, nil
}
