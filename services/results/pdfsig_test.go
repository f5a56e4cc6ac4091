package results_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/signing"
)

// TestPDFSignatureIndependentVerifier checks an issued result with a verifier that is not the
// portal's: poppler's pdfsig, trusting the development CA through an NSS database, as a bank
// that added the CA to Adobe Reader would. A byte changed in the signed range breaks it for
// pdfsig and for the portal's verification alike.
func TestPDFSignatureIndependentVerifier(t *testing.T) {
	pdfsig, certutil := tool(t, "pdfsig"), tool(t, "certutil")
	ctx := context.Background()
	fx := setup(t)
	in := fx.newCase(t, "UBND-00070", 1)
	fx.issue(t, fx.svc, in)
	_, pdf, err := fx.svc.ForCase(ctx, in.CaseID)
	require.NoError(t, err)

	dir := t.TempDir()
	roots, err := fx.svc.TrustedRoots(ctx) // what /verify/ca.crt gives
	require.NoError(t, err)
	require.Len(t, roots, 1)
	caFile := filepath.Join(dir, "ca.crt")
	require.NoError(t, os.WriteFile(caFile, signing.CertificatePEM(roots...), 0o600))
	nss := "sql:" + filepath.Join(dir, "nss")
	require.NoError(t, os.Mkdir(filepath.Join(dir, "nss"), 0o700))
	run(t, certutil, "-N", "-d", nss, "--empty-password")
	run(t, certutil, "-A", "-d", nss, "-n", "Mot Lan development CA", "-t", "CT,C,C", "-a", "-i", caFile)

	signed := filepath.Join(dir, "result.pdf")
	require.NoError(t, os.WriteFile(signed, pdf, 0o600))
	out, _ := exec.Command(pdfsig, "-nssdir", nss, signed).CombinedOutput()
	report := string(out)
	assert.Contains(t, report, "Signature Validation: Signature is Valid.")
	assert.Contains(t, report, "Certificate Validation: Certificate is Trusted.")
	assert.Contains(t, report, "Signer Certificate Common Name: Ủy ban nhân dân phường Hoàn Kiếm")
	assert.Contains(t, report, "Total document signed")

	// Without the CA in its trust store, pdfsig finds the signature sound but the signer unknown.
	empty := "sql:" + filepath.Join(dir, "empty")
	require.NoError(t, os.Mkdir(filepath.Join(dir, "empty"), 0o700))
	run(t, certutil, "-N", "-d", empty, "--empty-password")
	out, _ = exec.Command(pdfsig, "-nssdir", empty, signed).CombinedOutput()
	assert.Contains(t, string(out), "Signature Validation: Signature is Valid.")
	assert.NotContains(t, string(out), "Certificate is Trusted")

	altered := bytes.Clone(pdf)
	i := bytes.Index(altered, []byte("stream\n"))
	require.Positive(t, i)
	altered[i+len("stream\n")+10] ^= 0x01
	alteredFile := filepath.Join(dir, "altered.pdf")
	require.NoError(t, os.WriteFile(alteredFile, altered, 0o600))
	out, _ = exec.Command(pdfsig, "-nssdir", nss, alteredFile).CombinedOutput()
	assert.Contains(t, string(out), "Signature Validation: Digest Mismatch.")
	assert.NotContains(t, string(out), "Signature is Valid")

	v, err := fx.svc.VerifyDocument(ctx, altered)
	require.NoError(t, err)
	assert.False(t, v.Authentic, "the portal's verification of the altered file")
	assert.True(t, v.Embedded.Signed)
	assert.False(t, v.Embedded.Intact)
	v, err = fx.svc.VerifyDocument(ctx, pdf)
	require.NoError(t, err)
	assert.True(t, v.Authentic, "the file as issued")
}

// tool is the path of a command the test needs; make test installs it (make check-poppler).
func tool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is missing: apt-get install -y poppler-utils libnss3-tools (make check-poppler does it as root)", name)
	}
	return path
}

func run(t *testing.T, name string, args ...string) {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	require.NoError(t, err, "%s %v: %s", name, args, out)
}
