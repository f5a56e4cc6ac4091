package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/motlan/portal/services/database"
	"github.com/motlan/portal/services/staff"
	"github.com/motlan/portal/web"
)

const staffUsage = `usage:
  portal staff add -login LOGIN -name "FULL NAME" -roles officer[,supervisor,helpdesk,admin] [-agency CODE] [-email ADDRESS]
  portal staff list
  portal staff disable LOGIN`

// staffCommand manages the staff directory from the command line.
func staffCommand(ctx context.Context, cfg web.Config, args []string, out io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("%s", staffUsage)
	}
	pool, err := database.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer pool.Close()
	dir := staff.New(pool, nil)
	switch args[0] {
	case "add":
		fs := flag.NewFlagSet("staff add", flag.ContinueOnError)
		fs.SetOutput(out)
		login := fs.String("login", "", "login name at the workforce identity provider")
		name := fs.String("name", "", "full name")
		roles := fs.String("roles", "", "comma-separated roles: officer, supervisor, helpdesk, admin")
		agency := fs.String("agency", "", "agency code (officers and supervisors)")
		email := fs.String("email", "", "email address for reminders")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		m, err := dir.Add(ctx, staff.Member{Login: *login, FullName: *name, Roles: strings.Split(*roles, ","), AgencyCode: *agency, Email: *email})
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(out, "added %s (%s) to %s as %s\n", m.Login, m.FullName, orDash(m.AgencyCode), strings.Join(m.Roles, ", "))
		return err
	case "list":
		members, err := dir.List(ctx)
		if err != nil {
			return err
		}
		w := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
		fmt.Fprintln(w, "LOGIN\tNAME\tAGENCY\tROLES\tSTATUS")
		for _, m := range members {
			status := "active"
			if !m.Active() {
				status = "disabled"
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", m.Login, m.FullName, orDash(m.AgencyCode), strings.Join(m.Roles, ","), status)
		}
		return w.Flush()
	case "disable":
		if len(args) != 2 {
			return fmt.Errorf("%s", staffUsage)
		}
		if err := dir.Disable(ctx, args[1]); err != nil {
			return err
		}
		_, err := fmt.Fprintf(out, "disabled %s\n", args[1])
		return err
	}
	return fmt.Errorf("%s", staffUsage)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
