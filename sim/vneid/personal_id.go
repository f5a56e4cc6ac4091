package vneid

import (
	"fmt"
	"strconv"
)

// checkPersonalID checks a 12-digit personal identification number (số định danh cá nhân)
// against the birth year and sex it encodes: a 3-digit birth-registration province code,
// one digit for century and sex (0/1 = 1900s male/female, 2/3 = 2000s, 4/5 = 2100s, …),
// the last two digits of the birth year, then six serial digits.
func checkPersonalID(pid string, birthYear int, female bool) error {
	if len(pid) != 12 {
		return fmt.Errorf("personal_id %q: want 12 digits", pid)
	}
	for _, r := range pid {
		if r < '0' || r > '9' {
			return fmt.Errorf("personal_id %q: want 12 digits", pid)
		}
	}
	// Birth-registration province codes run from 001 (Hà Nội) to 096 (Cà Mau).
	if province, _ := strconv.Atoi(pid[:3]); province < 1 || province > 96 {
		return fmt.Errorf("personal_id %q: province code %s out of range 001-096", pid, pid[:3])
	}
	if birthYear < 1900 || birthYear > 2399 {
		return fmt.Errorf("personal_id %q: birth year %d cannot be encoded", pid, birthYear)
	}
	want := (birthYear/100 - 19) * 2
	if female {
		want++
	}
	if got := int(pid[3] - '0'); got != want {
		return fmt.Errorf("personal_id %q: century/sex digit %d, want %d for a %s born in %d",
			pid, got, want, sexWord(female), birthYear)
	}
	if yy := fmt.Sprintf("%02d", birthYear%100); pid[4:6] != yy {
		return fmt.Errorf("personal_id %q: year digits %s, want %s for birth year %d", pid, pid[4:6], yy, birthYear)
	}
	return nil
}

func sexWord(female bool) string {
	if female {
		return "female"
	}
	return "male"
}
