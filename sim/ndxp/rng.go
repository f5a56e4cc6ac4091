package ndxp

// rng is a small deterministic generator (SplitMix64). Every synthetic record is derived
// from its own rng, keyed by the seed, a stream tag and an index, so a record can be
// rebuilt on demand from those three numbers alone and generation can run in parallel.
type rng struct{ s uint64 }

// Streams keep the draws of unrelated facts apart: adding a draw to one record kind does
// not change any other kind.
const (
	streamShape uint64 = iota + 1
	streamPeople
	streamLand
	streamInsurance
	streamSerial
	streamInsuranceCode
	streamEmployer
	streamOldAddress
)

func mix64(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func newRNG(seed, stream, index uint64) rng {
	return rng{s: mix64(seed ^ mix64(stream*0x9e3779b97f4a7c15^mix64(index+0x632be59bd9b4e019)))}
}

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	return mix64(r.s)
}

// intn returns a number in [0, n); n > 0. The modulo bias is far below what matters here.
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// percent reports true with probability p/100.
func (r *rng) percent(p int) bool { return r.intn(100) < p }

// float returns a number in [0, 1).
func (r *rng) float() float64 { return float64(r.next()>>11) / (1 << 53) }

// weighted picks an index by cumulative weights (cum[i] = sum of weights 0..i).
func (r *rng) weighted(cum []int) int {
	x := r.intn(cum[len(cum)-1])
	lo, hi := 0, len(cum)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if cum[mid] > x {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// permute is a keyed bijection on [0, a*b): a few rounds of an alternating Feistel
// network on the mixed-radix digits (x/b, x%b). Each round is invertible, so distinct
// inputs give distinct outputs: the serial parts of identifiers stay unique without a
// lookup table, yet look random.
func permute(x uint64, a, b uint64, key uint64) uint64 {
	hi, lo := x/b, x%b
	for round := uint64(0); round < 4; round++ {
		hi = (hi + mix64(key^(round<<56)^lo)%a) % a
		lo = (lo + mix64(key^(round<<56)^(1<<48)^hi)%b) % b
	}
	return hi*b + lo
}
