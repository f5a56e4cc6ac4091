package staff_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/handlers/staff"
	"github.com/motlan/portal/services/casefile"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/fault"
	staffdir "github.com/motlan/portal/services/staff"
	"github.com/motlan/portal/views/viewctx"
)

// fakeLinked is the linked parts' services as the handlers see them; it records whom it was
// asked for.
type fakeLinked struct {
	cases map[string]cases.Case // by agency: the case it holds a part of
	err   error                 // what the step returns
	asked []string              // agencies asked for a case
	steps []casework.Actor      // who took a step
	input []casework.PartInput
	seqs  []int
}

func (f *fakeLinked) PartsOfAgency(_ context.Context, agency string) ([]cases.PartItem, error) {
	f.asked = append(f.asked, agency)
	return nil, nil
}

func (f *fakeLinked) ForPartAgency(_ context.Context, agency, code string) (cases.Case, error) {
	f.asked = append(f.asked, agency)
	if k, ok := f.cases[agency]; ok && k.Code == code {
		return k, nil
	}
	return cases.Case{}, cases.ErrNotFound
}

func (f *fakeLinked) ForPartOfficer(_ context.Context, a casework.Actor, code string) (casefile.PartFile, error) {
	k, err := f.ForPartAgency(context.Background(), a.AgencyCode, code)
	return casefile.PartFile{Case: k}, err
}

func (f *fakeLinked) step(a casework.Actor, seq int, in casework.PartInput) (casework.Case, error) {
	f.steps, f.seqs, f.input = append(f.steps, a), append(f.seqs, seq), append(f.input, in)
	return casework.Case{}, f.err
}

func (f *fakeLinked) CompletePart(_ context.Context, a casework.Actor, _ int64, seq int, in casework.PartInput) (casework.Case, error) {
	return f.step(a, seq, in)
}

func (f *fakeLinked) ReturnPart(_ context.Context, a casework.Actor, _ int64, seq int, in casework.PartInput) (casework.Case, error) {
	return f.step(a, seq, in)
}

func (f *fakeLinked) ResendPart(_ context.Context, a casework.Actor, _ int64, seq int, in casework.PartInput) (casework.Case, error) {
	return f.step(a, seq, in)
}

// postPart posts a part step as an officer of the police of Hoàn Kiếm.
func postPart(t *testing.T, h *staff.Handler, path string, form url.Values, do func(*staff.Handler, echo.Context) error) (*httptest.ResponseRecorder, error) {
	t.Helper()
	e := echo.New()
	e.Renderer = templRenderer{}
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set(echo.HeaderContentType, echo.MIMEApplicationForm)
	req = req.WithContext(viewctx.With(req.Context(), viewctx.Page{Lang: "vi"}))
	rec := httptest.NewRecorder()
	c := e.NewContext(req, rec)
	parts := strings.Split(strings.TrimPrefix(path, "/staff/parts/"), "/")
	c.SetParamNames("code", "seq")
	c.SetParamValues(parts[0], parts[1])
	staff.SetMember(c, staffdir.Member{Login: "canbo.congan.hoankiem", FullName: "Vũ Đức Thắng", AgencyCode: "CA-00070",
		Roles: []string{staffdir.RoleOfficer}})
	return rec, do(h, c)
}

// TestPartStepsActForTheOfficersAgency: a part step finds the case through the officer's own
// agency's parts and acts as that officer; a case with no part of that agency is not found and
// nothing is done; a refused step comes back on the part page.
func TestPartStepsActForTheOfficersAgency(t *testing.T) {
	t.Parallel()
	const code = "UBND-00070-261127-0001"
	newHandler := func(f *fakeLinked) *staff.Handler {
		return &staff.Handler{Linked: staff.Linked{Cases: f, Files: f, Outcome: f, Work: f}}
	}
	held := map[string]cases.Case{"CA-00070": {ID: 7, Code: code, Status: status.Processing}}

	t.Run("OK", func(t *testing.T) {
		f := &fakeLinked{cases: held}
		rec, err := postPart(t, newHandler(f), "/staff/parts/"+code+"/2/done", url.Values{"reference": {" CT-1 "}}, (*staff.Handler).CompletePart)
		require.NoError(t, err)
		require.Equal(t, http.StatusSeeOther, rec.Code)
		require.Equal(t, "/staff/parts/"+code, rec.Header().Get("Location"))
		require.Equal(t, []string{"CA-00070"}, f.asked)
		require.Equal(t, "CA-00070", f.steps[0].AgencyCode)
		require.Equal(t, "canbo.congan.hoankiem", f.steps[0].ID)
		require.Equal(t, 2, f.seqs[0])
		require.Equal(t, "CT-1", f.input[0].Reference)
	})
	t.Run("ErrNotOwnAgency", func(t *testing.T) {
		f := &fakeLinked{cases: map[string]cases.Case{"BHXH-01": {ID: 7, Code: code}}}
		_, err := postPart(t, newHandler(f), "/staff/parts/"+code+"/3/done", url.Values{"reference": {"TE1"}}, (*staff.Handler).CompletePart)
		require.ErrorIs(t, err, cases.ErrNotFound)
		require.Empty(t, f.steps, "nothing was done")
	})
	t.Run("ErrRefusedShowsOnThePage", func(t *testing.T) {
		f := &fakeLinked{cases: held, err: fault.New(fault.ECONFLICT, casework.MsgPartStatus, "test")}
		rec, err := postPart(t, newHandler(f), "/staff/parts/"+code+"/2/return", url.Values{"note": {"Sai số nhà"}}, (*staff.Handler).ReturnPart)
		require.NoError(t, err)
		require.Equal(t, http.StatusConflict, rec.Code)
		require.Contains(t, rec.Body.String(), `data-testid="action-error"`)
		require.Equal(t, "Sai số nhà", f.input[0].Note)
	})
}
