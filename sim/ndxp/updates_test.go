package ndxp_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/sim/ndxp"
)

const updatesPath = "/exchange/v1/population/updates"

// birthOfAnsDaughter is the update of the birth An registers in the demo journey.
func birthOfAnsDaughter(code string) string {
	return `{"result_code":"` + code + `","procedure_code":"1.001193","issuer":"Ủy ban nhân dân phường Hoàn Kiếm",
	"issued_at":"2026-11-27T08:00:00Z","kind":"birth","birth":{"full_name":"Nguyễn Thị Minh Anh","birth_date":"2026-11-20",
	"sex":"female","ethnicity":"Kinh","registration_place":{"province_code":"01","commune_code":"00070"},
	"father_personal_id":"` + pidAn + `","mother_personal_id":"` + pidWife + `","household_of":"` + pidAn + `"}}`
}

// postUpdate sends an update with the test client's token (edit may change the request).
func (e *env) postUpdate(t *testing.T, body string, edit ...func(*http.Request)) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, e.url+updatesPath, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+e.token)
	req.Header.Set("Content-Type", "application/json")
	for _, f := range edit {
		f(req)
	}
	return do(t, req)
}

// updateLogged returns the newest update logged under a result code.
func (e *env) updateLogged(t *testing.T, code string) ndxp.LogEntry {
	t.Helper()
	for _, le := range e.sim.Log() {
		if le.Operation == "update" && le.Reference == code {
			return le
		}
	}
	require.Failf(t, "no update logged", "result code %s", code)
	return ndxp.LogEntry{}
}

func receiptOf(t *testing.T, body string) ndxp.UpdateReceipt {
	t.Helper()
	var rc ndxp.UpdateReceipt
	require.NoError(t, json.Unmarshal([]byte(body), &rc), body)
	return rc
}

func TestUpdateBirth(t *testing.T) {
	t.Parallel()
	e := setup(t)
	var before ndxp.Citizen
	e.getJSON(t, "/population/v1/citizens/"+pidAn, &before)

	status, body := e.postUpdate(t, birthOfAnsDaughter("UBND-00070-261127-0001-KQ1"))
	require.Equal(t, http.StatusCreated, status, body)
	rc := receiptOf(t, body)
	require.Equal(t, ndxp.UpdateBirth, rc.Kind)
	require.Regexp(t, `^001326[0-9]{6}$`, rc.PersonalID, "Hà Nội, a girl born in 2026")

	var child ndxp.Citizen
	e.getJSON(t, "/population/v1/citizens/"+rc.PersonalID, &child)
	require.Equal(t, "Nguyễn Thị Minh Anh", child.FullName)
	require.Equal(t, pidAn, child.Father.PersonalID)
	require.Equal(t, pidWife, child.Mother.PersonalID)
	require.Equal(t, before.Household.HouseholdID, child.Household.HouseholdID)
	require.Equal(t, "00070", child.BirthRegistrationPlace.CommuneCode)
	require.Equal(t, before.PermanentResidence, child.PermanentResidence)
	require.Equal(t, "record", child.Sources[0].Attribute)
	require.Equal(t, ndxp.RegistryCivilStatus, child.Sources[0].Registry)
	require.Equal(t, "UBND-00070-261127-0001-KQ1", child.Sources[0].ResultCode)

	for _, pid := range []string{pidAn, pidWife} {
		var c ndxp.Citizen
		e.getJSON(t, "/population/v1/citizens/"+pid, &c)
		require.Len(t, c.Household.Members, len(before.Household.Members)+1, pid)
		last := c.Household.Members[len(c.Household.Members)-1]
		require.Equal(t, ndxp.HouseholdMember{PersonalID: rc.PersonalID, FullName: "Nguyễn Thị Minh Anh", BirthDate: "2026-11-20",
			Sex: "female", Relationship: "con"}, last)
		require.Equal(t, []ndxp.FactSource{{Attribute: "household.members", PersonalID: rc.PersonalID, Registry: ndxp.RegistryCivilStatus,
			ResultCode: "UBND-00070-261127-0001-KQ1", Issuer: "Ủy ban nhân dân phường Hoàn Kiếm", RecordedAt: e.clock.Now()}}, c.Sources)
	}

	got := e.updateLogged(t, "UBND-00070-261127-0001-KQ1")
	require.Equal(t, clientID, got.ClientID)
	require.Equal(t, rc.PersonalID, got.PersonalID)
	require.Equal(t, "UBND-00070-261127-0001-KQ1", got.Reference)
	require.Equal(t, "1.001193", got.Purpose)
	require.Equal(t, http.StatusCreated, got.Status)
}

