package public_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/handlers/public"
	"github.com/motlan/portal/services/helpdesk"
	"github.com/motlan/portal/views/viewctx"
)

// fakeTracker stands in for services/helpdesk.
type fakeTracker struct {
	TrackFunc func(ctx context.Context, code, last4 string) (helpdesk.Public, bool, error)
}

func (f *fakeTracker) Track(ctx context.Context, code, last4 string) (helpdesk.Public, bool, error) {
	return f.TrackFunc(ctx, code, last4)
}

var _ public.Tracker = (*fakeTracker)(nil)

type templRenderer struct{}

func (templRenderer) Render(w io.Writer, _ string, data any, c echo.Context) error {
	return data.(templ.Component).Render(c.Request().Context(), w)
}

// TestTrack checks that public tracking shows a late case as late, in the page's language, and
// says nothing of lateness otherwise.
func TestTrack(t *testing.T) {
	t.Parallel()
	due := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	track := func(t *testing.T, lang string, pub helpdesk.Public, found bool) *goquery.Document {
		t.Helper()
		h := &public.Handler{Tracker: &fakeTracker{TrackFunc: func(_ context.Context, code, last4 string) (helpdesk.Public, bool, error) {
			require.Equal(t, "UBND-00070-261127-0001", code)
			require.Equal(t, "2345", last4)
			return pub, found, nil
		}}}
		e := echo.New()
		e.Renderer = templRenderer{}
		form := url.Values{"code": {"UBND-00070-261127-0001"}, "last4": {"2345"}}
		req := httptest.NewRequest(http.MethodPost, "/tra-cuu", strings.NewReader(form.Encode()))
		req.Header.Set(echo.HeaderContentType, echo.MIMEApplicationForm)
		req = req.WithContext(viewctx.With(req.Context(), viewctx.Page{Lang: lang}))
		rec := httptest.NewRecorder()
		require.NoError(t, h.Track(e.NewContext(req, rec)))
		require.Equal(t, http.StatusOK, rec.Code)
		doc, err := goquery.NewDocumentFromReader(rec.Body)
		require.NoError(t, err)
		return doc
	}

	t.Run("Overdue", func(t *testing.T) {
		t.Parallel()
		doc := track(t, "vi", helpdesk.Public{Status: 4, DueOn: &due, Overdue: true}, true)
		require.Equal(t, 1, doc.Find(`[data-testid="track-result"]`).Length())
		require.Equal(t, "Quá hạn", strings.TrimSpace(doc.Find(`[data-testid="track-overdue"]`).Text()))
	})
	t.Run("OverdueEnglish", func(t *testing.T) {
		t.Parallel()
		doc := track(t, "en", helpdesk.Public{Status: 4, DueOn: &due, Overdue: true}, true)
		require.Equal(t, "Overdue", strings.TrimSpace(doc.Find(`[data-testid="track-overdue"]`).Text()))
	})
	t.Run("OnTime", func(t *testing.T) {
		t.Parallel()
		doc := track(t, "vi", helpdesk.Public{Status: 4, DueOn: &due}, true)
		require.Equal(t, 1, doc.Find(`[data-testid="track-result"]`).Length())
		require.Zero(t, doc.Find(`[data-testid="track-overdue"]`).Length())
	})
	t.Run("NotFound", func(t *testing.T) {
		t.Parallel()
		doc := track(t, "vi", helpdesk.Public{}, false)
		require.Equal(t, 1, doc.Find(`[data-testid="track-none"]`).Length())
		require.Zero(t, doc.Find(`[data-testid="track-overdue"]`).Length())
	})
}
