package i18n

import (
	"strconv"
	"time"
)

// appendDate appends t's civil date as time.Format would with "02/01/2006" (vi) or
// "2 Jan 2006" (en); TestDatesAsTimeFormat holds them to it.
func appendDate(b []byte, t time.Time, en bool) []byte {
	y, m, d := t.Date()
	if en {
		b = strconv.AppendInt(b, int64(d), 10)
		b = append(b, ' ')
		b = append(b, m.String()[:3]...)
		b = append(b, ' ')
		return appendYear(b, y)
	}
	b = appendTwo(b, d)
	b = append(b, '/')
	b = appendTwo(b, int(m))
	b = append(b, '/')
	return appendYear(b, y)
}

// digits are the two-digit numbers 00–99, what a day, month, hour or minute is written as.
const digits = "00010203040506070809" + "10111213141516171819" + "20212223242526272829" + "30313233343536373839" +
	"40414243444546474849" + "50515253545556575859" + "60616263646566676869" + "70717273747576777879" +
	"80818283848586878889" + "90919293949596979899"

// appendTwo appends n (0–99) as two digits.
func appendTwo(b []byte, n int) []byte {
	return append(b, digits[2*n:2*n+2]...)
}

// appendYear appends y as "2006" does: at least four digits, a sign before a negative year.
func appendYear(b []byte, y int) []byte {
	if y < 0 {
		b = append(b, '-')
		y = -y
	}
	for w := 1000; w > 1 && y < w; w /= 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(y), 10)
}
