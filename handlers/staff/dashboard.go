package staff

import (
	"bytes"
	"context"
	"math"
	"mime"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/queue"
	"github.com/motlan/portal/services/stats"
	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/pages"
)

// Stats gives the supervisor's figures (services/stats).
type Stats interface {
	Summary(ctx context.Context, agency string) (stats.Summary, error)
	Weekly(ctx context.Context, agency string, weeks int) ([]stats.Week, error)
}

// statusNames are the national status names, for the CSV export (Vietnamese, like its header).
var statusNames = map[int]string{1: "Mới đăng ký", 2: "Được tiếp nhận", 3: "Không được tiếp nhận", 4: "Đang xử lý",
	5: "Yêu cầu bổ sung giấy tờ", 6: "Yêu cầu thực hiện nghĩa vụ tài chính", 7: "Công dân yêu cầu rút hồ sơ", 8: "Dừng xử lý",
	9: "Đã xử lý xong", 10: "Đã trả kết quả"}

// ShowDashboard is the supervisor's dashboard of the agency.
func (h *Handler) ShowDashboard(c echo.Context) error {
	m, _ := Member(c)
	ctx := c.Request().Context()
	sum, err := h.Stats.Summary(ctx, m.AgencyCode)
	if err != nil {
		return err
	}
	weeks, err := h.Stats.Weekly(ctx, m.AgencyCode, 12)
	if err != nil {
		return err
	}
	p := pages.DashboardPage{Received: sum.Received, InProgress: sum.InProgress, Overdue: sum.Overdue, Decided: sum.DecidedThisMonth,
		OnTimePercent: int(math.Round(sum.OnTimeRate * 100)), CSVURL: "/staff/dashboard/cases.csv?" + c.QueryString()}
	if a, err := h.Catalogue.Agency(ctx, m.AgencyCode); err == nil {
		p.AgencyName = components.Text{VI: a.NameVI, EN: a.NameEN}
	}
	for _, mean := range sum.MeanDays {
		name := components.Text{VI: mean.ProcedureCode, EN: mean.ProcedureCode}
		if pr, err := h.Catalogue.Get(ctx, mean.ProcedureCode); err == nil {
			name = components.Text{VI: pr.NameVI, EN: pr.NameEN}
		}
		p.Means = append(p.Means, pages.MeanRow{Procedure: name, Cases: mean.Cases, MeanDays: mean.MeanDays})
	}
	if h.Payments.Merchant != nil {
		p.PaymentsURL = "/staff/dashboard/payments"
	}
	if err := h.dashboardRatings(ctx, m.AgencyCode, &p); err != nil {
		return err
	}
	for _, w := range weeks {
		p.Weeks = append(p.Weeks, pages.WeekBar{Label: w.Start.Format("02/01"), Approved: w.Approved, Refused: w.Refused, Other: w.Other})
	}
	return c.Render(http.StatusOK, "", pages.Dashboard(p))
}

// Export lists the agency's whole queue for the CSV export and logs the read of each applicant
// in it (services/queue).
type Export interface {
	Export(ctx context.Context, r queue.Reader, agency string, f queue.Filter) ([]queue.Item, error)
}

// ExportCSV downloads the agency's queue, with the queue's filters, as CSV. The file names every
// applicant in it: each gets a row in their data-access log.
func (h *Handler) ExportCSV(c echo.Context) error {
	m, _ := Member(c)
	ctx := c.Request().Context()
	f, err := queueFilter(c, m)
	if err != nil {
		return err
	}
	f.After = "" // the export reads every page itself
	names := map[string]string{}
	procs, err := h.Catalogue.List(ctx, catalogue.Filter{Withdrawn: true})
	if err != nil {
		return err
	}
	for _, p := range procs {
		names[p.Code] = p.NameVI
	}
	// Every page of the queue, once each applicant's data-access log has the read.
	items, err := h.Export.Export(ctx, queue.Reader{Login: m.Login, Name: m.FullName, Role: actor(m).Role}, m.AgencyCode, f)
	if err != nil {
		return err
	}
	rows := make([]stats.Row, len(items))
	for i, it := range items {
		rows[i] = stats.Row{Code: it.Code, Procedure: names[it.ProcedureCode], Applicant: it.ApplicantName,
			Status: statusNames[it.Status], SubmittedAt: it.SubmittedAt, Due: it.Due, Overdue: it.Overdue}
	}
	var buf bytes.Buffer
	if err := stats.WriteCSV(&buf, rows); err != nil {
		return err
	}
	name := "ho-so-" + m.AgencyCode + "-" + time.Now().Format("20060102") + ".csv"
	c.Response().Header().Set(echo.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}
