package catalogue

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
)

// lawFile is the part of a procedure file (procedureFile embeds it) that is the procedure's law:
// the documents it rests on and its fees. A file without legal_bases still carries the older
// free-text legal_basis (data.go), shown as it is until the file is converted.
type lawFile struct {
	LegalBases []basisFile `json:"legal_bases"`
	Fees       []feeFile   `json:"fees"`
}

// basisFile is one legal document of a procedure file. Dates are "2006-01-02"; an empty date is
// one not verified when the file was written, and verify says what to check.
type basisFile struct {
	Type           string     `json:"type"`
	Number         string     `json:"number"`
	Title          forms.Text `json:"title"`
	Issuer         forms.Text `json:"issuer"`
	Part           forms.Text `json:"part,omitzero"`
	IssuedOn       string     `json:"issued_on,omitempty"`
	EffectiveFrom  string     `json:"effective_from,omitempty"`
	EffectiveUntil string     `json:"effective_until,omitempty"`
	Verify         string     `json:"verify,omitempty"`
}

// feeFile is one charge of a procedure file, for the channels it lists (both when none).
type feeFile struct {
	Item           string     `json:"item"`
	Kind           string     `json:"kind"`
	Province       string     `json:"province,omitempty"`
	Channels       []string   `json:"channels,omitempty"`
	Name           forms.Text `json:"name"`
	AmountVND      *int64     `json:"amount_vnd"`
	AmountNote     forms.Text `json:"amount_note,omitzero"`
	Exempt         bool       `json:"exempt,omitempty"`
	ExemptionBasis forms.Text `json:"exemption_basis,omitzero"`
	CouncilSet     bool       `json:"council_set,omitempty"`
	Recipient      forms.Text `json:"recipient"`
	LegalBasis     forms.Text `json:"legal_basis"`
	EffectiveFrom  string     `json:"effective_from,omitempty"`
	EffectiveUntil string     `json:"effective_until,omitempty"`
	Verify         string     `json:"verify,omitempty"`
}

// seedLaw is a procedure file's law, checked: what the seed writes, each row with the record it
// comes from (seeded).
type seedLaw struct {
	Bases      []LegalBasis
	BasesFrom  [][]byte
	Fees       []Fee
	FeesFrom   [][]byte
	Converted  bool // the file lists its legal bases (legal_bases)
	HasFeeData bool // the file lists its fees
}

// loadLaw reads the law of every embedded procedure file, by code.
func loadLaw() (map[string]seedLaw, error) {
	names, err := fs.Glob(dataFS, "data/procedures/*.json")
	if err != nil {
		return nil, err
	}
	out := make(map[string]seedLaw, len(names))
	for _, name := range names {
		b, err := dataFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		var f lawFile
		if err := json.Unmarshal(b, &f); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		code := strings.TrimSuffix(path.Base(name), ".json")
		law, err := parseLaw(code, f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out[code] = law
	}
	return out, nil
}

// parseLaw checks a file's legal bases and fees as an administrator's edit is checked.
func parseLaw(code string, f lawFile) (seedLaw, error) {
	law := seedLaw{Converted: len(f.LegalBases) > 0, HasFeeData: len(f.Fees) > 0}
	numbers := map[string]bool{}
	for i, bf := range f.LegalBases {
		b := LegalBasis{ProcedureCode: code, Position: i, Type: bf.Type, Number: bf.Number, Title: bf.Title,
			Issuer: bf.Issuer, Part: bf.Part, Note: bf.Verify, Seeded: true}
		var err error
		if b.IssuedOn, err = fileDate(bf.IssuedOn); err == nil {
			if b.EffectiveFrom, err = fileDate(bf.EffectiveFrom); err == nil {
				b.EffectiveUntil, err = fileDate(bf.EffectiveUntil)
			}
		}
		if err != nil {
			return seedLaw{}, fmt.Errorf("legal basis %s: %w", bf.Number, err)
		}
		if err := b.check(); err != nil {
			return seedLaw{}, fmt.Errorf("legal basis %q: %w", bf.Number, err)
		}
		if b.EffectiveFrom == nil && bf.Verify == "" {
			return seedLaw{}, fmt.Errorf("legal basis %s: no effective date and nothing to verify", bf.Number)
		}
		if numbers[b.Number] {
			return seedLaw{}, fmt.Errorf("legal basis %s twice", b.Number)
		}
		numbers[b.Number] = true
		rec, _ := json.Marshal(bf)
		law.Bases, law.BasesFrom = append(law.Bases, b), append(law.BasesFrom, rec)
	}
	keys := map[string]bool{}
	for _, ff := range f.Fees {
		channels := ff.Channels
		if len(channels) == 0 {
			channels = Channels()
		}
		for _, ch := range channels {
			fee := Fee{ProcedureCode: code, Item: ff.Item, ProvinceCode: ff.Province, Channel: ch, Kind: ff.Kind,
				Name: ff.Name, AmountVND: ff.AmountVND, AmountNote: ff.AmountNote, Exempt: ff.Exempt,
				ExemptionBasis: ff.ExemptionBasis, CouncilSet: ff.CouncilSet, Recipient: ff.Recipient,
				LegalBasis: ff.LegalBasis, Note: ff.Verify, Seeded: true}
			var err error
			if fee.EffectiveFrom, err = fileDate(ff.EffectiveFrom); err == nil {
				fee.EffectiveUntil, err = fileDate(ff.EffectiveUntil)
			}
			if err != nil {
				return seedLaw{}, fmt.Errorf("fee %s: %w", ff.Item, err)
			}
			if err := fee.check(); err != nil {
				return seedLaw{}, fmt.Errorf("fee %s (%s): %w", ff.Item, ch, err)
			}
			collected := !fee.Exempt && (fee.AmountVND == nil || *fee.AmountVND != 0)
			if blank(fee.LegalBasis) || collected && blank(fee.Recipient) {
				return seedLaw{}, fmt.Errorf("fee %s: a shipped fee names its legal basis, and who collects it", ff.Item)
			}
			if k := fee.key(); keys[k] {
				return seedLaw{}, fmt.Errorf("fee %s twice", k)
			} else {
				keys[k] = true
			}
			rec, _ := json.Marshal(struct {
				feeFile
				Channel string `json:"channel"`
			}{ff, ch})
			law.Fees, law.FeesFrom = append(law.Fees, fee), append(law.FeesFrom, rec)
		}
	}
	return law, nil
}

// key is what tells a fee row from another of the same procedure (procedure_fees_key).
func (f Fee) key() string {
	from := ""
	if f.EffectiveFrom != nil {
		from = f.EffectiveFrom.Format(time.DateOnly)
	}
	return f.Item + "|" + f.ProvinceCode + "|" + f.Channel + "|" + from
}

func fileDate(s string) (*time.Time, error) {
	if s == "" {
		return nil, nil
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return nil, err
	}
	return &d, nil
}

var (
	docNumber       = regexp.MustCompile(`^\S.{0,60}$`)
	feeItem         = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)
	provincePattern = regexp.MustCompile(`^([0-9]{2})?$`)
)

