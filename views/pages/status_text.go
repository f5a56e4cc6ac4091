package pages

import "strconv"

// statusDigits and statusKeys are each status's number as text and its catalogue key, made
// once: a list page shows a status on every row.
var statusDigits, statusKeys = func() (digits, keys [16]string) {
	for i := range digits {
		digits[i] = strconv.Itoa(i)
		keys[i] = "status." + digits[i]
	}
	return digits, keys
}()

// statusNumber is status as text ("3"), the tag's data-status.
func statusNumber(status int) string {
	if status >= 0 && status < len(statusDigits) {
		return statusDigits[status]
	}
	return strconv.Itoa(status)
}

// statusKey is the catalogue key of status's name ("status.3").
func statusKey(status int) string {
	if status >= 0 && status < len(statusKeys) {
		return statusKeys[status]
	}
	return "status." + strconv.Itoa(status)
}
