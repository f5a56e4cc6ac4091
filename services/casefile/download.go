package casefile

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/casework"
)

// AgencyFiles opens a submitted file for the staff of the agency its case went to
// (services/attachments).
type AgencyFiles interface {
	OpenForAgency(ctx context.Context, agency string, id uuid.UUID) (attachments.Attachment, []byte, error)
}

// Downloads gives an agency's officers the files of its cases. A file is a read of the data of
// everyone its case names, like the case file itself, so each download writes a row in each of
// their data-access logs.
type Downloads struct {
	Files AgencyFiles
	Cases *Service // the case-file service: its cases and data-access log
}

// ForOfficer opens a file of one of the officer's agency's cases. The file is read (and its
// agency checked) first; its access rows are then committed before it is returned, so a file
// never leaves unlogged and a refused or failed read writes nothing. Another agency's file, or
// one of no case, is not found.
func (d Downloads) ForOfficer(ctx context.Context, a casework.Actor, id uuid.UUID) (attachments.Attachment, []byte, error) {
	if a.Kind != casework.KindStaff || (a.Role != casework.RoleOfficer && a.Role != casework.RoleSupervisor) || a.AgencyCode == "" {
		return attachments.Attachment{}, nil, casework.ErrNotFound
	}
	f, content, err := d.Files.OpenForAgency(ctx, a.AgencyCode, id)
	if err != nil {
		return attachments.Attachment{}, nil, err
	}
	s := d.Cases
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		k, err := s.cases.Get(ctx, tx, *f.CaseID)
		if err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, fileAccess(k, a)...)
	})
	if err != nil {
		return attachments.Attachment{}, nil, fmt.Errorf("casefile: file for officer: %w", err)
	}
	return f, content, nil
}

// fileAccess are the rows of an officer downloading a file of case k: the case file's rows
// (staffAccess), saying a file was read.
func fileAccess(k cases.Case, a casework.Actor) []audit.Entry {
	rows := staffAccess(k, a)
	for i := range rows {
		rows[i].Attributes = []string{"case.file"}
	}
	return rows
}
