package ereceipt

import (
	"time"

	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/pdfdoc"
)

// clean returns rc with every text on one line, in NFC and free of what the PDF cannot show
// (fpdf writes only the Basic Multilingual Plane; control characters have no glyph), and the
// payer's personal ID masked.
func clean(rc Receipt) Receipt {
	for _, s := range []*string{&rc.Number, &rc.Template, &rc.Series, &rc.Collector, &rc.CollectorAddress,
		&rc.PayerName, &rc.PayerPersonalID, &rc.CaseCode, &rc.ProcedureName, &rc.ItemName, &rc.ItemKind,
		&rc.LegalBasis, &rc.PaymentMethod, &rc.TxnRef, &rc.TransactionNo, &rc.BankCode, &rc.VerifyNote} {
		*s = pdfdoc.Line(*s)
	}
	if rc.PaymentMethod == "" {
		rc.PaymentMethod = MethodVNPAY
	}
	if rc.PayerPersonalID != "" {
		rc.PayerPersonalID = citizens.MaskPersonalID(rc.PayerPersonalID)
	}
	return rc
}

// instant shows t in Vietnam time: "27/11/2026 16:30".
func instant(t time.Time) string { return t.In(pdfdoc.Vietnam).Format("02/01/2006 15:04") }
