package results

import (
	"fmt"
	"time"
)

// Preview renders in as its result would be issued, without a number, a verification code or a
// signature, and stores nothing: the officer reads it before approving ("BẢN XEM TRƯỚC — CHƯA
// KÝ" across every page). IssuedAt zero is now. CaseID and VerifyURL are not needed.
func (s *Service) Preview(in Issue) ([]byte, error) {
	in = clean(in)
	if in.IssuedAt.IsZero() {
		in.IssuedAt = s.now()
	}
	in.IssuedAt = in.IssuedAt.Truncate(time.Second)
	probe := in
	probe.CaseID, probe.VerifyURL = 1, "-" // a preview is of no stored case and verifies nowhere
	if err := validate(probe); err != nil {
		return nil, err
	}
	pdf, err := s.renderer.draft(in)
	if err != nil {
		return nil, fmt.Errorf("results: preview %s: %w", in.CaseCode, err)
	}
	return pdf, nil
}

// Now is the service's clock: the time a document issued now carries.
func (s *Service) Now() time.Time { return s.now() }
