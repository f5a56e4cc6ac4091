package catalogue

import (
	"slices"
	"strings"
	"time"

	"github.com/motlan/portal/services/dong"
	"github.com/motlan/portal/services/forms"
)

// The law of a procedure is data an administrator keeps up to date without a release: the
// documents it rests on (LegalBasis), what it costs (Fee) and its legal deadline
// (Procedure.ProcessingDays, with an administrator's override). Each procedure file ships them
// (law_data.go) and Seed writes them (law_seed.go) so that an administrator's change survives
// the next seed: a seeded row remembers the record it was written from and is written again only
// when a release ships a different record (migration 00020).

// Kinds of legal document, in the order of their force.
const (
	DocLaw           = "law"            // Luật (Quốc hội)
	DocResolution    = "resolution"     // Nghị quyết
	DocDecree        = "decree"         // Nghị định (Chính phủ)
	DocCircular      = "circular"       // Thông tư (a ministry)
	DocJointCircular = "joint_circular" // Thông tư liên tịch
	DocDecision      = "decision"       // Quyết định
)

// DocTypes lists the kinds of legal document.
func DocTypes() []string {
	return []string{DocLaw, DocResolution, DocDecree, DocCircular, DocJointCircular, DocDecision}
}

// DocTypeName names a kind of legal document in both languages.
func DocTypeName(t string) forms.Text {
	switch t {
	case DocLaw:
		return forms.Text{VI: "Luật", EN: "Law"}
	case DocResolution:
		return forms.Text{VI: "Nghị quyết", EN: "Resolution"}
	case DocDecree:
		return forms.Text{VI: "Nghị định", EN: "Decree"}
	case DocCircular:
		return forms.Text{VI: "Thông tư", EN: "Circular"}
	case DocJointCircular:
		return forms.Text{VI: "Thông tư liên tịch", EN: "Joint circular"}
	case DocDecision:
		return forms.Text{VI: "Quyết định", EN: "Decision"}
	}
	return forms.Text{VI: t, EN: t}
}

// LegalBasis is one document a procedure rests on. Dates are civil dates (midnight UTC); a nil
// date was not verified when the data was written, which the administrator's page shows.
type LegalBasis struct {
	ID            int64
	ProcedureCode string
	Position      int    // the order the procedure's page lists its bases in
	Type          string // one of DocTypes()
	Number        string // "60/2014/QH13"
	// Title is the document's name as cited: for a law its name ("Luật Hộ tịch"), for the
	// others what it is about ("quy định chi tiết một số điều … Luật Hộ tịch").
	Title          forms.Text
	Issuer         forms.Text // "Quốc hội", "Chính phủ", "Bộ Tư pháp"
	Part           forms.Text // the part that applies ("Điều 11", "Mẫu CT01"); empty: the whole
	IssuedOn       *time.Time
	EffectiveFrom  *time.Time
	EffectiveUntil *time.Time // repealed or replaced from that day
	Note           string     // for administrators: what is left to verify
	Seeded         bool       // shipped by a release (an administrator ends it rather than deleting it)
}

// Citation is how the document is cited: "Luật Hộ tịch số 60/2014/QH13", "Nghị định số
// 123/2015/NĐ-CP của Chính phủ quy định chi tiết …".
func (b LegalBasis) Citation() forms.Text {
	if b.Type == DocLaw {
		return forms.Text{VI: b.Title.VI + " số " + b.Number, EN: b.Title.EN + " No. " + b.Number}
	}
	t := DocTypeName(b.Type)
	return forms.Text{VI: t.VI + " số " + b.Number + " của " + b.Issuer.VI + " " + b.Title.VI,
		EN: t.EN + " No. " + b.Number + " of the " + b.Issuer.EN + " " + b.Title.EN}
}

// citations joins the citations of the documents not repealed, in order: the one-line legal
// basis of a procedure (Procedure.LegalBasis).
func citations(bases []LegalBasis) forms.Text {
	var vi, en []string
	for _, b := range bases {
		if b.EffectiveUntil != nil {
			continue
		}
		c := b.Citation()
		vi, en = append(vi, c.VI), append(en, c.EN)
	}
	return forms.Text{VI: strings.Join(vi, "; "), EN: strings.Join(en, "; ")}
}

// InForce reports whether the document applies on day (a civil date): it took effect on or
// before day (or its date was not verified) and was not repealed by then.
func (b LegalBasis) InForce(day time.Time) bool {
	return inForce(b.EffectiveFrom, b.EffectiveUntil, day)
}

// Upcoming reports whether the document takes effect after day.
func (b LegalBasis) Upcoming(day time.Time) bool {
	return b.EffectiveFrom != nil && b.EffectiveFrom.After(civilDay(day))
}

func inForce(from, until *time.Time, day time.Time) bool {
	d := civilDay(day)
	return (from == nil || !from.After(d)) && (until == nil || until.After(d))
}

// vietnam is Indochina Time, where the law's days begin.
var vietnam = time.FixedZone("ICT", 7*3600)

