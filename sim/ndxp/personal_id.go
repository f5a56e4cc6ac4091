package ndxp

import (
	"fmt"
	"strconv"
)

// validPersonalID reports whether s has the shape of a personal identification number:
// exactly 12 ASCII digits. Whether the number exists is the databases' business.
func validPersonalID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// centurySexDigit is the fourth digit of a personal ID: 0/1 for a man/woman born in the
// 1900s, 2/3 in the 2000s, and so on.
func centurySexDigit(year int, female bool) int {
	d := (year/100 - 19) * 2
	if female {
		d++
	}
	return d
}

// personalIDPrefix is the first six digits as a number: the 3-digit birth-registration
// province code, the century/sex digit and the last two digits of the birth year.
func personalIDPrefix(provinceCode int, year int, female bool) uint64 {
	return uint64(provinceCode)*1000 + uint64(centurySexDigit(year, female))*100 + uint64(year%100)
}

// checkPersonalID checks that pid encodes the birth-registration province (2-digit code),
// the birth year and the sex.
func checkPersonalID(pid, provinceCode string, year int, female bool) error {
	if !validPersonalID(pid) {
		return fmt.Errorf("personal_id %q: want 12 digits", pid)
	}
	if year < 1900 || year > 2399 {
		return fmt.Errorf("personal_id %s: birth year %d cannot be encoded", pid, year)
	}
	pc, err := strconv.Atoi(provinceCode)
	if err != nil {
		return fmt.Errorf("personal_id %s: province code %q", pid, provinceCode)
	}
	want := fmt.Sprintf("%06d", personalIDPrefix(pc, year, female))
	if pid[:6] != want {
		return fmt.Errorf("personal_id %s: starts with %s, want %s for province %s, born %d, %s",
			pid, pid[:6], want, provinceCode, year, sexName(female))
	}
	return nil
}

func sexName(female bool) string {
	if female {
		return "female"
	}
	return "male"
}
