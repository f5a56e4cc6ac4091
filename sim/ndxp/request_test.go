package ndxp_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRequestValidation(t *testing.T) {
	t.Parallel()
	e := setup(t)
	paths := map[string]string{
		"population": "/population/v1/citizens/",
		"land":       "/land/v1/parcels?holder=",
		"insurance":  "/insurance/v1/participants/",
	}
	cases := []struct {
		name      string
		pid       string
		edit      func(*http.Request)
		status    int
		errorCode string
	}{
		{"OK", pidAn, nil, http.StatusOK, ""},
		{"OKCitizenView", pidAn, withHeader("X-NDXP-Purpose", "citizen-view"), http.StatusOK, ""},
		{"OKReference100Runes", pidAn, withHeader("X-NDXP-Reference", strings.Repeat("ệ", 100)), http.StatusOK, ""},
		{"ErrNoPurpose", pidAn, withHeader("X-NDXP-Purpose", ""), http.StatusBadRequest, "invalid_request"},
		{"ErrPurposeShort", pidAn, withHeader("X-NDXP-Purpose", "1.00119"), http.StatusBadRequest, "invalid_request"},
		{"ErrPurposeLong", pidAn, withHeader("X-NDXP-Purpose", "1.0011934"), http.StatusBadRequest, "invalid_request"},
		{"ErrPurposeWord", pidAn, withHeader("X-NDXP-Purpose", "marketing"), http.StatusBadRequest, "invalid_request"},
		{"ErrNoReference", pidAn, withHeader("X-NDXP-Reference", ""), http.StatusBadRequest, "invalid_request"},
		{"ErrReferenceTooLong", pidAn, withHeader("X-NDXP-Reference", strings.Repeat("a", 101)), http.StatusBadRequest, "invalid_request"},
		{"ErrPersonalIDShort", "00108801234", nil, http.StatusBadRequest, "invalid_personal_id"},
		{"ErrPersonalIDLong", "0010880123456", nil, http.StatusBadRequest, "invalid_personal_id"},
		{"ErrPersonalIDLetters", "00108801234a", nil, http.StatusBadRequest, "invalid_personal_id"},
		{"ErrUnknownPerson", pidNone, nil, http.StatusNotFound, "not_found"},
	}
	for db, path := range paths {
		for _, tc := range cases {
			t.Run(db+"/"+tc.name, func(t *testing.T) {
				var edits []func(*http.Request)
				if tc.edit != nil {
					edits = append(edits, tc.edit)
				}
				status, body := e.get(t, path+tc.pid, edits...)
				require.Equal(t, tc.status, status, body)
				if tc.errorCode != "" {
					requireError(t, body, tc.errorCode)
				} else {
					require.True(t, json.Valid([]byte(body)))
				}
			})
		}
	}
	t.Run("land/ErrNoHolder", func(t *testing.T) {
		status, body := e.get(t, "/land/v1/parcels")
		require.Equal(t, http.StatusBadRequest, status)
		requireError(t, body, "invalid_personal_id")
	})
}

func TestHealthzAndUnknownPaths(t *testing.T) {
	t.Parallel()
	e := setup(t)
	status, body := e.admin(t, http.MethodGet, "/healthz", "", "")
	require.Equal(t, http.StatusOK, status)
	require.JSONEq(t, `{"status":"ok"}`, body)

	status, body = e.get(t, "/population/v2/citizens/"+pidAn)
	require.Equal(t, http.StatusNotFound, status)
	requireError(t, body, "not_found")
}
