package web

import (
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/stretchr/testify/require"
)

func TestSessionCodec(t *testing.T) {
	deadline := time.Date(2026, 11, 27, 20, 0, 0, 0, time.UTC)
	values := map[string]any{citizenKey: []byte(`{"citizen_id":7}`), seenKey: int64(1764270000123)}

	b, err := sessionCodec{}.Encode(deadline, values)
	require.NoError(t, err)
	gotDeadline, got, err := sessionCodec{}.Decode(b)
	require.NoError(t, err)
	require.True(t, deadline.Equal(gotDeadline))
	require.Equal(t, values, got, "values come back with their types")

	// Anything else, such as a session in scs's gob form, is refused.
	gob, err := scs.GobCodec{}.Encode(deadline, map[string]any{citizenKey: []byte("x")})
	require.NoError(t, err)
	_, _, err = sessionCodec{}.Decode(gob)
	require.ErrorIs(t, err, errSessionForm)

	_, err = sessionCodec{}.Encode(deadline, map[string]any{"flash": "a string"})
	require.Error(t, err, "only the kinds of value it can give back are stored")

	// A cut-off session is an error, not a panic.
	for i := 0; i < len(b); i++ {
		_, _, err := sessionCodec{}.Decode(b[:i])
		require.Error(t, err, "cut at %d", i)
	}
}

func BenchmarkSessionDecode(b *testing.B) {
	deadline := time.Now()
	values := map[string]any{citizenKey: []byte(`{"citizen_id":7,"name":"Nguyễn Văn An","loa":2}`), seenKey: int64(1764270000123)}
	for _, c := range []struct {
		name  string
		codec scs.Codec
	}{{"gob", scs.GobCodec{}}, {"portal", sessionCodec{}}} {
		enc, err := c.codec.Encode(deadline, values)
		require.NoError(b, err)
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := c.codec.Decode(enc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
