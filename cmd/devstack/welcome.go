package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/database"
	"github.com/motlan/portal/services/staff"
)

// staffLine is a demo staff account as the portal knows it: its login at the identity provider,
// and the agency of the portal's directory (the code the admin page and `portal staff add`
// accept, and its name). The simulator's own agency codes are another system's and mean nothing
// to the portal.
type staffLine struct {
	Login, Name, Roles, AgencyCode, AgencyName string
}

// portalStaff reads the staff directory that `portal seed demo` loaded, with agency names.
func portalStaff(ctx context.Context, databaseURL string) ([]staffLine, error) {
	pool, err := database.Open(ctx, databaseURL)
	if err != nil {
		return nil, err
	}
	defer pool.Close()
	members, err := staff.New(pool, nil).List(ctx)
	if err != nil {
		return nil, err
	}
	cat := catalogue.New(pool)
	var out []staffLine
	for _, m := range members {
		if !m.Active() {
			continue
		}
		l := staffLine{Login: m.Login, Name: m.FullName, Roles: strings.Join(m.Roles, ", "), AgencyCode: m.AgencyCode}
		if m.AgencyCode != "" {
			a, err := cat.Agency(ctx, m.AgencyCode)
			if err != nil {
				return nil, err
			}
			l.AgencyName = a.NameVI
		}
		out = append(out, l)
	}
	return out, nil
}

// writeStaff prints where staff sign in and the demo staff accounts with their agencies.
func writeStaff(w io.Writer, base, password string, lines []staffLine) error {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "Staff sign-in: %s/staff (password %s for every account)\n", base, password)
	fmt.Fprintf(tw, "  LOGIN\tNAME\tROLES\tAGENCY CODE\tAGENCY\n")
	for _, l := range lines {
		code, name := l.AgencyCode, l.AgencyName
		if code == "" {
			code, name = "-", "(no agency)"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", l.Login, l.Name, l.Roles, code, name)
	}
	return tw.Flush()
}
