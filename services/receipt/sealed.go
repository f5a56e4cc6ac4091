package receipt

import (
	"context"
	"errors"
	"fmt"

	"github.com/motlan/portal/services/pdfdoc"
	"github.com/motlan/portal/services/signing"
)

// Sealer signs a drawn PDF in an agency's name (*signing.Sealer).
type Sealer interface {
	Seal(ctx context.Context, doc []byte, a signing.Agency, reason string) ([]byte, error)
}

// WithSealer makes SignedSlipPDF sign with s.
func (r *Renderer) WithSealer(s Sealer) *Renderer {
	r.sealer = s
	return r
}

// SignedSlipPDF renders s and embeds the signature of the agency that received the case
// (AgencyCode, AgencyName), dated when it is drawn.
func (r *Renderer) SignedSlipPDF(ctx context.Context, s Slip) ([]byte, error) {
	if r.sealer == nil {
		return nil, errors.New("receipt: no sealer to sign receipt slips")
	}
	if s.AgencyCode == "" {
		return nil, fmt.Errorf("%w %q: a signed slip needs the agency's code", ErrIncomplete, s.CaseCode)
	}
	pdf, err := r.SlipPDF(s)
	if err != nil {
		return nil, err
	}
	by := signing.Agency{Code: s.AgencyCode, Name: pdfdoc.Line(s.AgencyName)}
	signed, err := r.sealer.Seal(ctx, pdf, by, signing.ReasonSlip)
	if err != nil {
		return nil, fmt.Errorf("receipt: sign slip %s: %w", s.CaseCode, err)
	}
	return signed, nil
}
