package audit

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/audit/internal/auditdb"
)

// RecordExport notes that the archive of month holds res, so Detach may detach the month. A
// month already detached is not exported again.
func (l *Log) RecordExport(ctx context.Context, month string, res ExportResult, fingerprint string) error {
	from, _, err := MonthRange(month)
	if err != nil {
		return err
	}
	n, err := auditdb.New(l.pool).ArchiveRecord(ctx, auditdb.ArchiveRecordParams{Month: from, Rows: res.Rows,
		MaxSeq: res.MaxSeq, ArchiveSha256: res.SHA256, KeyFingerprint: fingerprint, ExportedAt: l.now()})
	if err != nil {
		return fmt.Errorf("audit: record export: %w", err)
	}
	if n == 0 {
		return fmt.Errorf("audit: record export: %s is detached already", month)
	}
	return nil
}

// ErrNotDetachable says why a month cannot be detached yet.
var ErrNotDetachable = errors.New("audit: month not detachable")

// Detach detaches the partition of month from data_access_log, leaving it a table of its own
// (data_access_log_YYYY_MM) to archive and drop. Only a past month, the oldest still attached,
// and only when its last export holds every row it has now; the newest row of each citizen's
// chain in it becomes their anchor, from which their chain still verifies (its head, where it
// goes on from, is in data_access_log_heads whatever is detached).
func (l *Log) Detach(ctx context.Context, month string) (string, error) {
	from, to, err := MonthRange(month)
	if err != nil {
		return "", err
	}
	now := l.now().UTC()
	if to.After(time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)) {
		return "", fmt.Errorf("%w: %s has not ended", ErrNotDetachable, month)
	}
	part := "data_access_log_" + from.Format("2006_01")
	tx, err := l.pool.Begin(ctx)
	if err != nil {
		return "", fmt.Errorf("audit: detach: %w", err)
	}
	defer tx.Rollback(ctx)
	q := auditdb.New(tx)
	// Nobody appends while the month is compared with its archive and detached.
	if _, err := tx.Exec(ctx, `LOCK TABLE data_access_log IN ACCESS EXCLUSIVE MODE`); err != nil {
		return "", fmt.Errorf("audit: detach: %w", err)
	}
	attached, err := q.IsPartition(ctx, part)
	if err != nil {
		return "", fmt.Errorf("audit: detach: %w", err)
	}
	if !attached {
		return "", fmt.Errorf("%w: %s is not a partition of data_access_log", ErrNotDetachable, part)
	}
	arch, err := q.ArchiveOfMonth(ctx, from)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", fmt.Errorf("%w: %s was never exported (portal audit export -month %s)", ErrNotDetachable, month, month)
	}
	if err != nil {
		return "", fmt.Errorf("audit: detach: %w", err)
	}
	fig, err := q.MonthFigures(ctx, from, to)
	if err != nil {
		return "", fmt.Errorf("audit: detach: %w", err)
	}
	if fig.Rows != arch.Rows || fig.MaxSeq != arch.MaxSeq {
		return "", fmt.Errorf("%w: %s has %d rows now, its archive %d: export it again", ErrNotDetachable, month, fig.Rows, arch.Rows)
	}
	older, err := q.AnyRowBefore(ctx, from)
	if err != nil {
		return "", fmt.Errorf("audit: detach: %w", err)
	}
	if older {
		return "", fmt.Errorf("%w: older rows are still attached: detach the oldest month first", ErrNotDetachable)
	}
	if err := q.AnchorsFromMonth(ctx, from, from, to); err != nil {
		return "", fmt.Errorf("audit: detach: anchors: %w", err)
	}
	if _, err := tx.Exec(ctx, `ALTER TABLE data_access_log DETACH PARTITION `+pgx.Identifier{part}.Sanitize()); err != nil {
		return "", fmt.Errorf("audit: detach: %w", err)
	}
	if err := q.ArchiveDetached(ctx, &now, from); err != nil {
		return "", fmt.Errorf("audit: detach: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return "", fmt.Errorf("audit: detach: %w", err)
	}
	return part, nil
}

// EnsurePartitions creates the partitions of data_access_log for the month of at and the
// monthsAhead after it, when missing (ensure_monthly_partitions), and returns those it made.
func (l *Log) EnsurePartitions(ctx context.Context, at time.Time, monthsAhead int) ([]string, error) {
	made, err := auditdb.New(l.pool).EnsurePartitions(ctx, at, monthsAhead)
	if err != nil {
		return nil, fmt.Errorf("audit: ensure partitions: %w", err)
	}
	return made, nil
}
