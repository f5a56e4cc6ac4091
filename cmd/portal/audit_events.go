package main

import (
	"bufio"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

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

// exportEvents writes the archive of a month of the case timeline as file, checked on the way,
// and its signature, by the archive key (AUDIT_ARCHIVE_KEY) as the log's, as file.sig; then it
// records the export so the month may be detached.
func exportEvents(ctx context.Context, cfg web.Config, month, file string, out io.Writer) error {
	if err := os.MkdirAll(filepath.Dir(cfg.AuditArchiveKey), 0o700); err != nil {
		return err
	}
	key, created, err := audit.LoadOrCreateKey(cfg.AuditArchiveKey)
	if err != nil {
		return err
	}
	fp := audit.KeyFingerprint(key.Public().(ed25519.PublicKey))
	if created {
		if _, err := fmt.Fprintf(out, "new archive signing key %s: %s (publish this fingerprint)\n", cfg.AuditArchiveKey, fp); err != nil {
			return err
		}
	}
	pool, err := database.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer pool.Close()
	timeline := cases.New(pool, cfg.Now, nil)
	tmp := file + ".partial"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600) // #nosec G304 G703 -- the operator names the file
	if err != nil {
		return err
	}
	res, err := timeline.ExportEvents(ctx, month, f)
	if err = errors.Join(err, f.Sync(), f.Close()); err != nil {
		return errors.Join(err, os.Remove(tmp)) // #nosec G703 -- as above
	}
	if err := audit.WriteSignature(file+".sig", audit.SignFormat(key, cases.EventArchiveFormat, res.SHA256)); err != nil {
		return errors.Join(err, os.Remove(tmp)) // #nosec G703 -- as above
	}
	if err := os.Rename(tmp, file); err != nil { // #nosec G703 -- as above
		return err
	}
	if err := timeline.RecordEventExport(ctx, month, res, fp); err != nil {
		return err
	}
	_, err = fmt.Fprintf(out, "%s: %d case events of %s, signed by %s\n", file, res.Rows, month, fp)
	return err
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
