package ndxp

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestAccessLogIsARing(t *testing.T) {
	t.Parallel()
	l := newAccessLog(3)
	require.Empty(t, l.newest(-1, nil))
	for i := 1; i <= 5; i++ {
		l.add(LogEntry{Reference: fmt.Sprint(i), Status: 200 + i%2})
	}
	refs := func(es []LogEntry) (out []string) {
		for _, e := range es {
			out = append(out, e.Reference)
		}
		return out
	}
	require.Equal(t, []string{"5", "4", "3"}, refs(l.newest(-1, nil)), "only the latest three, newest first")
	require.Equal(t, []string{"5", "4"}, refs(l.newest(2, nil)))
	require.Equal(t, []string{"5", "3"}, refs(l.newest(-1, func(e *LogEntry) bool { return e.Status == 201 })))
	require.Len(t, l.entries, 3, "bounded")
}

func TestPermuteIsABijection(t *testing.T) {
	t.Parallel()
	seen := make([]bool, million)
	for x := uint64(0); x < million; x++ {
		y := permute(x, 1000, 1000, 42)
		if y >= million || seen[y] {
			t.Fatalf("permute(%d) = %d: out of range or seen before", x, y)
		}
		seen[y] = true
	}
}

func TestGeohash(t *testing.T) {
	t.Parallel()
	require.Equal(t, "u4pruydqqvj", geohash(57.64911, 10.40744, 11))
	require.Equal(t, "w7er8tp74cb6", geohash(21.03385, 105.85236, 12)) // Hàng Bạc, Hà Nội
}

// A synthetic citizen never takes a reserved personal ID (a demo person's): the clash
// gets a new serial with the same province, century, sex and year.
func TestSyntheticIDsAvoidReserved(t *testing.T) {
	t.Parallel()
	u, err := loadUnits()
	require.NoError(t, err)
	v, err := loadVocab()
	require.NoError(t, err)
	plain, err := newSynth(3, 500, u, v, nil)
	require.NoError(t, err)
	reserved := map[uint64]bool{plain.ids[7]: true, plain.ids[300]: true}
	s, err := newSynth(3, 500, u, v, reserved)
	require.NoError(t, err)
	seen := map[uint64]bool{}
	for i, id := range s.ids {
		require.False(t, reserved[id], "citizen %d took a reserved ID", i)
		require.False(t, seen[id], "citizen %d: duplicate ID", i)
		seen[id] = true
		require.Equal(t, plain.ids[i]/million, id/million, "citizen %d keeps the ID prefix", i)
		if i != 7 && i != 300 {
			require.Equal(t, plain.ids[i], id, "citizen %d is unaffected", i)
		}
		got, ok := s.find(id)
		require.True(t, ok)
		require.Equal(t, i, got)
	}
}

func TestEmbeddedDataLoads(t *testing.T) {
	t.Parallel()
	u, err := loadUnits()
	require.NoError(t, err)
	_, err = loadVocab()
	require.NoError(t, err)
	_, err = loadDemo(u)
	require.NoError(t, err)
}

func TestDaysIn(t *testing.T) {
	t.Parallel()
	for year, want := range map[int]int{1900: 365, 2000: 366, 2024: 366, 2026: 365} {
		require.Equal(t, want, daysIn(year), year)
		require.Equal(t, want, yearStart(year+1).AddDate(0, 0, -1).YearDay(), year)
	}
}

// BenchmarkFind measures the personal ID → citizen index lookup alone.
func BenchmarkFind(b *testing.B) {
	u, err := loadUnits()
	require.NoError(b, err)
	v, err := loadVocab()
	require.NoError(b, err)
	s, err := newSynth(1, million, u, v, nil)
	require.NoError(b, err)
	k := 0
	for b.Loop() {
		i := (k * 7919) % million
		if got, ok := s.find(s.ids[i]); !ok || got != i {
			b.Fatalf("find citizen %d: got %d, %v", i, got, ok)
		}
		k++
	}
}

// A database's latency counts from the request's arrival: what the simulator spent looking the
// record up and encoding it is not waited again, and a request that has already taken longer
// than the latency is answered at once.
func TestLatencyCountsFromArrival(t *testing.T) {
	t.Parallel()
	s := &Server{faults: newFaultTable()}
	require.NoError(t, s.SetFault(DBLand, Fault{Latency: time.Hour}))
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	require.NoError(t, s.injectFault(ctx, DBLand, time.Now().Add(-2*time.Hour)), "the hour had passed since the request arrived")
	short, cancelShort := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancelShort()
	require.ErrorIs(t, s.injectFault(short, DBLand, time.Now().Add(-time.Minute)), context.DeadlineExceeded,
		"59 minutes are still to wait, longer than the client waits")
}