// check is the rule of a legal basis, for the seed and for an administrator's edit; the
// message key names what is wrong (views/i18n).
func (b LegalBasis) check() error {
	op := "catalogue.legalBasis"
	switch {
	case !slices.Contains(DocTypes(), b.Type):
		return fault.New(fault.EINVALID, "admin.law.error.doctype", op)
	case !docNumber.MatchString(b.Number):
		return fault.New(fault.EINVALID, "admin.law.error.number", op)
	case blank(b.Title) || blank(b.Issuer):
		return fault.New(fault.EINVALID, "admin.law.error.bilingual", op)
	case b.Position < 0:
		return fault.New(fault.EINVALID, "error.invalid", op)
	case b.EffectiveFrom != nil && b.EffectiveUntil != nil && !b.EffectiveUntil.After(*b.EffectiveFrom),
		b.IssuedOn != nil && b.EffectiveFrom != nil && b.IssuedOn.After(*b.EffectiveFrom):
		return fault.New(fault.EINVALID, "admin.law.error.dates", op)
	}
	return nil
}

// check is the rule of a fee row: an exemption has its basis and costs nothing, and is not a
// People's Council's charge.
func (f Fee) check() error {
	op := "catalogue.fee"
	switch {
	case !feeItem.MatchString(f.Item):
		return fault.New(fault.EINVALID, "admin.law.error.item", op)
	case !provincePattern.MatchString(f.ProvinceCode):
		return fault.New(fault.EINVALID, "admin.law.error.province", op)
	case !slices.Contains(Channels(), f.Channel), !slices.Contains(FeeKinds(), f.Kind):
		return fault.New(fault.EINVALID, "error.invalid", op)
	case blank(f.Name):
		return fault.New(fault.EINVALID, "admin.law.error.bilingual", op)
	case f.AmountVND != nil && *f.AmountVND < 0:
		return fault.New(fault.EINVALID, "admin.law.error.amount", op)
	case f.Exempt && (blank(f.ExemptionBasis) || (f.AmountVND != nil && *f.AmountVND != 0) || f.CouncilSet):
		return fault.New(fault.EINVALID, "admin.law.error.exempt", op)
	case f.EffectiveFrom != nil && f.EffectiveUntil != nil && !f.EffectiveUntil.After(*f.EffectiveFrom):
		return fault.New(fault.EINVALID, "admin.law.error.dates", op)
	}
	return nil
}

// blank reports a text missing a language.
func blank(t forms.Text) bool { return strings.TrimSpace(t.VI) == "" || strings.TrimSpace(t.EN) == "" }