// civilDay is the Vietnamese calendar day of t, as a civil date (midnight UTC).
func civilDay(t time.Time) time.Time {
	y, m, d := t.In(vietnam).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Channels through which a citizen files, which may cost differently.
const (
	ChannelOnline   = "online"
	ChannelInPerson = "in_person"
)

// Channels lists the channels.
func Channels() []string { return []string{ChannelOnline, ChannelInPerson} }

// Kinds of charge. A tax and the registration fee (lệ phí trước bạ) are computed and notified
// by the tax authority and paid after its notice, separately from the procedure's own fees.
const (
	FeeLePhi        = "le_phi"          // lệ phí: a charge for a State service
	FeePhi          = "phi"             // phí: a charge covering a cost (appraisal …)
	FeeThue         = "thue"            // thuế: a tax
	FeeLePhiTruocBa = "le_phi_truoc_ba" // lệ phí trước bạ: the registration fee on property
)

// FeeKinds lists the kinds of charge.
func FeeKinds() []string { return []string{FeeLePhi, FeePhi, FeeThue, FeeLePhiTruocBa} }

// FeeKindName names a kind of charge in both languages.
func FeeKindName(k string) forms.Text {
	switch k {
	case FeeLePhi:
		return forms.Text{VI: "Lệ phí", EN: "Fee"}
	case FeePhi:
		return forms.Text{VI: "Phí", EN: "Charge"}
	case FeeThue:
		return forms.Text{VI: "Thuế", EN: "Tax"}
	case FeeLePhiTruocBa:
		return forms.Text{VI: "Lệ phí trước bạ", EN: "Registration fee (lệ phí trước bạ)"}
	}
	return forms.Text{VI: k, EN: k}
}

// Fee is one charge of a procedure for one channel, nationally (ProvinceCode "") or in one
// province, whose row overrides the national row of the same Item and channel.
type Fee struct {
	ID            int64
	ProcedureCode string
	Item          string // which charge: "residence_registration", "personal_income_tax"
	ProvinceCode  string // "" for the national row
	Channel       string // ChannelOnline or ChannelInPerson
	Kind          string // one of FeeKinds()
	Name          forms.Text
	// AmountVND is the amount in đồng; nil when not known here (a People's Council's amount no
	// one entered yet, a tax the tax authority computes). AmountNote says how it is computed.
	AmountVND  *int64
	AmountNote forms.Text
	// Exempt is an exemption by law, with its basis: the only case shown as "Miễn phí".
	Exempt         bool
	ExemptionBasis forms.Text
	// CouncilSet is a charge the provincial People's Council sets (Luật Phí và lệ phí).
	CouncilSet     bool
	Recipient      forms.Text // who collects it
	LegalBasis     forms.Text
	EffectiveFrom  *time.Time
	EffectiveUntil *time.Time
	Note           string // for administrators
	Seeded         bool
}

// Tax reports whether the charge is a tax or the registration fee: the tax authority computes
// and notifies it, and it is paid after that notice (case status 6), not with the application.
func (f Fee) Tax() bool { return f.Kind == FeeThue || f.Kind == FeeLePhiTruocBa }

// InForce reports whether the charge applies on day.
func (f Fee) InForce(day time.Time) bool { return inForce(f.EffectiveFrom, f.EffectiveUntil, day) }

// Amount says what the charge costs, in both languages. This is the one rule of how a charge is
// shown: "Miễn phí" only for an exemption by law; a charge of 0 without one is "no charge"; a
// People's Council's charge without its amount says who sets it; a tax is what the tax
// authority notifies.
func (f Fee) Amount() forms.Text {
	switch {
	case f.Exempt:
		return forms.Text{VI: "Miễn phí", EN: "Free (exempt by law)"}
	case f.AmountVND != nil && *f.AmountVND == 0:
		return forms.Text{VI: "Không thu", EN: "No charge"}
	case f.AmountVND != nil && f.CouncilSet:
		m := money(*f.AmountVND)
		return forms.Text{VI: m.VI + " (theo quy định của Hội đồng nhân dân tỉnh)", EN: m.EN + " (set by the provincial People's Council)"}
	case f.AmountVND != nil:
		return money(*f.AmountVND)
	case f.CouncilSet:
		return forms.Text{VI: "Theo quy định của Hội đồng nhân dân tỉnh", EN: "Set by the provincial People's Council"}
	case f.Tax():
		return forms.Text{VI: "Theo thông báo của cơ quan thuế", EN: "As notified by the tax authority"}
	}
	return forms.Text{VI: "Chưa có thông tin", EN: "Not known yet"}
}

// money writes an amount in đồng: "10.000 đồng", "VND 10,000".
func money(vnd int64) forms.Text {
	return forms.Text{VI: dong.Format(vnd), EN: dong.FormatEN(vnd)}
}

// FeeSchedule is what a procedure costs in one province (or nationally), per channel.
type FeeSchedule struct {
	ProvinceCode string
	Online       []Fee
	InPerson     []Fee
}

// Channel returns the charges of one channel.
func (s FeeSchedule) Channel(channel string) []Fee {
	if channel == ChannelInPerson {
		return s.InPerson
	}
	return s.Online
}

// Known reports whether any charge, or its absence, is recorded.
func (s FeeSchedule) Known() bool { return len(s.Online)+len(s.InPerson) > 0 }

// applicable picks, from the rows in force of a procedure (national and one province's), the
// charges of one channel: a province's row replaces the national row of the same item, in the
// national row's place.
func applicable(rows []Fee, province, channel string) []Fee {
	var out []Fee
	for _, f := range rows {
		if f.Channel != channel || f.ProvinceCode != "" {
			continue
		}
		out = append(out, f)
	}
	for _, f := range rows {
		if f.Channel != channel || f.ProvinceCode == "" || f.ProvinceCode != province {
			continue
		}
		if i := slices.IndexFunc(out, func(n Fee) bool { return n.Item == f.Item && n.ProvinceCode == "" }); i >= 0 {
			out[i] = f
		} else {
			out = append(out, f)
		}
	}
	return out
}

// FeeSummary is the short form of what applying costs, for the catalogue's list: the charges
// other than taxes, per channel when the channels differ, and a reminder that taxes are
// separate.
func FeeSummary(s FeeSchedule) forms.Text {
	if !s.Known() {
		return forms.Text{VI: "Chưa có thông tin về phí, lệ phí", EN: "Fees not known yet"}
	}
	online, inPerson := chargeSummary(s.Online), chargeSummary(s.InPerson)
	out := online
	switch {
	case len(s.InPerson) == 0:
	case len(s.Online) == 0:
		out = inPerson
	case online != inPerson:
		out = forms.Text{VI: online.VI + " khi nộp trực tuyến; " + inPerson.VI + " khi nộp trực tiếp",
			EN: online.EN + " online; " + inPerson.EN + " in person"}
	}
	if slices.ContainsFunc(append(slices.Clone(s.Online), s.InPerson...), Fee.Tax) {
		out.VI += "; thuế và lệ phí trước bạ tính riêng"
		out.EN += "; taxes and the registration fee are separate"
	}
	return out
}

// chargeSummary sums up one channel's charges other than taxes.
func chargeSummary(fees []Fee) forms.Text {
	var charges []Fee
	for _, f := range fees {
		if !f.Tax() {
			charges = append(charges, f)
		}
	}
	switch {
	case len(charges) == 0:
		return forms.Text{VI: "Không có phí, lệ phí", EN: "No fee"}
	case !slices.ContainsFunc(charges, func(f Fee) bool { return !f.Exempt }):
		return forms.Text{VI: "Miễn phí", EN: "Free (exempt by law)"}
	case !slices.ContainsFunc(charges, func(f Fee) bool { return f.Exempt || f.AmountVND == nil || *f.AmountVND != 0 }):
		return forms.Text{VI: "Không thu phí, lệ phí", EN: "No fee or charge"}
	case slices.ContainsFunc(charges, func(f Fee) bool { return f.AmountVND == nil && f.CouncilSet }):
		return forms.Text{VI: "Phí, lệ phí theo quy định của Hội đồng nhân dân tỉnh", EN: "Fees set by the provincial People's Council"}
	case slices.ContainsFunc(charges, func(f Fee) bool { return f.AmountVND == nil && !f.Exempt }):
		return forms.Text{VI: "Chưa có đủ thông tin về phí, lệ phí", EN: "Fees not fully known yet"}
	}
	var sum int64
	for _, f := range charges {
		if !f.Exempt {
			sum += *f.AmountVND
		}
	}
	return money(sum)
}

// FeeLine is one channel's charges on one line, for the receipt: a single charge's amount
// ("Miễn phí", "10.000 đồng"), or each charge named ("Lệ phí …: theo quy định của Hội đồng nhân
// dân tỉnh; Thuế thu nhập cá nhân …: theo thông báo của cơ quan thuế").
func FeeLine(fees []Fee) forms.Text {
	switch len(fees) {
	case 0:
		return forms.Text{VI: "Chưa có thông tin", EN: "Not known yet"}
	case 1:
		return fees[0].Amount()
	}
	vi, en := make([]string, len(fees)), make([]string, len(fees))
	for i, f := range fees {
		a := f.Amount()
		vi[i], en[i] = f.Name.VI+": "+lowerFirst(a.VI), f.Name.EN+": "+lowerFirst(a.EN)
	}
	return forms.Text{VI: strings.Join(vi, "; "), EN: strings.Join(en, "; ")}
}

// lowerFirst lowers the first letter of a phrase that follows a colon ("Miễn phí" → "miễn phí").
func lowerFirst(s string) string {
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// DeadlineOverride is an administrator's legal deadline for a procedure, replacing the one a
// release shipped (ReleasedDays). It stays while releases ship ReleasedDays.
type DeadlineOverride struct {
	ProcessingDays int
	ReleasedDays   int
	Basis          string // the document that set the new deadline
	UpdatedBy      string
	UpdatedAt      time.Time
}

// Law is everything an administrator edits about a procedure's law.
type Law struct {
	Procedure  Procedure
	LegalBases []LegalBasis
	Fees       []Fee // every row, national and provincial, in force or not
	Deadline   *DeadlineOverride
}
