package stats

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/motlan/portal/services/calendar"
)

// Row is one case of an exported queue, its texts already in the reader's words.
type Row struct {
	Code        string
	Procedure   string
	Applicant   string
	Status      string
	SubmittedAt time.Time // an instant, shown in Vietnam time
	Due         time.Time // a date as pgx reads one (00:00 UTC); zero when there is none
	Overdue     bool
}

// csvHeader names the columns, in Vietnamese: the file is for the agency's own staff.
var csvHeader = []string{"Mã hồ sơ", "Thủ tục", "Người nộp", "Trạng thái", "Ngày nộp", "Hạn trả", "Quá hạn"}

// bom starts the file so that Excel reads it as UTF-8 and shows the Vietnamese letters.
const bom = "\uFEFF"

// WriteCSV writes rows as CSV (RFC 4180, CRLF line ends) after a byte order mark and a header
// row. A cell a spreadsheet would run as a formula is written as text (see cell).
func WriteCSV(w io.Writer, rows []Row) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return fmt.Errorf("stats: csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(csvHeader); err != nil {
		return fmt.Errorf("stats: csv: %w", err)
	}
	rec := make([]string, len(csvHeader))
	for _, r := range rows {
		rec[0], rec[1], rec[2], rec[3] = cell(r.Code), cell(r.Procedure), cell(r.Applicant), cell(r.Status)
		rec[4], rec[5], rec[6] = "", "", "Không"
		if !r.SubmittedAt.IsZero() {
			rec[4] = r.SubmittedAt.In(calendar.Vietnam()).Format("02/01/2006 15:04")
		}
		if !r.Due.IsZero() {
			rec[5] = r.Due.Format("02/01/2006")
		}
		if r.Overdue {
			rec[6] = "Có"
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("stats: csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("stats: csv: %w", err)
	}
	return nil
}

// cell guards against CSV formula injection: a value that starts with = + - @ (or a tab or
// carriage return, which some spreadsheets skip before one) gets a leading apostrophe, so an
// applicant's name such as "=HYPERLINK(…)" opens as text, not as a formula.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
