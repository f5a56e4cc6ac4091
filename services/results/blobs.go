package results

import "github.com/motlan/portal/services/cases"

// WithBlobs keeps the PDFs of the documents issued from now on in b, the portal's blob store
// (services/attachments: this database or an S3 bucket), not in the results table; those issued
// before stay readable there. Serving and verifying read either, and check the bytes against
// the recorded hash and signature as before.
func (s *Service) WithBlobs(b cases.ResultBlobs) *Service {
	s.cases = s.cases.WithResultBlobs(b)
	return s
}
