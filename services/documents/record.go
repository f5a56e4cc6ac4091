package documents

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/documents/internal/documentdb"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/personalid"
	"github.com/motlan/portal/services/results"
)

// vietnam is the zone a document's date is the day of.
var vietnam = time.FixedZone("ICT", 7*60*60)

// day is t's date in Vietnam, as PostgreSQL reads a date.
func day(t time.Time) string { return t.In(vietnam).Format(time.DateOnly) }

// Issued is a result just issued, as the store records it.
type Issued struct {
	Case       cases.Case // the case decided: its code, procedure, parties
	ResultCode string     // "<case code>-KQ1"
	Title      string     // the document's name: "Giấy khai sinh"
	IssuerCode string
	IssuerName string // the letterhead's name
	IssuedAt   time.Time
}

// RecordIssuedTx records a result in the store of each party with a personal ID — the applicant
// and every subject — inside tx, the transaction that issues it (services/outcome), so no
// result is issued without its holders. Recording it again changes nothing.
func (s *Service) RecordIssuedTx(ctx context.Context, tx pgx.Tx, in Issued) error {
	c := in.Case
	holders := map[string]string{} // personal ID → role; the applicant's role wins
	var order []string
	add := func(pid, role string) {
		if !personalid.Valid(pid) {
			return
		}
		if _, ok := holders[pid]; ok {
			return
		}
		holders[pid] = role
		order = append(order, pid)
	}
	add(c.ApplicantPID, RoleApplicant)
	for _, p := range c.Parties {
		if p.Kind == forms.PartySubject {
			add(p.PersonalID, RoleSubject)
		}
	}
	title := in.Title
	if title == "" {
		title = s.TypeName(s.TypeOf(c.ProcedureCode)).VI
	}
	for _, pid := range order {
		err := documentdb.New(tx).DocumentRecordIssued(ctx, documentdb.DocumentRecordIssuedParams{HolderPid: pid,
			Type: string(s.TypeOf(c.ProcedureCode)), Title: title, IssuerCode: in.IssuerCode, IssuerName: in.IssuerName,
			ResultCode: in.ResultCode, CaseCode: c.Code, IssuedOn: day(in.IssuedAt), Role: holders[pid], CaseID: c.ID,
			CitizenID: c.CitizenID, CreatedAt: s.now()})
		if err != nil {
			return fmt.Errorf("documents: record %s for a holder: %w", in.ResultCode, err)
		}
	}
	return nil
}

// Receipt is an e-receipt just issued for a paid item.
type Receipt struct {
	ItemID          int64
	CitizenID       int64  // the case's owner, who may read the receipt
	PayerPersonalID string // the applicant's
	CaseCode        string
	IssuerCode      string // the collecting agency
	IssuerName      string
	Number          string // ereceipt.FormatNumber(item id)
	Title           string // "Biên lai thu phí, lệ phí: Lệ phí đăng ký cư trú"
	PaidAt          time.Time
}

// RecordReceiptTx records an e-receipt in its payer's store inside tx, the transaction that
// marks the item paid (services/payment). Recording it again changes nothing.
func (s *Service) RecordReceiptTx(ctx context.Context, tx pgx.Tx, r Receipt) error {
	if !personalid.Valid(r.PayerPersonalID) {
		return nil
	}
	err := documentdb.New(tx).DocumentRecordReceipt(ctx, documentdb.DocumentRecordReceiptParams{
		HolderPid: r.PayerPersonalID, Type: string(TypeEReceipt), Title: r.Title, IssuerCode: r.IssuerCode,
		IssuerName: r.IssuerName, Number: r.Number, CaseCode: r.CaseCode, IssuedOn: day(r.PaidAt),
		PaymentItemID: r.ItemID, CitizenID: r.CitizenID, CreatedAt: s.now()})
	if err != nil {
		return fmt.Errorf("documents: record receipt %s: %w", r.Number, err)
	}
	return nil
}

// ResultIssuedTx is RecordIssuedTx as services/outcome's hook of an issued result
// (outcome.OnIssued): the document's name and its issuer are the result's.
func (s *Service) ResultIssuedTx(ctx context.Context, tx pgx.Tx, c cases.Case, in results.Issue, r results.Result) error {
	issuer := in.Letterhead.Name
	if issuer == "" {
		issuer = in.AgencyName
	}
	return s.RecordIssuedTx(ctx, tx, Issued{Case: c, ResultCode: r.Code, Title: in.Body.Name, IssuerCode: in.AgencyCode,
		IssuerName: issuer, IssuedAt: r.IssuedAt})
}

// AddSubject records an issued result for a person it is about who had no personal ID when it
// was issued: the child of a birth registration, given one by the population registry when the
// result reached it (services/registryfeed). The child then sees the certificate once they have
// an account. A result not recorded here, or a holder already recorded, changes nothing.
func (s *Service) AddSubject(ctx context.Context, resultCode, personalID string) error {
	if !personalid.Valid(personalID) {
		return fmt.Errorf("documents: add subject to %s: %q is not a personal ID", resultCode, personalID)
	}
	err := documentdb.New(s.pool).DocumentAddSubject(ctx, personalID, s.now(), resultCode)
	if err != nil {
		return fmt.Errorf("documents: add subject to %s: %w", resultCode, err)
	}
	return nil
}
