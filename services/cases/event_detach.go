package cases

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// RecordEventExport notes that the archive of month holds res, so DetachEvents may detach the
// month. A month already detached is not exported again.
func (s *Service) RecordEventExport(ctx context.Context, month string, res EventExport, fingerprint string) error {
	from, _, err := EventMonthRange(month)
	if err != nil {
		return err
	}
	tag, err := s.pool.Exec(ctx, `INSERT INTO case_event_archives (month, rows, max_id, archive_sha256, key_fingerprint, exported_at)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (month) DO UPDATE SET rows = excluded.rows, max_id = excluded.max_id, archive_sha256 = excluded.archive_sha256,
			key_fingerprint = excluded.key_fingerprint, exported_at = excluded.exported_at
		WHERE case_event_archives.detached_at IS NULL`, from, res.Rows, res.MaxID, res.SHA256, fingerprint, s.now())
	if err != nil {
		return fmt.Errorf("cases: record event export: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("cases: record event export: %s is detached already", month)
	}
	return nil
}

// ErrNotDetachable says why a month of the timeline cannot be detached yet.
var ErrNotDetachable = errors.New("cases: month not detachable")

// DetachEvents detaches the partition of month from case_events, leaving it a table of its own
// (case_events_YYYY_MM) to archive and drop. Only a past month, the oldest still attached, and
// only when its last export holds every event it has now; the newest event of each case in it
// becomes the case's anchor (case_event_anchors), so the case's chain goes on from there and
// still verifies.
func (s *Service) DetachEvents(ctx context.Context, month string) (string, error) {
	from, to, err := EventMonthRange(month)
	if err != nil {
		return "", err
	}
	now := s.now().UTC()
	if to.After(time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)) {
		return "", fmt.Errorf("%w: %s has not ended", ErrNotDetachable, month)
	}
	part := "case_events_" + from.Format("2006_01")
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return "", fmt.Errorf("cases: detach events: %w", err)
	}
	defer func() { _ = tx.Rollback(ctx) }() // no-op once committed
	// Nobody appends while the month is compared with its archive and detached.
	if _, err := tx.Exec(ctx, `LOCK TABLE case_events IN ACCESS EXCLUSIVE MODE`); err != nil {
		return "", fmt.Errorf("cases: detach events: %w", err)
	}
	var attached bool
	if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
		WHERE i.inhparent = 'case_events'::regclass AND c.relname = $1)`, part).Scan(&attached); err != nil {
		return "", fmt.Errorf("cases: detach events: %w", err)
	}
	if !attached {
		return "", fmt.Errorf("%w: %s is not a partition of case_events", ErrNotDetachable, part)
	}
	var archRows, archMax int64
	err = tx.QueryRow(ctx, `SELECT rows, max_id FROM case_event_archives WHERE month = $1`, from).Scan(&archRows, &archMax)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", fmt.Errorf("%w: %s was never exported (portal audit export -table case_events -month %s)", ErrNotDetachable, month, month)
	}
	if err != nil {
		return "", fmt.Errorf("cases: detach events: %w", err)
	}
	var rows, maxID int64
	if err := tx.QueryRow(ctx, `SELECT count(*), coalesce(max(id), 0) FROM case_events WHERE at >= $1 AND at < $2`, from, to).
		Scan(&rows, &maxID); err != nil {
		return "", fmt.Errorf("cases: detach events: %w", err)
	}
	if rows != archRows || maxID != archMax {
		return "", fmt.Errorf("%w: %s has %d events now, its archive %d: export it again", ErrNotDetachable, month, rows, archRows)
	}
	var older bool
	if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM case_events WHERE at < $1)`, from).Scan(&older); err != nil {
		return "", fmt.Errorf("cases: detach events: %w", err)
	}
	if older {
		return "", fmt.Errorf("%w: older events are still attached: detach the oldest month first", ErrNotDetachable)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO case_event_anchors (case_id, seq, hash, at, month)
		SELECT DISTINCT ON (case_id) case_id, seq, hash, at, $1::date FROM case_events WHERE at >= $2 AND at < $3
		ORDER BY case_id, seq DESC
		ON CONFLICT (case_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, at = excluded.at, month = excluded.month
		WHERE excluded.seq > case_event_anchors.seq`, from, from, to); err != nil {
		return "", fmt.Errorf("cases: detach events: anchors: %w", err)
	}
	if _, err := tx.Exec(ctx, `ALTER TABLE case_events DETACH PARTITION `+pgx.Identifier{part}.Sanitize()); err != nil {
		return "", fmt.Errorf("cases: detach events: %w", err)
	}
	if _, err := tx.Exec(ctx, `UPDATE case_event_archives SET detached_at = $1 WHERE month = $2`, now, from); err != nil {
		return "", fmt.Errorf("cases: detach events: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return "", fmt.Errorf("cases: detach events: %w", err)
	}
	return part, nil
}
