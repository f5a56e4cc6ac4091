package ereceipt

import (
	"context"
	"errors"
	"fmt"

	"github.com/motlan/portal/services/signing"
)

// Sealer signs a drawn PDF in an agency's name (*signing.Sealer).
type Sealer interface {
	Seal(ctx context.Context, doc []byte, a signing.Agency, reason string) ([]byte, error)
}

// WithSealer makes SignedPDF sign with s.
func (r *Renderer) WithSealer(s Sealer) *Renderer {
	r.sealer = s
	return r
}

// SignedPDF renders rc and embeds the signature of by, the agency that collected the charge,
// dated when it is drawn.
func (r *Renderer) SignedPDF(ctx context.Context, rc Receipt, by signing.Agency) ([]byte, error) {
	if r.sealer == nil {
		return nil, errors.New("ereceipt: no sealer to sign receipts")
	}
	pdf, err := r.PDF(rc)
	if err != nil {
		return nil, err
	}
	signed, err := r.sealer.Seal(ctx, pdf, by, signing.ReasonReceipt)
	if err != nil {
		return nil, fmt.Errorf("ereceipt: sign %s of %s: %w", rc.Number, rc.CaseCode, err)
	}
	return signed, nil
}
