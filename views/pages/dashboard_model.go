package pages

import (
	"context"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/i18n"
)

// DashboardPage is the supervisor's view of the agency's casework.
type DashboardPage struct {
	AgencyName    components.Text
	Received      int // this month
	InProgress    int
	Overdue       int
	Decided       int // this month
	OnTimePercent int // of Decided; shown only when Decided > 0
	Means         []MeanRow
	Weeks         []WeekBar       // oldest first
	CSVURL        string          // "" hides the download link
	PaymentsURL   string          // the online payments report (dashboard_payments.templ); "" hides its link
	Ratings       *RatingsSection // the applicants' satisfaction; nil hides the section (dashboard_ratings.templ)
}

// RatingsSection is how satisfied the agency's applicants are: per procedure over the last
// Days days, and the latest comments with their case code only.
type RatingsSection struct {
	Days     int
	Rows     []RatingRow
	Comments []RatingComment
}

// RatingRow is one procedure's ratings.
type RatingRow struct {
	Procedure        components.Text
	Ratings          int
	SatisfiedPercent int
}

// RatingComment is one comment as a supervisor reads it.
type RatingComment struct {
	CaseCode  string
	Procedure components.Text
	Level     int
	Comment   string
	At        time.Time
}

// MeanRow is one procedure's mean processing time.
type MeanRow struct {
	Procedure components.Text
	Cases     int
	MeanDays  float64 // shown with DaysText
}

// WeekBar is one week of the chart: the cases finished in it, by outcome.
type WeekBar struct {
	Label    string // the Monday, dd/mm
	Approved int
	Refused  int
	Other    int
}

// Total is the week's height in the chart.
func (w WeekBar) Total() int { return w.Approved + w.Refused + w.Other }

// DaysText shows a number of days with one decimal in the request's language: "13,3" (vi),
// "13.3" (en).
func DaysText(ctx context.Context, days float64) string {
	s := strconv.FormatFloat(days, 'f', 1, 64)
	if i18n.Lang(ctx) != i18n.En {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// The chart's drawing, in the units of its viewBox; the SVG scales to its container.
const (
	chartW, chartH = 720, 340
	plotLeft       = 64
	plotRight      = chartW - 16
	plotTop        = 48
	plotBottom     = chartH - 64
)

// The chart's colours: each at least 3:1 against the white ground (WCAG 1.4.11), and the
// refused segments hatched so they differ by more than colour. Segments are separated by a
// white line.
const (
	colourApproved = "#1d70b8" // GOV.UK blue, 5.2:1
	colourRefused  = "#ca3535" // GOV.UK red, 5.2:1; as dark as the blue, hence hatched
	colourOther    = "#0b0c0c" // near black, 19.6:1, and 3.8:1 against either
	colourGrid     = "#b1b4b6"
	colourInk      = "#0b0c0c"
)

// chart is the geometry of the weekly chart.
type chart struct {
	Bars  []chartBar
	Ticks []chartTick
}

type chartBar struct {
	Week     WeekBar
	X, W     float64 // left edge and width
	LabelX   float64 // centre, for the week's label
	Label    bool    // whether this week's label is drawn (every k-th when there are many)
	Segments []chartSegment
}

type chartSegment struct {
	Kind  string // approved, refused, other
	Count int
	Y, H  float64
}

type chartTick struct {
	Value int
	Y     float64
}

// newChart lays out weeks as stacked bars on a scale rounded up to a 1, 2 or 5 step.
func newChart(weeks []WeekBar) chart {
	top := 0
	for _, w := range weeks {
		top = max(top, w.Total())
	}
	step := niceStep(top)
	top = max(step, (top+step-1)/step*step)
	plotH := float64(plotBottom - plotTop)
	y := func(v int) float64 { return plotBottom - float64(v)/float64(top)*plotH }
	var c chart
	for v := 0; v <= top; v += step {
		c.Ticks = append(c.Ticks, chartTick{Value: v, Y: y(v)})
	}
	if len(weeks) == 0 {
		return c
	}
	slot := float64(plotRight-plotLeft) / float64(len(weeks))
	every := (len(weeks) + 11) / 12 // at most 12 labels, so they never overlap
	for i, w := range weeks {
		b := chartBar{Week: w, W: math.Max(slot*0.6, 2), Label: (len(weeks)-1-i)%every == 0}
		b.LabelX = plotLeft + slot*(float64(i)+0.5)
		b.X = b.LabelX - b.W/2
		base := 0
		for _, s := range []struct {
			kind string
			n    int
		}{{"approved", w.Approved}, {"refused", w.Refused}, {"other", w.Other}} {
			if s.n == 0 {
				continue
			}
			b.Segments = append(b.Segments, chartSegment{Kind: s.kind, Count: s.n, Y: y(base + s.n), H: y(base) - y(base+s.n)})
			base += s.n
		}
		c.Bars = append(c.Bars, b)
	}
	return c
}

// niceStep returns the smallest of 1, 2, 5, 10, 20, 50, … that cuts 0..top into at most 5 steps.
func niceStep(top int) int {
	for p := 1; ; p *= 10 {
		for _, m := range []int{1, 2, 5} {
			if m*p*5 >= top {
				return m * p
			}
		}
	}
}

func segmentFill(kind string) string {
	switch kind {
	case "approved":
		return colourApproved
	case "refused":
		return "url(#app-chart-hatch)"
	}
	return colourOther
}

// num writes a coordinate with at most one decimal.
func num(f float64) string { return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64) }

func weekTotals(weeks []WeekBar) (all, approved, refused, other int) {
	for _, w := range weeks {
		approved += w.Approved
		refused += w.Refused
		other += w.Other
	}
	return approved + refused + other, approved, refused, other
}
