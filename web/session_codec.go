package web

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"
)

// sessionCodec stores a session in a small binary form. scs's default gob codec sends its type
// descriptions with every session and decodes them again at every request; for the two kinds of
// value the portal keeps (the signed-in user as JSON bytes, and integers) that was a tenth of a
// page's CPU (make bench, dashboard profile).
//
// The form: a version byte (0), the deadline in Unix nanoseconds, the number of values, then per
// value its key, a kind byte and the value; lengths and numbers are varints. Anything else is
// refused: the portal never stored sessions in another form.
type sessionCodec struct{}

const (
	sessionKindBytes = 'b'
	sessionKindInt   = 'i'
)

func (sessionCodec) Encode(deadline time.Time, values map[string]any) ([]byte, error) {
	b := make([]byte, 0, 128)
	b = append(b, 0)
	b = binary.AppendVarint(b, deadline.UnixNano())
	b = binary.AppendUvarint(b, uint64(len(values)))
	for k, v := range values {
		b = binary.AppendUvarint(b, uint64(len(k)))
		b = append(b, k...)
		switch v := v.(type) {
		case []byte:
			b = append(b, sessionKindBytes)
			b = binary.AppendUvarint(b, uint64(len(v)))
			b = append(b, v...)
		case int64:
			b = append(b, sessionKindInt)
			b = binary.AppendVarint(b, v)
		default:
			return nil, fmt.Errorf("web: session value %q: %T is not storable ([]byte or int64)", k, v)
		}
	}
	return b, nil
}

var errSessionForm = errors.New("web: malformed session")

func (sessionCodec) Decode(b []byte) (time.Time, map[string]any, error) {
	if len(b) == 0 || b[0] != 0 {
		return time.Time{}, nil, errSessionForm
	}
	return decodeSession(b[1:])
}

func decodeSession(b []byte) (time.Time, map[string]any, error) {
	ns, n := binary.Varint(b)
	if n <= 0 {
		return time.Time{}, nil, errSessionForm
	}
	b = b[n:]
	count, n := binary.Uvarint(b)
	if n <= 0 || count > uint64(len(b)) {
		return time.Time{}, nil, errSessionForm
	}
	b = b[n:]
	values := make(map[string]any, count)
	for range count {
		key, rest, ok := cutPrefixed(b)
		if !ok || len(rest) == 0 {
			return time.Time{}, nil, errSessionForm
		}
		kind := rest[0]
		b = rest[1:]
		switch kind {
		case sessionKindBytes:
			v, rest, ok := cutPrefixed(b)
			if !ok {
				return time.Time{}, nil, errSessionForm
			}
			values[string(key)] = append([]byte(nil), v...)
			b = rest
		case sessionKindInt:
			v, n := binary.Varint(b)
			if n <= 0 {
				return time.Time{}, nil, errSessionForm
			}
			values[string(key)] = v
			b = b[n:]
		default:
			return time.Time{}, nil, errSessionForm
		}
	}
	if len(b) > 0 {
		return time.Time{}, nil, errSessionForm
	}
	return time.Unix(0, ns), values, nil
}

// cutPrefixed splits b after a varint length and that many bytes. The length is compared with
// what is left before anything is sliced, in uint64 and without arithmetic on it, so a forged
// length (up to 2⁶⁴-1) is refused rather than wrapping around.
func cutPrefixed(b []byte) (chunk, rest []byte, ok bool) {
	l, n := binary.Uvarint(b)
	if n <= 0 {
		return nil, nil, false
	}
	b = b[n:]
	if l > uint64(len(b)) {
		return nil, nil, false
	}
	return b[:l], b[l:], true
}
