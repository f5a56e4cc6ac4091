package audit

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
)

// Signature is an archive's detached signature, the JSON of <archive>.sig: Ed25519 over
// SignedMessage(the archive's SHA-256), with the public key that made it. Anyone can check that
// the key signed these bytes; that it is the portal's key is checked by its fingerprint, which
// the operator keeps apart (printed when the key is made, and by every export).
type Signature struct {
	Algorithm      string `json:"algorithm"`       // Ed25519
	PublicKey      []byte `json:"public_key"`      // 32 bytes, base64 in JSON
	KeyFingerprint string `json:"key_fingerprint"` // KeyFingerprint(PublicKey)
	ArchiveSHA256  string `json:"archive_sha256"`  // hex
	Signature      []byte `json:"signature"`       // 64 bytes, base64 in JSON
}

// SignedMessage is what the key signs for an archive whose SHA-256 is sum: a tag of the format
// and the hex digest, so a signature of an archive means nothing for any other kind of file.
func SignedMessage(sum []byte) []byte { return FormatMessage(ArchiveFormat, sum) }

// FormatMessage is SignedMessage for an archive of another format: the case timeline's
// (services/cases.EventArchiveFormat) is signed by the same key, tagged with its own format.
func FormatMessage(format string, sum []byte) []byte {
	return []byte(format + " sha256:" + hex.EncodeToString(sum) + "\n")
}

// KeyFingerprint names a public key: "SHA256:" and the hex SHA-256 of its 32 bytes.
func KeyFingerprint(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return "SHA256:" + hex.EncodeToString(sum[:])
}

// Sign signs an archive whose SHA-256 is sum.
func Sign(key ed25519.PrivateKey, sum []byte) Signature { return SignFormat(key, ArchiveFormat, sum) }

// SignFormat signs an archive of format whose SHA-256 is sum.
func SignFormat(key ed25519.PrivateKey, format string, sum []byte) Signature {
	pub := key.Public().(ed25519.PublicKey)
	return Signature{Algorithm: "Ed25519", PublicKey: pub, KeyFingerprint: KeyFingerprint(pub),
		ArchiveSHA256: hex.EncodeToString(sum), Signature: ed25519.Sign(key, FormatMessage(format, sum))}
}

// Verify checks the signature over an archive whose SHA-256 is sum; with a non-empty
// fingerprint, also that this is the key it names.
func (s Signature) Verify(sum []byte, fingerprint string) error {
	return s.VerifyFormat(ArchiveFormat, sum, fingerprint)
}

// VerifyFormat is Verify for an archive of format.
func (s Signature) VerifyFormat(format string, sum []byte, fingerprint string) error {
	if s.Algorithm != "Ed25519" || len(s.PublicKey) != ed25519.PublicKeySize {
		return errors.New("audit: signature: not an Ed25519 signature")
	}
	pub := ed25519.PublicKey(s.PublicKey)
	if fingerprint != "" && KeyFingerprint(pub) != fingerprint {
		return fmt.Errorf("audit: signature: made by key %s, not %s", KeyFingerprint(pub), fingerprint)
	}
	if !ed25519.Verify(pub, FormatMessage(format, sum), s.Signature) {
		return errors.New("audit: signature: does not match the archive")
	}
	return nil
}

// ReadSignature reads a <archive>.sig file.
func ReadSignature(path string) (Signature, error) {
	b, err := os.ReadFile(path) // #nosec G304 -- the operator names the file
	if err != nil {
		return Signature{}, fmt.Errorf("audit: signature: %w", err)
	}
	var s Signature
	if err := strictUnmarshal(b, &s); err != nil {
		return Signature{}, fmt.Errorf("audit: signature %s: %w", path, err)
	}
	return s, nil
}

// WriteSignature writes s as path.
func WriteSignature(path string, s Signature) error {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644) // #nosec G306 -- a signature is public
}

// LoadOrCreateKey reads the archive signing key, an Ed25519 private key in a PKCS #8 PEM file;
// when the file does not exist it makes a new key and writes it there (mode 0600), and says so
// with created.
func LoadOrCreateKey(path string) (key ed25519.PrivateKey, created bool, err error) {
	b, err := os.ReadFile(path) // #nosec G304 -- the operator names the file
	if errors.Is(err, os.ErrNotExist) {
		_, key, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			return nil, false, err
		}
		der, err := x509.MarshalPKCS8PrivateKey(key)
		if err != nil {
			return nil, false, err
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600) // #nosec G304 -- as above
		if err != nil {
			return nil, false, fmt.Errorf("audit: archive key: %w", err)
		}
		if err := errors.Join(pem.Encode(f, &pem.Block{Type: "PRIVATE KEY", Bytes: der}), f.Close()); err != nil {
			return nil, false, fmt.Errorf("audit: archive key: %w", err)
		}
		return key, true, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("audit: archive key: %w", err)
	}
	block, _ := pem.Decode(b)
	if block == nil || block.Type != "PRIVATE KEY" {
		return nil, false, fmt.Errorf("audit: archive key %s: not a PKCS #8 PEM file", path)
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, false, fmt.Errorf("audit: archive key %s: %w", path, err)
	}
	key, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, false, fmt.Errorf("audit: archive key %s: not an Ed25519 key", path)
	}
	return key, false, nil
}
