package results

import (
	"crypto/rand"
	"fmt"
	"strings"
)

// codeAlphabet has the digits and capital letters that cannot be mistaken for one another when
// read aloud or from paper: no 0, O, 1 or I. Its 32 symbols make each one exactly 5 random bits.
const codeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"

// codeLength is the number of symbols of a verification code (60 bits), shown in groups of
// codeGroup.
const (
	codeLength = 12
	codeGroup  = 4
)

// newVerificationCode returns a random verification code, like "K7QX-3MPA-9TRD".
func newVerificationCode() (string, error) {
	b := make([]byte, codeLength)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("verification code: %w", err)
	}
	for i := range b {
		b[i] = codeAlphabet[b[i]%byte(len(codeAlphabet))] // 256 is a multiple of 32: no bias
	}
	return group(string(b)), nil
}

// normalizeCode returns the stored form of a verification code as someone typed it: any case,
// with or without dashes or spaces. ok is false when it cannot be a verification code.
func normalizeCode(s string) (code string, ok bool) {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch {
		case r == '-' || r == ' ' || r == '\t':
		case strings.ContainsRune(codeAlphabet, r):
			b.WriteRune(r)
		default:
			return "", false
		}
	}
	if b.Len() != codeLength {
		return "", false
	}
	return group(b.String()), true
}

// group puts a dash between groups of codeGroup symbols.
func group(s string) string {
	var parts []string
	for i := 0; i < len(s); i += codeGroup {
		parts = append(parts, s[i:min(i+codeGroup, len(s))])
	}
	return strings.Join(parts, "-")
}
