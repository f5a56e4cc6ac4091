package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/database"
	"github.com/motlan/portal/web"
)

// The partitioned histories `portal audit export|detach -table` archive.
const (
	tableAccessLog  = "data_access_log"
	tableCaseEvents = "case_events"
)

// exportEvents writes the archive of a month of the case timeline (cases.Service.ExportEvents),
// signed by the log's archive key with the timeline's format, and records the export so the
// month may be detached.
func exportEvents(ctx context.Context, cfg web.Config, month, file string, out io.Writer) error {
	return exportArchive(ctx, cfg, file, out, func(pool *pgxpool.Pool, w io.Writer) (archived, error) {
		timeline := cases.New(pool, cfg.Now, nil)
		res, err := timeline.ExportEvents(ctx, month, w)
		return archived{rows: res.Rows, sum: res.SHA256, format: cases.EventArchiveFormat, what: "case events of " + month,
			record: func(fp string) error { return timeline.RecordEventExport(ctx, month, res, fp) }}, err
	})
}

// detachEvents detaches an exported month's partition of the case timeline (cases.DetachEvents).
func detachEvents(ctx context.Context, cfg web.Config, month string, out io.Writer) error {
	pool, err := database.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer pool.Close()
	part, err := cases.New(pool, cfg.Now, nil).DetachEvents(ctx, month)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(out, "detached %s: a table of its own now; drop it once its archive is stored safely\n", part)
	return err
}

// archiveFormat reads the format an archive's header names.
func archiveFormat(file string) (string, error) {
	f, err := os.Open(file) // #nosec G304 G703 -- the operator names the file
	if err != nil {
		return "", err
	}
	defer func() { _ = f.Close() }() // read only: nothing to lose
	line, err := bufio.NewReader(f).ReadBytes('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	var h struct {
		Format string `json:"format"`
	}
	if err := json.Unmarshal(line, &h); err != nil {
		return "", fmt.Errorf("%s: not an archive: %w", file, err)
	}
	return h.Format, nil
}

// verifyEventArchive checks an archive of the case timeline and its signature without the
// database, reading the archive once.
func verifyEventArchive(file, fingerprint string, out io.Writer) error {
	sig, err := audit.ReadSignature(file + ".sig")
	if err != nil {
		return err
	}
	f, err := os.Open(file) // #nosec G304 G703 -- the operator names the file
	if err != nil {
		return err
	}
	defer func() { _ = f.Close() }() // read only: nothing to lose
	h := sha256.New()
	r := io.TeeReader(f, h)
	rep, errChains := cases.VerifyEventArchive(r)
	if _, err := io.Copy(io.Discard, r); err != nil {
		return err
	}
	if err := sig.VerifyFormat(cases.EventArchiveFormat, h.Sum(nil), fingerprint); err != nil {
		return err
	}
	if errChains != nil {
		return errChains
	}
	note := ""
	if fingerprint == "" {
		note = " (compare it with the published fingerprint, or pass -key-fingerprint)"
	}
	_, err = fmt.Fprintf(out, "OK: case events of %s, %d events of %d cases, chains intact, signed by %s%s\n",
		rep.Month, rep.Rows, rep.Cases, sig.KeyFingerprint, note)
	return err
}
