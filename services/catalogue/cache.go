package catalogue

import (
	"sync"
	"time"
)

// cache keeps what the catalogue read for a while: procedures and agencies change rarely (an
// administrator publishing a schema clears this replica's cache at once; other replicas follow
// within the TTL), and published schema versions never change.
type cache[K comparable, V any] struct {
	mu  sync.RWMutex
	ttl time.Duration // 0: keep for good
	m   map[K]cached[V]
}

type cached[V any] struct {
	v   V
	exp time.Time
}

func newCache[K comparable, V any](ttl time.Duration) *cache[K, V] {
	return &cache[K, V]{ttl: ttl, m: map[K]cached[V]{}}
}

func (c *cache[K, V]) get(k K) (V, bool) {
	c.mu.RLock()
	e, ok := c.m[k]
	c.mu.RUnlock()
	if !ok || c.ttl > 0 && time.Now().After(e.exp) {
		var zero V
		return zero, false
	}
	return e.v, true
}

func (c *cache[K, V]) put(k K, v V) {
	c.mu.Lock()
	if len(c.m) > 10000 { // bounded: a flood of unknown keys cannot grow it for ever
		c.m = map[K]cached[V]{}
	}
	c.m[k] = cached[V]{v: v, exp: time.Now().Add(c.ttl)}
	c.mu.Unlock()
}

func (c *cache[K, V]) clear() {
	c.mu.Lock()
	c.m = map[K]cached[V]{}
	c.mu.Unlock()
}

// cacheTTL is how long a replica may show a procedure or agency as it was.
const cacheTTL = 30 * time.Second

type versionKey struct {
	code    string
	version int
}