func TestUpdateIdempotent(t *testing.T) {
	t.Parallel()
	e := setup(t)
	status, body := e.postUpdate(t, birthOfAnsDaughter("KQ-A"))
	require.Equal(t, http.StatusCreated, status, body)
	first := receiptOf(t, body)

	t.Run("RepeatAnsweredAsFirst", func(t *testing.T) {
		status, body := e.postUpdate(t, birthOfAnsDaughter("KQ-A"))
		require.Equal(t, http.StatusOK, status, body)
		require.Equal(t, first, receiptOf(t, body))
		var an ndxp.Citizen
		e.getJSON(t, "/population/v1/citizens/"+pidAn, &an)
		n := 0
		for _, m := range an.Household.Members {
			if m.FullName == "Nguyễn Thị Minh Anh" {
				n++
			}
		}
		require.Equal(t, 1, n, "the child is in the household once")
	})
	t.Run("ErrOtherUpdateSameCode", func(t *testing.T) {
		status, body := e.postUpdate(t, strings.Replace(birthOfAnsDaughter("KQ-A"), "Minh Anh", "Minh Châu", 1))
		require.Equal(t, http.StatusConflict, status, body)
		requireError(t, body, "conflict")
	})
	t.Run("TwinGetsAnotherID", func(t *testing.T) {
		status, body := e.postUpdate(t, strings.Replace(birthOfAnsDaughter("KQ-B"), "Minh Anh", "Minh Châu", 1))
		require.Equal(t, http.StatusCreated, status, body)
		require.NotEqual(t, first.PersonalID, receiptOf(t, body).PersonalID)
	})
}

func TestUpdateAuth(t *testing.T) {
	t.Parallel()
	e := setup(t)
	for name, edit := range map[string]func(*http.Request){
		"NoCredentials": withHeader("Authorization", ""),
		"UnknownToken":  withHeader("Authorization", "Bearer not-a-token"),
		"WrongSecret":   func(r *http.Request) { r.Header.Del("Authorization"); r.SetBasicAuth(clientID, "wrong") },
	} {
		t.Run(name, func(t *testing.T) {
			status, body := e.postUpdate(t, birthOfAnsDaughter("KQ-AUTH-"+name), edit)
			require.Equal(t, http.StatusUnauthorized, status, body)
			requireError(t, body, "unauthorized")
		})
	}
	var an ndxp.Citizen
	e.getJSON(t, "/population/v1/citizens/"+pidAn, &an)
	require.Empty(t, an.Sources, "nothing was applied")
	refused := 0
	for _, le := range e.sim.Log() {
		if le.Operation == "update" {
			require.Equal(t, http.StatusUnauthorized, le.Status)
			require.Empty(t, le.ClientID, "a refused update is logged without a client")
			refused++
		}
	}
	require.Equal(t, 3, refused, "each refused update is logged")

	t.Run("BasicCredentials", func(t *testing.T) {
		status, body := e.postUpdate(t, birthOfAnsDaughter("KQ-BASIC"), func(r *http.Request) {
			r.Header.Del("Authorization")
			r.SetBasicAuth(clientID, clientSecret)
		})
		require.Equal(t, http.StatusCreated, status, body)
	})
}

