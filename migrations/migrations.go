// Package migrations holds the numbered SQL migrations of the portal's database,
// embedded into the binary and applied by `portal migrate` (goose).
package migrations

import "embed"

// FS holds every migration file; goose reads the version from the file name.
//
//go:embed *.sql
var FS embed.FS
