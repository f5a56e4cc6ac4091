package public_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/handlers/public"
	"github.com/motlan/portal/services/documents"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/views/viewctx"
)

// fakeShares stands in for services/documents.
type fakeShares struct {
	OpenShareFunc    func(ctx context.Context, token string) (documents.Shared, error)
	ShareContentFunc func(ctx context.Context, token string) (documents.Shared, string, string, []byte, error)
}

func (f *fakeShares) OpenShare(ctx context.Context, token string) (documents.Shared, error) {
	return f.OpenShareFunc(ctx, token)
}

func (f *fakeShares) ShareContent(ctx context.Context, token string) (documents.Shared, string, string, []byte, error) {
	return f.ShareContentFunc(ctx, token)
}

var _ public.Shares = (*fakeShares)(nil)

// TestShared: a share link shows its document with no referrer and no caching; an expired or
// revoked one is a 410 page; an unknown or overlong token is not found, the latter without
// asking the store.
func TestShared(t *testing.T) {
	t.Parallel()
	shared := documents.Shared{
		Document: documents.Document{ID: 7, Type: "birth_certificate", TypeName: "Giấy khai sinh", Title: "Giấy khai sinh",
			IssuerName: "Ủy ban nhân dân phường Hoàn Kiếm", Number: "UBND-00070-261204-0001-KQ1", Provenance: documents.ProvenanceIssued,
			IssuedOn: time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)},
		Share: documents.Share{ID: 3, Label: "Ngân hàng ABC", ExpiresAt: time.Date(2026, 12, 11, 0, 0, 0, 0, time.UTC)},
	}
	serve := func(t *testing.T, f *fakeShares, path string, download bool) *httptest.ResponseRecorder {
		t.Helper()
		h := &public.Handler{Shares: f}
		e := echo.New()
		e.Renderer = templRenderer{}
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req = req.WithContext(viewctx.With(req.Context(), viewctx.Page{Lang: "vi"}))
		rec := httptest.NewRecorder()
		c := e.NewContext(req, rec)
		c.SetParamNames("token")
		c.SetParamValues(strings.TrimSuffix(strings.TrimPrefix(path, "/chia-se/"), "/tai-ve"))
		var err error
		if download {
			err = h.DownloadShared(c)
		} else {
			err = h.ShowShared(c)
		}
		if err != nil {
			e.DefaultHTTPErrorHandler(err, c)
		}
		return rec
	}

	t.Run("OK", func(t *testing.T) {
		f := &fakeShares{
			OpenShareFunc: func(_ context.Context, token string) (documents.Shared, error) {
				require.Equal(t, "tok", token)
				return shared, nil
			},
			ShareContentFunc: func(context.Context, string) (documents.Shared, string, string, []byte, error) {
				return shared, "UBND-00070-261204-0001-KQ1.pdf", "application/pdf", []byte("%PDF-1.7"), nil
			},
		}
		rec := serve(t, f, "/chia-se/tok", false)
		require.Equal(t, http.StatusOK, rec.Code)
		require.Equal(t, "no-referrer", rec.Header().Get("Referrer-Policy"))
		require.Contains(t, rec.Header().Get("Cache-Control"), "no-store")
		require.Contains(t, rec.Body.String(), "Ngân hàng ABC")
		require.Contains(t, rec.Body.String(), "/chia-se/tok/tai-ve")
		dl := serve(t, f, "/chia-se/tok/tai-ve", true)
		require.Equal(t, http.StatusOK, dl.Code)
		require.Equal(t, "%PDF-1.7", dl.Body.String())
		require.Contains(t, dl.Header().Get("Content-Disposition"), "attachment")
		require.Contains(t, dl.Header().Get("Cache-Control"), "no-store")
	})
	t.Run("ErrGone", func(t *testing.T) {
		f := &fakeShares{
			OpenShareFunc: func(context.Context, string) (documents.Shared, error) {
				return documents.Shared{}, documents.ErrShareGone
			},
			ShareContentFunc: func(context.Context, string) (documents.Shared, string, string, []byte, error) {
				return documents.Shared{}, "", "", nil, documents.ErrShareGone
			},
		}
		rec := serve(t, f, "/chia-se/tok", false)
		require.Equal(t, http.StatusGone, rec.Code)
		require.Contains(t, rec.Body.String(), "Liên kết chia sẻ không còn hiệu lực")
		require.Equal(t, http.StatusGone, serve(t, f, "/chia-se/tok/tai-ve", true).Code)
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		f := &fakeShares{OpenShareFunc: func(_ context.Context, token string) (documents.Shared, error) {
			require.LessOrEqual(t, len(token), 64, "an overlong token never reaches the store")
			return documents.Shared{}, documents.ErrNotFound
		}}
		rec := serve(t, f, "/chia-se/unknown", false)
		require.NotEqual(t, http.StatusOK, rec.Code)
		require.NotEqual(t, http.StatusGone, rec.Code)
		require.Equal(t, http.StatusNotFound, serve(t, f, "/chia-se/"+strings.Repeat("x", 65), false).Code)
		require.Equal(t, fault.ENOTFOUND, fault.Code(documents.ErrNotFound))
	})
}
