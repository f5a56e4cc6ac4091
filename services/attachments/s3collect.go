package attachments

import (
	"context"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/minio/minio-go/v7"

	"github.com/motlan/portal/services/attachments/internal/attachmentsdb"
)

// Collected is what one run of Collect did.
type Collected struct {
	Objects int // contents in the bucket
	Deleted int // of them, deleted: no file named them and they were older than the grace period
	Held    int // of them, left because an upload held them (the next run looks again)
}

// CollectGrace is how old an unreferenced object must be before the collection deletes it, by
// default (`portal blobs gc`) and in the hourly job (services/jobs): far longer than any
// transaction that uploads a content and writes what names it stays open.
const CollectGrace = 24 * time.Hour

// collectBatch is how many objects one transaction of Collect looks at.
const collectBatch = 500

// Collect deletes the objects no file names that were written longer than grace ago: those of
// deleted files and of uploads whose transaction rolled back. An upload holds its content
// (Put) until its transaction ends; such objects are left for the next run. pool is the
// database whose attachments name the objects. `portal blobs gc` runs it.
func (b *S3Blobs) Collect(ctx context.Context, pool *pgxpool.Pool, grace time.Duration) (Collected, error) {
	var out Collected
	cutoff := b.now().Add(-grace)
	var batch [][]byte
	for obj := range b.client.ListObjects(ctx, b.bucket, minio.ListObjectsOptions{Prefix: objectPrefix, Recursive: true}) {
		if obj.Err != nil {
			return out, fmt.Errorf("attachments: collect: list: %w", obj.Err)
		}
		sum, err := hex.DecodeString(strings.TrimPrefix(obj.Key, objectPrefix))
		if err != nil || len(sum) != 32 {
			continue // not a content of ours
		}
		out.Objects++
		if !obj.LastModified.Before(cutoff) {
			continue
		}
		if batch = append(batch, sum); len(batch) == collectBatch {
			if err := b.collect(ctx, pool, batch, &out); err != nil {
				return out, err
			}
			batch = batch[:0]
		}
	}
	if len(batch) > 0 {
		if err := b.collect(ctx, pool, batch, &out); err != nil {
			return out, err
		}
	}
	return out, nil
}

// collect deletes, in one transaction, those of sums that no upload holds and no file names.
// The transaction keeps them from new uploads until their objects are gone.
func (b *S3Blobs) collect(ctx context.Context, pool *pgxpool.Pool, sums [][]byte, out *Collected) error {
	err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		q := attachmentsdb.New(tx)
		var free [][]byte
		for _, sum := range sums {
			ok, err := q.ObjectTryCollect(ctx, sum)
			if err != nil {
				return err
			}
			if !ok {
				out.Held++
				continue
			}
			free = append(free, sum)
		}
		named, err := q.ObjectsReferenced(ctx, free)
		if err != nil {
			return err
		}
		isNamed := make(map[string]bool, len(named))
		for _, s := range named {
			isNamed[string(s)] = true
		}
		for _, sum := range free {
			if isNamed[string(sum)] {
				continue
			}
			if err := b.client.RemoveObject(ctx, b.bucket, key(sum), minio.RemoveObjectOptions{}); err != nil {
				return fmt.Errorf("remove %s: %w", key(sum), err)
			}
			out.Deleted++
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("attachments: collect: %w", err)
	}
	return nil
}
