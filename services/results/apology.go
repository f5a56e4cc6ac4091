package results

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/pdfdoc"
)

// Kinds of signed document of a case: its result, and the apology for its lateness.
const (
	KindResult  = cases.DocumentResult
	KindApology = cases.DocumentApology
)

// apologySuffix makes the code of a case's apology from its case's: "Xin lỗi", the first.
const apologySuffix = "-XL1"

// letterFS holds the letters that are the same for every procedure.
//
//go:embed letters/apology.json
var letterFS embed.FS

// ApologyFacts are what a "Phiếu xin lỗi và hẹn lại ngày trả kết quả" says (the form of
// Circular 01/2018/TT-VPCP): whom it is to, when the agency received what, the date it had
// promised, why it cannot keep it, and the new date.
type ApologyFacts struct {
	ApplicantName string
	AgencyName    string // the agency that apologises, in a sentence
	ProcedureName string // what was asked, in a sentence ("đăng ký khai sinh")
	CaseCode      string
	ReceivedAt    time.Time // an instant
	OldDueOn      time.Time // civil dates
	NewDueOn      time.Time
	Reason        string // the officer's letter
}

// ApologyBody is the apology's document filled with f.
func ApologyBody(f ApologyFacts) (Body, error) {
	b, err := letterFS.ReadFile("letters/apology.json")
	if err != nil {
		return Body{}, fmt.Errorf("results: apology: %w", err)
	}
	var d Document
	if err := json.Unmarshal(b, &d); err != nil {
		return Body{}, fmt.Errorf("results: apology: %w", err)
	}
	if err := d.check(); err != nil {
		return Body{}, fmt.Errorf("results: apology: %w", err)
	}
	v := facts{"applicant": f.ApplicantName, "issuer": f.AgencyName, "procedure": lowerFirst(f.ProcedureName),
		"case": f.CaseCode, "old_due": civilDate(f.OldDueOn), "new_due": civilDate(f.NewDueOn), "reason": f.Reason}
	if !f.ReceivedAt.IsZero() {
		v["received"] = f.ReceivedAt.In(pdfdoc.Vietnam).Format("02/01/2006")
	}
	return d.Fill("", v), nil
}

// IssueApologyTx renders, signs and stores a case's apology ("<case code>-XL1") inside tx, the
// apology step's, as IssueTx does a result: the letter is sent with its signed document or not
// at all. in.Body is ApologyBody's. A second apology for a case is a conflict.
func (s *Service) IssueApologyTx(ctx context.Context, tx pgx.Tx, in Issue) (Result, error) {
	return s.issue(ctx, tx, in, KindApology, apologySuffix)
}

// ApologyForCase returns the signed apology of a case and its PDF; fault.ENOTFOUND when it has
// none. It does not check who asks.
func (s *Service) ApologyForCase(ctx context.Context, caseID int64) (Result, []byte, error) {
	return s.forCase(ctx, caseID, KindApology)
}

// facts are fixed values for a document that asks no field.
type facts map[string]string

func (f facts) Answer(string, string) string { return "" }
func (f facts) Var(name string) string       { return f[name] }
func (f facts) Is(string, []string) bool     { return false }
func (f facts) Items(string) []Values        { return nil }

// civilDate shows the date t names, dd/mm/yyyy, without moving it to another time zone.
func civilDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("02/01/2006")
}

// lowerFirst lower-cases the first letter of a name put inside a sentence ("Đăng ký khai sinh"
// → "đăng ký khai sinh").
func lowerFirst(s string) string {
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// forCase reads a case's signed document of kind.
func (s *Service) forCase(ctx context.Context, caseID int64, kind string) (Result, []byte, error) {
	r, err := s.cases.DocumentOfCase(ctx, caseID, kind)
	if errors.Is(err, cases.ErrNotFound) {
		return Result{}, nil, fault.New(fault.ENOTFOUND, MsgNotFound, "results.forCase")
	}
	if err != nil {
		return Result{}, nil, fmt.Errorf("results: case %d: %w", caseID, err)
	}
	return Result{Code: r.Code, Kind: r.Kind, CaseCode: r.CaseCode, AgencyCode: r.AgencyCode, ProcedureCode: r.ProcedureCode,
		VerificationCode: r.VerificationCode, SHA256: r.SHA256, Signature: r.Signature, IssuedAt: r.IssuedAt,
		DownloadedAt: r.DownloadedAt}, r.PDF, nil
}

// Documents lists a case's signed documents, oldest first, without their PDFs: code, kind,
// verification code, issue and first download. It does not check who asks.
func (s *Service) Documents(ctx context.Context, caseID int64) ([]Result, error) {
	rows, err := s.cases.SignedDocuments(ctx, s.pool, caseID)
	if err != nil {
		return nil, fmt.Errorf("results: documents of case %d: %w", caseID, err)
	}
	out := make([]Result, len(rows))
	for i, r := range rows {
		out[i] = Result{Code: r.Code, Kind: r.Kind, VerificationCode: r.VerificationCode, IssuedAt: r.IssuedAt, DownloadedAt: r.DownloadedAt}
	}
	return out, nil
}