func TestUpdateBadInput(t *testing.T) {
	t.Parallel()
	e := setup(t)
	good := birthOfAnsDaughter("KQ-BAD")
	for _, tc := range []struct {
		name, body, code string
		status           int
	}{
		{"NotJSON", "result_code=1", "invalid_request", http.StatusBadRequest},
		{"UnknownField", strings.Replace(good, `"kind"`, `"colour":"red","kind"`, 1), "invalid_request", http.StatusBadRequest},
		{"NoResultCode", strings.Replace(good, `"KQ-BAD"`, `""`, 1), "invalid_request", http.StatusBadRequest},
		{"BadProcedure", strings.Replace(good, `"1.001193"`, `"birth"`, 1), "invalid_request", http.StatusBadRequest},
		{"KindWithoutFact", strings.Replace(good, `"kind":"birth"`, `"kind":"marriage"`, 1), "invalid_request", http.StatusBadRequest},
		{"UnknownParent", strings.ReplaceAll(good, pidAn, pidNone), "unprocessable", http.StatusUnprocessableEntity},
		{"FutureBirth", strings.Replace(good, "2026-11-20", "2027-01-01", 1), "unprocessable", http.StatusUnprocessableEntity},
		{"UnknownCommune", strings.Replace(good, `"00070"`, `"99999"`, 1), "unprocessable", http.StatusUnprocessableEntity},
		{"HouseholdOfStranger", strings.Replace(good, `"household_of":"`+pidAn, `"household_of":"`+pidBinh, 1), "unprocessable", http.StatusUnprocessableEntity},
		{"MarryMarried", `{"result_code":"KQ-M","procedure_code":"1.000894","issuer":"UBND","issued_at":"2026-11-27T08:00:00Z",
			"kind":"marriage","marriage":{"personal_id":"` + pidAn + `","partner_personal_id":"` + pidCuong + `"}}`, "unprocessable", http.StatusUnprocessableEntity},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := e.postUpdate(t, tc.body)
			require.Equal(t, tc.status, status, body)
			requireError(t, body, tc.code)
		})
	}
	var an ndxp.Citizen
	e.getJSON(t, "/population/v1/citizens/"+pidAn, &an)
	require.Empty(t, an.Sources, "nothing was applied")
}

func TestUpdateResidenceAndMarriage(t *testing.T) {
	t.Parallel()
	e := setup(t)
	status, body := e.postUpdate(t, `{"result_code":"CA-00070-KQ1","procedure_code":"1.004222","issuer":"Công an phường Hoàn Kiếm",
		"issued_at":"2026-11-27T08:00:00Z","kind":"permanent_residence",
		"residence":{"personal_id":"`+pidCuong+`","residence":{"province_code":"01","commune_code":"00070","address_line":"Số 3 phố Hàng Đào"}}}`)
	require.Equal(t, http.StatusCreated, status, body)
	var c ndxp.Citizen
	e.getJSON(t, "/population/v1/citizens/"+pidCuong, &c)
	require.Equal(t, "Số 3 phố Hàng Đào", c.PermanentResidence.AddressLine)
	require.Equal(t, "00070", c.PermanentResidence.CommuneCode)
	require.Equal(t, "permanent_residence", c.Sources[0].Attribute)
	require.Equal(t, ndxp.RegistryResidence, c.Sources[0].Registry)

	status, body = e.postUpdate(t, `{"result_code":"UBND-KH-KQ1","procedure_code":"1.000894","issuer":"UBND","issued_at":"2026-11-27T08:00:00Z",
		"kind":"marriage","marriage":{"personal_id":"`+pidCuong+`","partner_personal_id":"`+pidDung+`"}}`)
	require.Equal(t, http.StatusCreated, status, body)
	for pid, spouse := range map[string]string{pidCuong: pidDung, pidDung: pidCuong} {
		var p ndxp.Citizen
		e.getJSON(t, "/population/v1/citizens/"+pid, &p)
		require.Equal(t, "married", p.MaritalStatus)
		require.Equal(t, spouse, p.Spouse.PersonalID)
	}
}

func TestUpdateUnavailable(t *testing.T) {
	t.Parallel()
	e := setup(t)
	require.NoError(t, e.sim.SetFault(ndxp.DBPopulation, ndxp.Fault{FailureRate: 1}))
	status, body := e.postUpdate(t, birthOfAnsDaughter("KQ-DOWN"))
	require.Equal(t, http.StatusServiceUnavailable, status, body)
	e.sim.ClearFaults()
	status, body = e.postUpdate(t, birthOfAnsDaughter("KQ-DOWN"))
	require.Equal(t, http.StatusCreated, status, body, "the retry is the first applied")
}
