package ereceipt

import (
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/motlan/portal/services/citizens"
)

// vietnam is Indochina Time (UTC+7, no daylight saving), fixed so no tz database is needed.
var vietnam = time.FixedZone("ICT", 7*3600)

// clean returns rc with every text on one line, in NFC and free of what the PDF cannot show
// (fpdf writes only the Basic Multilingual Plane; control characters have no glyph), and the
// payer's personal ID masked.
func clean(rc Receipt) Receipt {
	for _, s := range []*string{&rc.Number, &rc.Template, &rc.Series, &rc.Collector, &rc.CollectorAddress,
		&rc.PayerName, &rc.PayerPersonalID, &rc.CaseCode, &rc.ProcedureName, &rc.ItemName, &rc.ItemKind,
		&rc.LegalBasis, &rc.PaymentMethod, &rc.TxnRef, &rc.TransactionNo, &rc.BankCode, &rc.VerifyNote} {
		*s = cleanLine(*s)
	}
	if rc.PaymentMethod == "" {
		rc.PaymentMethod = MethodVNPAY
	}
	if rc.PayerPersonalID != "" {
		rc.PayerPersonalID = citizens.MaskPersonalID(rc.PayerPersonalID)
	}
	return rc
}

// cleanLine writes s in NFC on one line, without control characters, a rune beyond the Basic
// Multilingual Plane as U+FFFD, and runs of spaces as one.
func cleanLine(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\u00a0':
			b.WriteByte(' ')
		case r < 0x20 || (r >= 0x7f && r < 0xa0):
		case r > 0xffff:
			b.WriteRune('\ufffd')
		default:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// instant shows t in Vietnam time: "27/11/2026 16:30".
func instant(t time.Time) string { return t.In(vietnam).Format("02/01/2006 15:04") }
