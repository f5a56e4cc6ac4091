package cases

import (
	"strconv"

	"github.com/motlan/portal/services/drafts"
)

// Sources of a file answer that names a document of the citizen's store (drafts.Held) rather than
// an upload: a result or e-receipt issued here (verified), or an upload the citizen kept
// (self-provided). The provenance's RecordRef is "held:<document id>".
const (
	SourceHeldVerified = "held_verified"
	SourceHeldSelf     = "held_self"
)

func heldProvenance(h drafts.Held) Provenance {
	src := SourceHeldSelf
	if h.Verified {
		src = SourceHeldVerified
	}
	return Provenance{Source: src, RecordRef: "held:" + strconv.FormatInt(h.ID, 10)}
}

// HeldDocument returns the document of the citizen's store a file answer of the case names, if
// it names one.
func (c Case) HeldDocument(field string) (id int64, verified, ok bool) {
	h, ok := drafts.ParseHeld(c.Data.String(field))
	return h.ID, h.Verified, ok
}
