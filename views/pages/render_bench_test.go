package pages_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/pages"
	"github.com/motlan/portal/views/viewctx"
)

// BenchmarkMyCases renders the first page of "Hồ sơ của tôi" (cases.MinePageSize cases, as the
// load benchmark's citizen of 40 cases sees): the rendering part of the dashboard's cost.
func BenchmarkMyCases(b *testing.B) {
	item := pages.ProcedureItem{Code: "1.001193", Name: components.Text{VI: "Đăng ký khai sinh", EN: "Birth registration"}}
	var p pages.CasesPage
	at := time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)
	for i := range cases.MinePageSize {
		p.Cases = append(p.Cases, pages.CaseItem{Code: fmt.Sprintf("UBND-00070-261127-%04d", i+1), Item: item,
			Status: 1 + i%10, SubmittedAt: at, DueOn: at.AddDate(0, 0, 5)})
	}
	ctx := viewctx.With(context.Background(), viewctx.Page{Lang: "vi", CSRFToken: "csrf", Path: "/cases"})
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := pages.MyCases(p).Render(ctx, &buf); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}
