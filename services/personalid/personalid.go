// Package personalid validates Vietnamese personal identification numbers (số định danh cá
// nhân): 12 digits = 3-digit birth-registration province code + a century/sex digit + the last
// two digits of the birth year + 6 digits.
package personalid

import (
	"errors"
	"strconv"
)

// ID is a parsed personal ID.
type ID struct {
	Number       string
	ProvinceCode string // 3 digits, e.g. 001 Hà Nội, 079 Hồ Chí Minh City
	Female       bool
	BirthYear    int
}

// ErrInvalid is returned for anything that is not a well-formed personal ID.
var ErrInvalid = errors.New("personalid: not a valid personal identification number")

// Parse checks s and returns its parts. It knows the structure, not whether the person exists.
func Parse(s string) (ID, error) {
	if len(s) != 12 {
		return ID{}, ErrInvalid
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return ID{}, ErrInvalid
		}
	}
	province, _ := strconv.Atoi(s[:3])
	// Birth-registration province codes run from 001 to 096 (the pre-2025 codes stay on IDs).
	if province < 1 || province > 96 {
		return ID{}, ErrInvalid
	}
	century := int(s[3] - '0')
	yy, _ := strconv.Atoi(s[4:6])
	// 0/1: 1900s, 2/3: 2000s, 4/5: 2100s, 6/7: 2200s, 8/9: 2300s; even digits are male.
	year := 1900 + 100*(century/2) + yy
	return ID{Number: s, ProvinceCode: s[:3], Female: century%2 == 1, BirthYear: year}, nil
}

// Valid reports whether s is a well-formed personal ID.
func Valid(s string) bool {
	_, err := Parse(s)
	return err == nil
}
