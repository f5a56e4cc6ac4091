package web

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/alexedwards/scs/v2"
)

// sessionCodec stores a session's values as JSON. scs's default gob codec sends its type
// descriptions with every session and decodes them again at every request; for the two kinds of
// values the portal keeps (the signed-in user as JSON bytes, and integers) that was a tenth of a
// page's CPU. Sessions written by the gob codec are still read, so a deploy signs nobody out.
type sessionCodec struct{}

type sessionRecord struct {
	Deadline time.Time         `json:"deadline"`
	Bytes    map[string][]byte `json:"bytes,omitempty"`
	Ints     map[string]int64  `json:"ints,omitempty"`
}

func (sessionCodec) Encode(deadline time.Time, values map[string]any) ([]byte, error) {
	r := sessionRecord{Deadline: deadline}
	for k, v := range values {
		switch v := v.(type) {
		case []byte:
			if r.Bytes == nil {
				r.Bytes = map[string][]byte{}
			}
			r.Bytes[k] = v
		case int64:
			if r.Ints == nil {
				r.Ints = map[string]int64{}
			}
			r.Ints[k] = v
		default:
			return nil, fmt.Errorf("web: session value %q: %T is not storable ([]byte or int64)", k, v)
		}
	}
	return json.Marshal(r)
}

func (sessionCodec) Decode(b []byte) (time.Time, map[string]any, error) {
	if len(b) == 0 || b[0] != '{' {
		return scs.GobCodec{}.Decode(b)
	}
	var r sessionRecord
	if err := json.Unmarshal(b, &r); err != nil {
		return time.Time{}, nil, err
	}
	values := make(map[string]any, len(r.Bytes)+len(r.Ints))
	for k, v := range r.Bytes {
		values[k] = v
	}
	for k, v := range r.Ints {
		values[k] = v
	}
	return r.Deadline, values, nil
}
