package web

import (
	"crypto/sha256"
)

// contactCodeKey keys the HMAC under which contact confirmation codes are stored
// (services/citizens), derived from SESSION_SECRET so there is no other secret to manage.
func contactCodeKey(cfg Config) []byte {
	k := sha256.Sum256([]byte("motlan contact codes\x00" + cfg.SessionSecret))
	return k[:]
}
