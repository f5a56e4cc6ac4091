package main

import (
	"os"
	"runtime/debug"
)

// tuneGC sets the collector for a web server, unless the operator set GOGC or GOMEMLIMIT. The
// portal's live heap is small (tens of MB) and nearly all its garbage dies with its request; at
// the default GOGC=100 the collector took about a seventh of the CPU under load (make bench,
// profile of the dashboard). Collecting at five times the live heap, with a soft limit of
// 128 MiB that makes it collect sooner should the heap ever grow, keeps the process well under
// the 150 MB it is allowed.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(128 << 20)
	}
}
