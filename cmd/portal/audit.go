package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/database"
	"github.com/motlan/portal/web"
)

// errChainBroken makes `portal audit verify` exit non-zero when the log was tampered with.
type errChainBroken struct{ rep audit.Report }

func (e errChainBroken) Error() string {
	return fmt.Sprintf("data-access log chain broken at row %d: %s", e.rep.BrokenSeq, e.rep.Reason)
}

func verifyAudit(ctx context.Context, cfg web.Config, out io.Writer) error {
	pool, err := database.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer pool.Close()
	rep, err := audit.New(pool, nil).Verify(ctx)
	if err != nil {
		return err
	}
	if !rep.OK {
		// The broken chain is the verdict even when it cannot be printed.
		_, err := fmt.Fprintf(out, "BROKEN at row %d (%s); %d rows read\n", rep.BrokenSeq, rep.Reason, rep.Rows)
		return errors.Join(errChainBroken{rep}, err)
	}
	_, err = fmt.Fprintf(out, "OK: %d rows, chain intact\n", rep.Rows)
	return err
}
