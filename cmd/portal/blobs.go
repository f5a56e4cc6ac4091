package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/database"
	"github.com/motlan/portal/web"
)

// blobsCommand runs `portal blobs gc [-grace 24h]`: it deletes the S3 objects no file or issued
// document names that are older than the grace period (BLOB_STORE=s3; the database store
// deletes a content with its last file and has nothing to collect). The portal's jobs run the
// same collection hourly (services/jobs.BlobsGCWorker); the command is for an operator's run.
func blobsCommand(ctx context.Context, cfg web.Config, args []string, out io.Writer) error {
	if len(args) == 0 || args[0] != "gc" {
		return errors.New("usage: portal blobs gc [-grace 24h]")
	}
	fs := flag.NewFlagSet("blobs gc", flag.ContinueOnError)
	grace := fs.Duration("grace", attachments.CollectGrace, "keep unreferenced objects younger than this")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *grace < time.Minute {
		return errors.New("blobs gc: -grace must be at least 1m: an upload's transaction may still be open")
	}
	if cfg.BlobStore != web.BlobStoreS3 {
		_, err := fmt.Fprintln(out, "BLOB_STORE=postgres: contents go with their last file; nothing to collect")
		return err
	}
	pool, err := database.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer pool.Close()
	b, err := attachments.OpenS3(ctx, cfg.S3, cfg.Now)
	if err != nil {
		return err
	}
	got, err := b.Collect(ctx, pool, *grace)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(out, "%d objects, %d deleted, %d held by open uploads\n", got.Objects, got.Deleted, got.Held)
	return err
}
