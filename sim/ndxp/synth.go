package ndxp

import (
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"sync"
)

// MaxSynthetic is the largest number of synthetic citizens a Server generates.
const MaxSynthetic = 10_000_000

const (
	indexBits = 24 // low bits of an index key: the citizen's index (MaxSynthetic < 1<<24)
	indexMask = 1<<indexBits - 1
	million   = 1_000_000
)

// synth is the synthetic population. Only what it takes to find people is kept: where
// each household starts and every citizen's personal ID (sorted, for lookup). All other
// facts of a citizen, their household, parcels and insurance are derived again from the
// seed and the household's or citizen's index whenever they are asked for.
type synth struct {
	seed  uint64
	units *units
	vocab *vocab
	start []int32  // start[h] = index of household h's head; ascending
	ids   []uint64 // ids[i] = personal ID of citizen i, as a number
	keys  []uint64 // id<<indexBits | i, sorted: the personal ID → index lookup
}

func newSynth(seed int64, n int, u *units, v *vocab, reserved map[uint64]bool) (*synth, error) {
	if n < 0 || n > MaxSynthetic {
		return nil, fmt.Errorf("synthetic citizens: %d, want 0..%d", n, MaxSynthetic)
	}
	s := &synth{seed: uint64(seed), units: u, vocab: v}
	s.start = make([]int32, 0, n/3+1)
	for total, h := 0, 0; total < n; h++ {
		s.start = append(s.start, int32(total))
		total += min(int(shapeOf(s.seed, h).size), n-total)
	}
	s.ids = make([]uint64, n)
	s.parallel(func(lo, hi int) {
		var hh household
		for h := lo; h < hi; h++ {
			s.derive(h, &hh)
			for j := 0; j < hh.n; j++ {
				m := &hh.m[j]
				i := hh.start + j
				prefix := personalIDPrefix(s.units.provinceCode[m.birthProv], m.year, m.female)
				s.ids[i] = prefix*million + permute(uint64(i%million), 1000, 1000, s.seed^streamSerial)
			}
		}
	})
	s.keys = make([]uint64, n)
	s.sortKeys()
	if err := s.resolveCollisions(reserved); err != nil {
		return nil, err
	}
	return s, nil
}

// parallel runs fn over ranges of households on all processors.
func (s *synth) parallel(fn func(lo, hi int)) {
	households := len(s.start)
	workers := max(1, runtime.GOMAXPROCS(0))
	chunk := (households + workers - 1) / workers
	var wg sync.WaitGroup
	for lo := 0; lo < households; lo += chunk {
		wg.Go(func() { fn(lo, min(lo+chunk, households)) })
	}
	wg.Wait()
}

func (s *synth) sortKeys() {
	for i, id := range s.ids {
		s.keys[i] = id<<indexBits | uint64(i)
	}
	slices.Sort(s.keys)
}

// resolveCollisions gives a new serial to every citizen whose personal ID is reserved or
// already taken by a citizen of lower index. The serials of the first million citizens
// are a permutation, so collisions are rare: they need the same province, birth year and
// sex as a demo person, or a population beyond a million.
func (s *synth) resolveCollisions(reserved map[uint64]bool) error {
	var clash []int
	for k, key := range s.keys {
		id := key >> indexBits
		if reserved[id] || (k > 0 && id == s.keys[k-1]>>indexBits) {
			clash = append(clash, int(key&indexMask))
		}
	}
	if len(clash) == 0 {
		return nil
	}
	taken := make(map[uint64]bool, len(clash))
	for _, i := range clash {
		prefix, serial := s.ids[i]/million, s.ids[i]%million
		found := false
		for step := uint64(1); step < million; step++ {
			id := prefix*million + (serial+step*7919)%million // 7919 is prime, so every serial is tried
			if !reserved[id] && !taken[id] && !s.hasID(id) {
				s.ids[i], taken[id], found = id, true, true
				break
			}
		}
		if !found {
			return fmt.Errorf("synthetic citizens: no personal ID left with prefix %06d", prefix)
		}
	}
	s.sortKeys()
	return nil
}

func (s *synth) hasID(id uint64) bool {
	_, ok := s.find(id)
	return ok
}

// find returns the index of the citizen with the given personal ID.
func (s *synth) find(id uint64) (int, bool) {
	k := sort.Search(len(s.keys), func(k int) bool { return s.keys[k]>>indexBits >= id })
	if k < len(s.keys) && s.keys[k]>>indexBits == id {
		return int(s.keys[k] & indexMask), true
	}
	return 0, false
}

// lookup finds a synthetic citizen by personal ID string.
func (s *synth) lookup(pid string) (int, bool) {
	if s == nil || !validPersonalID(pid) {
		return 0, false
	}
	id, err := strconv.ParseUint(pid, 10, 64)
	if err != nil {
		return 0, false
	}
	return s.find(id)
}

// householdOf returns the household of citizen i.
func (s *synth) householdOf(i int) int {
	return sort.Search(len(s.start), func(h int) bool { return int(s.start[h]) > i }) - 1
}

// size is the number of members of household h.
func (s *synth) size(h int) int {
	if h+1 < len(s.start) {
		return int(s.start[h+1] - s.start[h])
	}
	return len(s.ids) - int(s.start[h])
}

func formatPID(id uint64) string {
	var b [12]byte
	for k := 11; k >= 0; k-- {
		b[k] = byte('0' + id%10)
		id /= 10
	}
	return string(b[:])
}
