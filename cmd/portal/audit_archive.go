package main

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/database"
	"github.com/motlan/portal/web"
)

const auditUsage = `usage:
  portal audit verify                          check the data-access log's hash chains in the database
  portal audit verify -archive FILE [-key-fingerprint SHA256:…]
                                               check an archive and its FILE.sig offline
  portal audit export -month YYYY-MM -out FILE write a month's signed archive (FILE and FILE.sig)
  portal audit detach -month YYYY-MM           detach an exported month's partition from the log
  -table case_events                           with export or detach: the case timeline's month, not the log's
                                               (months are UTC: the partitions' bounds)`

// auditCommand runs `portal audit …`.
func auditCommand(ctx context.Context, cfg web.Config, args []string, out io.Writer) error {
	if len(args) == 0 {
		return errors.New(auditUsage)
	}
	fs := flag.NewFlagSet("portal audit "+args[0], flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	month := fs.String("month", "", "the UTC month, YYYY-MM")
	file := fs.String("out", "", "the archive to write")
	archive := fs.String("archive", "", "the archive to check")
	fingerprint := fs.String("key-fingerprint", "", "the signing key's fingerprint, SHA256:…")
	table := fs.String("table", tableAccessLog, "the partitioned history: data_access_log or case_events")
	if err := fs.Parse(args[1:]); err != nil || fs.NArg() > 0 {
		return fmt.Errorf("%v\n%s", errors.Join(err, errors.New("bad arguments")), auditUsage)
	}
	if *table != tableAccessLog && *table != tableCaseEvents {
		return fmt.Errorf("-table %q: want %s or %s\n%s", *table, tableAccessLog, tableCaseEvents, auditUsage)
	}
	switch {
	case *table == tableCaseEvents && args[0] == "export" && *month != "" && *file != "":
		return exportEvents(ctx, cfg, *month, *file, out)
	case *table == tableCaseEvents && args[0] == "detach" && *month != "":
		return detachEvents(ctx, cfg, *month, out)
	case *table == tableCaseEvents:
		return errors.New(auditUsage)
	case args[0] == "verify" && *archive != "":
		return verifyArchive(*archive, *fingerprint, out)
	case args[0] == "verify":
		return verifyAudit(ctx, cfg, out)
	case args[0] == "export" && *month != "" && *file != "":
		return exportAudit(ctx, cfg, *month, *file, out)
	case args[0] == "detach" && *month != "":
		return detachAudit(ctx, cfg, *month, out)
	}
	return errors.New(auditUsage)
}

// exportAudit writes the archive of a month of the data-access log (audit.Service.Export) and
// records the export so the month may be detached.
func exportAudit(ctx context.Context, cfg web.Config, month, file string, out io.Writer) error {
	return exportArchive(ctx, cfg, file, out, func(pool *pgxpool.Pool, w io.Writer) (archived, error) {
		log := audit.New(pool, cfg.Now)
		res, err := log.Export(ctx, month, w)
		return archived{rows: res.Rows, sum: res.SHA256, format: audit.ArchiveFormat, what: "rows of " + month,
			record: func(fp string) error { return log.RecordExport(ctx, month, res, fp) }}, err
	})
}

// archived is what an export wrote: its rows, the SHA-256 of its bytes, the format its signature
// is tagged with, and how to record the export once the archive is in place.
type archived struct {
	rows   int64
	sum    []byte
	format string
	what   string // "rows of 2026-11", for the line printed
	record func(fingerprint string) error
}

// exportArchive writes an archive as file (through file.partial, synced, so a failed export
// leaves no file), signs it with the archive key (AUDIT_ARCHIVE_KEY, made there on first use,
// its fingerprint printed) as file.sig, and then records it.
func exportArchive(ctx context.Context, cfg web.Config, file string, out io.Writer, export func(*pgxpool.Pool, io.Writer) (archived, error)) error {
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
	tmp := file + ".partial"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600) // #nosec G304 G703 -- the operator names the file
	if err != nil {
		return err
	}
	res, err := export(pool, f)
	if err = errors.Join(err, f.Sync(), f.Close()); err != nil {
		return errors.Join(err, os.Remove(tmp)) // #nosec G703 -- as above
	}
	if err := audit.WriteSignature(file+".sig", audit.SignFormat(key, res.format, res.sum)); err != nil {
		return errors.Join(err, os.Remove(tmp)) // #nosec G703 -- as above
	}
	if err := os.Rename(tmp, file); err != nil { // #nosec G703 -- as above
		return err
	}
	if err := res.record(fp); err != nil {
		return err
	}
	_, err = fmt.Fprintf(out, "%s: %d %s, signed by %s\n", file, res.rows, res.what, fp)
	return err
}

// verifyArchive checks an archive and its signature without the database, reading the archive
// once; an archive of the case timeline (its header says so) is checked as one.
func verifyArchive(file, fingerprint string, out io.Writer) error {
	if format, err := archiveFormat(file); err != nil {
		return err
	} else if format == cases.EventArchiveFormat {
		return verifyEventArchive(file, fingerprint, out)
	}
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
	rep, errChains := audit.VerifyArchive(r)
	if _, err := io.Copy(io.Discard, r); err != nil {
		return err
	}
	if err := sig.Verify(h.Sum(nil), fingerprint); err != nil {
		return err
	}
	if errChains != nil {
		return errChains
	}
	note := ""
	if fingerprint == "" {
		note = " (compare it with the published fingerprint, or pass -key-fingerprint)"
	}
	_, err = fmt.Fprintf(out, "OK: %s, %d rows of %d citizens, chains intact, signed by %s%s\n",
		rep.Month, rep.Rows, rep.Subjects, sig.KeyFingerprint, note)
	return err
}

// detachAudit detaches an exported month's partition (audit.Log.Detach).
func detachAudit(ctx context.Context, cfg web.Config, month string, out io.Writer) error {
	pool, err := database.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer pool.Close()
	part, err := audit.New(pool, cfg.Now).Detach(ctx, month)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(out, "detached %s: a table of its own now; drop it once its archive is stored safely\n", part)
	return err
}
