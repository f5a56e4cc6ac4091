package vneid

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"sync"

	"github.com/go-jose/go-jose/v4"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// signingAlg is the JWS algorithm of ID tokens. ES256 keys are cheap to generate,
// which keeps start-up and RotateKey fast in tests.
const signingAlg = jose.ES256

// keyRing holds the signing keys: the newest is active, older ones are only published
// in the JWKS so that tokens signed before a rotation still verify.
type keyRing struct {
	mu   sync.RWMutex
	keys []*signingKey // oldest first; the last one is active
}

type signingKey struct {
	id  string
	key *ecdsa.PrivateKey
}

func (k *signingKey) SignatureAlgorithm() jose.SignatureAlgorithm { return signingAlg }
func (k *signingKey) Key() any                                    { return k.key }
func (k *signingKey) ID() string                                  { return k.id }

// publicKey is the JWKS view of a signing key.
type publicKey struct{ k *signingKey }

func (p publicKey) ID() string                         { return p.k.id }
func (p publicKey) Algorithm() jose.SignatureAlgorithm { return signingAlg }
func (p publicKey) Use() string                        { return "sig" }
func (p publicKey) Key() any                           { return &p.k.key.PublicKey }

// rotate generates a new key and makes it the active one.
func (r *keyRing) rotate() (string, error) {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return "", fmt.Errorf("vneid: generate signing key: %w", err)
	}
	return r.add(priv)
}

// add makes priv the active key.
func (r *keyRing) add(priv *ecdsa.PrivateKey) (string, error) {
	if priv.Curve != elliptic.P256() {
		return "", fmt.Errorf("vneid: signing key must be on P-256 for %s", signingAlg)
	}
	// The key ID is the RFC 7638 thumbprint of the public key: stable and unique.
	thumb, err := (&jose.JSONWebKey{Key: &priv.PublicKey}).Thumbprint(crypto.SHA256)
	if err != nil {
		return "", fmt.Errorf("vneid: key thumbprint: %w", err)
	}
	k := &signingKey{id: base64.RawURLEncoding.EncodeToString(thumb), key: priv}
	r.mu.Lock()
	r.keys = append(r.keys, k)
	r.mu.Unlock()
	return k.id, nil
}

func (r *keyRing) active() *signingKey {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.keys[len(r.keys)-1]
}

func (r *keyRing) public() []op.Key {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]op.Key, 0, len(r.keys))
	for i := len(r.keys) - 1; i >= 0; i-- { // active key first
		out = append(out, publicKey{r.keys[i]})
	}
	return out
}
