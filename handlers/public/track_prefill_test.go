package public_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/handlers/public"
	"github.com/motlan/portal/views/viewctx"
)

// TestShowTrackPrefilled checks that the address a receipt's QR code opens, /tra-cuu?code=…,
// shows the tracking form with the code filled in and the cursor in the ID-digits box, asks
// nothing of the tracker (the citizen has not typed the digits yet), and that a code longer
// than any case code is not echoed back.
func TestShowTrackPrefilled(t *testing.T) {
	t.Parallel()
	show := func(t *testing.T, target string) *goquery.Document {
		t.Helper()
		h := &public.Handler{} // no Tracker: showing the form must not look anything up
		e := echo.New()
		e.Renderer = templRenderer{}
		req := httptest.NewRequest(http.MethodGet, target, nil)
		req = req.WithContext(viewctx.With(req.Context(), viewctx.Page{Lang: "vi"}))
		rec := httptest.NewRecorder()
		require.NoError(t, h.ShowTrack(e.NewContext(req, rec)))
		require.Equal(t, http.StatusOK, rec.Code)
		doc, err := goquery.NewDocumentFromReader(rec.Body)
		require.NoError(t, err)
		return doc
	}
	t.Run("OK", func(t *testing.T) {
		doc := show(t, "/tra-cuu?code=UBND-00070-261127-0001")
		v, _ := doc.Find(`[data-testid=track-form] input[name=code]`).Attr("value")
		require.Equal(t, "UBND-00070-261127-0001", v)
		_, focus := doc.Find(`[data-testid=track-form] input[name=last4]`).Attr("autofocus")
		require.True(t, focus, "with the code filled in, the ID digits are what is left to type")
		require.Zero(t, doc.Find(`[data-testid=track-none]`).Length(), "nothing was searched yet")
	})
	t.Run("NoCode", func(t *testing.T) {
		doc := show(t, "/tra-cuu")
		v, _ := doc.Find(`[data-testid=track-form] input[name=code]`).Attr("value")
		require.Empty(t, v)
		_, focus := doc.Find(`[data-testid=track-form] input[name=last4]`).Attr("autofocus")
		require.False(t, focus)
	})
	t.Run("TooLong", func(t *testing.T) {
		long := make([]byte, 500)
		for i := range long {
			long[i] = 'A'
		}
		doc := show(t, "/tra-cuu?code="+string(long))
		v, _ := doc.Find(`[data-testid=track-form] input[name=code]`).Attr("value")
		require.LessOrEqual(t, len(v), 40)
	})
}
