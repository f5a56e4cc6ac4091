package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/casetest"
	"github.com/motlan/portal/services/database"
	"github.com/motlan/portal/services/registry"
	"github.com/motlan/portal/sim/ndxp"
	"github.com/motlan/portal/sim/vneid"
)

// submitProcedure is household business registration: LoA1, so every demo citizen may apply;
// its steps need no upload; and it goes to the commune committee of the owner's residence, so
// the four demo citizens submit to four agencies (each agency's daily case-code counter is one
// row that every submission to it locks until commit).
const submitProcedure = "1.001612"

// Draft batches, in bench_submit_drafts.
const (
	batchWarmup  = "warmup"  // one per citizen, submitted before the run
	batchPortal  = "portal"  // POSTed to the portal
	batchPgbench = "pgbench" // submitted by the pgbench script
)

// applicant is a demo citizen signed in with its own client, with its completed draft.
type applicant struct {
	pid      string
	id       int64
	client   *http.Client
	template string // the draft completed through the journey, never submitted
	submit   form   // the check page's form: CSRF token and declaration
}

type clonedDraft struct {
	id        string
	applicant *applicant
}

// benchTables hold the cloned drafts and, for pgbench, what each citizen's submission writes.
const benchTables = `
DROP TABLE IF EXISTS bench_submit_drafts, bench_submit_citizens;
DROP SEQUENCE IF EXISTS bench_pgbench_seq;
CREATE TABLE bench_submit_drafts (
    batch      text NOT NULL,
    n          bigint NOT NULL,
    draft_id   uuid PRIMARY KEY,
    template   uuid NOT NULL,
    citizen_id bigint NOT NULL,
    UNIQUE (batch, n)
);
CREATE TABLE bench_submit_citizens (
    citizen_id        bigint PRIMARY KEY,
    pid               text NOT NULL,
    name              text NOT NULL,
    kind              text NOT NULL,
    province          text NOT NULL,
    commune           text NOT NULL,
    procedure_code    text NOT NULL,
    procedure_version integer NOT NULL,
    expected_due_on   date NOT NULL,
    data              jsonb NOT NULL,
    provenance        jsonb NOT NULL,
    parties           jsonb,
    routing_reason_vi text NOT NULL,
    routing_reason_en text NOT NULL,
    nkind             text NOT NULL,
    title_vi          text NOT NULL,
    title_en          text NOT NULL,
    body_vi           text NOT NULL,
    body_en           text NOT NULL,
    email_to          text NOT NULL,
    email_subject     text NOT NULL,
    email_body        text NOT NULL
);
CREATE SEQUENCE bench_pgbench_seq;`

// submitScenario prepares drafts through the real journey, clones them in SQL, runs the
// pgbench reference and then (c) the submissions, and checks the outcome in the database.
func submitScenario(ctx context.Context, s *stack, cfg settings) ([]Result, error) {
	dur, conc := cfg.Duration, cfg.conc("submit")
	apps, skipped, err := prepareApplicants(ctx, s, conc)
	if err != nil {
		return nil, err
	}
	if _, err := s.pool.Exec(ctx, benchTables); err != nil {
		return nil, fmt.Errorf("submissions: bench tables: %w", err)
	}
	secs := int(dur.Seconds() + 0.999)
	portalN, pgbenchN := max(10_000, secs*2000), max(20_000, secs*6000) // pgbench runs twice
	for _, b := range []struct {
		batch string
		n     int
	}{{batchWarmup, len(apps)}, {batchPortal, portalN}, {batchPgbench, pgbenchN}} {
		if err := cloneDrafts(ctx, s.pool, b.batch, apps, b.n); err != nil {
			return nil, fmt.Errorf("submissions: clone %s drafts: %w", b.batch, err)
		}
	}
	if _, err := s.pool.Exec(ctx, `ANALYZE drafts`); err != nil {
		return nil, err
	}

	// Warm up: one submission per citizen through the portal, which also gives pgbench the
	// rows its script writes (the case's data and provenance, the notification's texts).
	warm, err := loadClones(ctx, s.pool, batchWarmup, apps)
	if err != nil {
		return nil, err
	}
	for _, d := range warm {
		if _, err := submitDraft(ctx, s.portalURL, d); err != nil {
			return nil, fmt.Errorf("submissions: warm-up submission as %s: %w", d.applicant.pid, err)
		}
	}
	if err := fillCitizenRows(ctx, s.pool, warm); err != nil {
		return nil, err
	}
	warmed, err := verifyBatch(ctx, s.pool, batchWarmup)
	if err != nil {
		return nil, err
	}
	agencies := strings.Join(warmed.agencies, ", ")

	// The database limit: pgbench at the scenario's concurrency, as the target is stated, and at
	// the portal's pool size. Each submission holds its agency's counter rows until commit, so
	// 64 direct connections queue on them worse than the portal's pool of 20; the reference is
	// whichever of the two the database served faster.
	refs := []Result{}
	for _, c := range slices.Compact([]int{conc, min(conc, int(database.DefaultMaxConns))}) {
		ref, err := runPgbench(ctx, s, c, secs, pgbenchN)
		if err != nil {
			return nil, err
		}
		refs = append(refs, ref)
	}
	ref := slices.MaxFunc(refs, func(a, b Result) int { return cmp.Compare(a.RPS, b.RPS) })

	drafts, err := loadClones(ctx, s.pool, batchPortal, apps)
	if err != nil {
		return nil, err
	}
	var next, created, mismatched atomic.Int64
	wait := s.profile(ctx, cfg, "submit")
	op := func(ctx context.Context, w, i int) error {
		k := next.Add(1) - 1
		if k >= int64(len(drafts)) {
			return fmt.Errorf("ran out of the %d cloned drafts", len(drafts))
		}
		d := drafts[k]
		loc, err := submitDraft(ctx, s.portalURL, d)
		if err != nil {
			return err
		}
		created.Add(1)
		if k%20 == 19 { // a double click must land on the same case
			again, err := submitDraft(ctx, s.portalURL, d)
			if err != nil {
				return fmt.Errorf("second POST of draft %s: %w", d.id, err)
			}
			if again != loc {
				mismatched.Add(1)
				return fmt.Errorf("second POST of draft %s went to %s, the first to %s", d.id, again, loc)
			}
		}
		return nil
	}
	r := s.costed(ctx, byPortal, func() Result { return run(ctx, "(c) submissions POST /drafts/:id/submit", dur, conc, op) })
	if err := wait(); err != nil {
		return nil, err
	}
	v, err := verifyBatch(ctx, s.pool, batchPortal)
	if err != nil {
		return nil, err
	}
	dupes := v.duplicates() + int(mismatched.Load())
	r.Duplicates = &dupes
	problems := v.problems(int(created.Load()))
	if mismatched.Load() > 0 {
		problems = append(problems, fmt.Sprintf("%d double posts answered with another case", mismatched.Load()))
	}
	ratio := 0.0
	if ref.RPS > 0 {
		ratio = r.RPS / ref.RPS
	}
	r.Note = fmt.Sprintf("%.0f%% of the faster pgbench run; %d citizens (%s) each signed in with its own client, one draft of %s completed through the journey and cloned in SQL, each worker POSTs the next unused one; every 20th op POSTs its draft twice (both POSTs in its latency); all go to %s, and each submission holds its agency's case-code counter row (and case_counts row) locked until commit; database check: %s",
		ratio*100, len(apps), strings.Join(pids(apps), ", "), submitProcedure, agencies, v.summary(int(created.Load()), problems))
	if skipped != "" {
		r.Note += "; " + skipped
	}
	r.Target = "≥ 80% of pgbench rps, 0 failed, 0 duplicated"
	r.Met = verdict(r, ratio >= 0.80 && dupes == 0 && len(problems) == 0)
	return append(refs, r), nil
}

func pids(apps []*applicant) []string {
	var out []string
	for _, a := range apps {
		out = append(out, a.pid)
	}
	return out
}

// prepareApplicants signs in up to four demo citizens with distinct personal IDs known to the
// NDXP simulator, each with its own client, and completes one draft for each. A citizen whose
// journey fails is left out (and named in the note); none at all is an error.
func prepareApplicants(ctx context.Context, s *stack, conc int) ([]*applicant, string, error) {
	rc, err := registry.New(registry.Config{BaseURL: s.ndxpURL, ClientID: ndxp.DefaultClientID, ClientSecret: ndxp.DefaultClientSecret}, quiet())
	if err != nil {
		return nil, "", err
	}
	var apps []*applicant
	var skipped []string
	seen := map[string]bool{}
	for _, c := range vneid.DefaultIdentities().Citizens() {
		if len(apps) == 4 || seen[c.PersonalID] {
			continue
		}
		seen[c.PersonalID] = true
		f := rc.Fetch(ctx, registry.Request{PersonalID: c.PersonalID, Purpose: submitProcedure, Reference: "bench-setup"}, []string{registry.Population})
		if f.Population == nil || f.Population.Err != nil {
			why := "no answer"
			if f.Population != nil {
				why = f.Population.Err.Error()
			}
			skipped = append(skipped, c.PersonalID+" left out: the NDXP simulator's population database: "+why)
			continue
		}
		a := &applicant{pid: c.PersonalID, client: newClient(conc)}
		err := signIn(a.client, s.portalURL+"/auth/login", c.PersonalID)
		if err == nil {
			err = s.pool.QueryRow(ctx, `SELECT id FROM citizens WHERE personal_id = $1 AND issuer <> 'bench'`, c.PersonalID).Scan(&a.id)
		}
		if err == nil {
			a.template, a.submit, err = completeDraft(a.client, s.portalURL, submitProcedure, householdBusiness())
		}
		if err != nil {
			fmt.Printf("bench: submissions: leaving out %s: %v\n", c.PersonalID, err)
			skipped = append(skipped, fmt.Sprintf("%s left out: %v", c.PersonalID, err))
			continue
		}
		if !strings.HasSuffix(a.submit.action.Path, "/drafts/"+a.template+"/submit") {
			return nil, "", fmt.Errorf("submissions: the check page posts to %s, not /drafts/%s/submit", a.submit.action.Path, a.template)
		}
		apps = append(apps, a)
	}
	if len(apps) == 0 {
		return nil, "", fmt.Errorf("submissions: no demo citizen could complete a draft of %s: %s", submitProcedure, strings.Join(skipped, "; "))
	}
	fmt.Printf("bench: submissions: %d citizens completed a draft of %s; check page form fields %s\n",
		len(apps), submitProcedure, strings.Join(formKeys(apps[0].submit.values), ", "))
	return apps, strings.Join(skipped, "; "), nil
}

func formKeys(v url.Values) []string {
	var out []string
	for k := range v {
		out = append(out, k)
	}
	return out
}

// submitDraft POSTs draft d's submission as the check page's form does and returns the
// receipt it redirects to.
func submitDraft(ctx context.Context, base string, d clonedDraft) (string, error) {
	body := d.applicant.submit.values.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/drafts/"+d.id+"/submit", strings.NewReader(body))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	h, err := fetch(d.applicant.client, req)
	if err != nil {
		return "", err
	}
	loc, _ := url.Parse(h.loc)
	if h.status != http.StatusSeeOther || loc == nil || !strings.HasPrefix(loc.Path, "/cases/") || strings.Count(loc.Path, "/") < 3 {
		return "", fmt.Errorf("POST /drafts/%s/submit: status %d, location %q, want 303 to /cases/<code>/receipt", d.id, h.status, h.loc)
	}
	return loc.Path, nil
}

// cloneDrafts copies each applicant's completed draft n/len(apps) times (rounded up) into
// batch: every column but the id, with submitted_at NULL, and its attachment rows if any.
// Clone n of the batch belongs to applicant (n-1) mod len(apps), so the citizens interleave.
func cloneDrafts(ctx context.Context, pool *pgxpool.Pool, batch string, apps []*applicant, n int) error {
	cols, err := columns(ctx, pool, "drafts", "id", "submitted_at")
	if err != nil {
		return err
	}
	per := (n + len(apps) - 1) / len(apps)
	q := `WITH g AS MATERIALIZED (SELECT i, gen_random_uuid() AS id FROM generate_series(1, $2::int) AS i),
		ins AS (INSERT INTO drafts (id, submitted_at, ` + strings.Join(cols, ", ") + `)
			SELECT g.id, NULL, d.` + strings.Join(cols, ", d.") + ` FROM g CROSS JOIN drafts d WHERE d.id = $1 RETURNING 1)
		INSERT INTO bench_submit_drafts (batch, n, draft_id, template, citizen_id)
		SELECT $3, (g.i - 1) * $4 + $5, g.id, d.id, d.citizen_id FROM g CROSS JOIN drafts d WHERE d.id = $1`
	for k, a := range apps {
		tag, err := pool.Exec(ctx, q, a.template, per, batch, len(apps), k+1)
		if err != nil {
			return err
		}
		if tag.RowsAffected() != int64(per) {
			return fmt.Errorf("template %s: %d clones, want %d", a.template, tag.RowsAffected(), per)
		}
	}
	acols, err := columns(ctx, pool, "attachments", "id", "draft_id", "case_id")
	if err != nil {
		return err
	}
	_, err = pool.Exec(ctx, `INSERT INTO attachments (id, draft_id, `+strings.Join(acols, ", ")+`)
		SELECT gen_random_uuid(), b.draft_id, a.`+strings.Join(acols, ", a.")+`
		FROM bench_submit_drafts b JOIN attachments a ON a.draft_id = b.template WHERE b.batch = $1`, batch)
	return err
}

// columns lists table's writable columns but the excluded ones, quoted.
func columns(ctx context.Context, pool *pgxpool.Pool, table string, exclude ...string) ([]string, error) {
	rows, err := pool.Query(ctx, `SELECT column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = $1 AND NOT (column_name = ANY($2))
			AND is_generated = 'NEVER' AND coalesce(identity_generation, '') <> 'ALWAYS'
		ORDER BY ordinal_position`, table, exclude)
	if err != nil {
		return nil, err
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, err
	}
	for i, n := range names {
		names[i] = pgx.Identifier{n}.Sanitize()
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no columns of %s", table)
	}
	return names, nil
}

func loadClones(ctx context.Context, pool *pgxpool.Pool, batch string, apps []*applicant) ([]clonedDraft, error) {
	byID := map[int64]*applicant{}
	for _, a := range apps {
		byID[a.id] = a
	}
	rows, err := pool.Query(ctx, `SELECT draft_id::text, citizen_id FROM bench_submit_drafts WHERE batch = $1 ORDER BY n`, batch)
	if err != nil {
		return nil, err
	}
	var out []clonedDraft
	for rows.Next() {
		var id string
		var cid int64
		if err := rows.Scan(&id, &cid); err != nil {
			return nil, err
		}
		out = append(out, clonedDraft{id: id, applicant: byID[cid]})
	}
	return out, rows.Err()
}

// fillCitizenRows keeps, per citizen, what the warm-up submission wrote, for pgbench: the case as
// services/cases reads it (ForDraft), its agency, procedure and notification, and the email
// queued with it (empty for a citizen without a verified address).
func fillCitizenRows(ctx context.Context, pool *pgxpool.Pool, warm []clonedDraft) error {
	caseSvc := cases.New(pool, nil, quiet())
	filled := int64(0)
	for _, d := range warm {
		draftID, err := uuid.Parse(d.id)
		if err != nil {
			return err
		}
		c, err := caseSvc.ForDraft(ctx, d.applicant.id, draftID)
		if err != nil {
			return fmt.Errorf("submissions: the warm-up case of draft %s: %w", d.id, err)
		}
		data, err := json.Marshal(c.Data)
		if err != nil {
			return err
		}
		prov, err := json.Marshal(c.Provenance)
		if err != nil {
			return err
		}
		tag, err := pool.Exec(ctx, `INSERT INTO bench_submit_citizens
			SELECT $1::bigint, $2::text, $3::text, p.agency_kind, a.province_code, coalesce(a.commune_code, ''),
				p.code, $4::integer, $5::date, $6::jsonb, $7::jsonb, k.parties, k.routing_reason_vi, k.routing_reason_en,
				n.kind, n.title_vi, n.title_en, n.body_vi, n.body_en,
				coalesce(o.to_address, ''), coalesce(o.subject, ''), coalesce(o.body_text, '')
			FROM agencies a, procedures p, cases k, notifications n
			LEFT JOIN email_outbox o ON o.dedupe_key = 'case:' || n.case_id || ':event:' || n.case_event_id
			WHERE a.code = $8 AND p.code = $9 AND n.case_id = $10 AND k.id = $10`,
			c.CitizenID, c.ApplicantPID, c.ApplicantName, c.ProcedureVersion, c.ExpectedDueOn, data, prov,
			c.AgencyCode, c.ProcedureCode, c.ID)
		if err != nil {
			return fmt.Errorf("submissions: warm-up rows: %w", err)
		}
		filled += tag.RowsAffected()
	}
	if filled == 0 {
		return errors.New("submissions: the warm-up submissions left no case with a notification")
	}
	return nil
}

// batchCheck is what the database holds of a batch's submissions.
type batchCheck struct {
	cases, distinct, notNew, submittedDrafts int
	agencies                                 []string
}

// verifyBatch counts the cases of the batch's drafts through their owner's check
// (casetest.SubmissionCheck) and the drafts marked submitted.
func verifyBatch(ctx context.Context, pool *pgxpool.Pool, batch string) (batchCheck, error) {
	var v batchCheck
	rows, err := pool.Query(ctx, `SELECT draft_id FROM bench_submit_drafts WHERE batch = $1`, batch)
	if err != nil {
		return v, fmt.Errorf("submissions: check %s: %w", batch, err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[uuid.UUID])
	if err != nil {
		return v, fmt.Errorf("submissions: check %s: %w", batch, err)
	}
	got, err := casetest.SubmissionCheck(ctx, pool, ids)
	if err != nil {
		return v, fmt.Errorf("submissions: check %s: %w", batch, err)
	}
	v.cases, v.distinct, v.notNew, v.agencies = got.Cases, got.Drafts, got.NotNew, got.Agencies
	err = pool.QueryRow(ctx, `SELECT count(*) FROM drafts d JOIN bench_submit_drafts b ON b.draft_id = d.id
		WHERE b.batch = $1 AND d.submitted_at IS NOT NULL`, batch).Scan(&v.submittedDrafts)
	if err != nil {
		return v, fmt.Errorf("submissions: check %s: %w", batch, err)
	}
	return v, nil
}

func (v batchCheck) duplicates() int { return v.cases - v.distinct }

// problems compares the database with the number of submissions that succeeded.
func (v batchCheck) problems(succeeded int) []string {
	var out []string
	if v.cases != succeeded {
		out = append(out, fmt.Sprintf("%d cases for %d successful submissions", v.cases, succeeded))
	}
	if d := v.duplicates(); d > 0 {
		out = append(out, fmt.Sprintf("%d drafts with more than one case", d))
	}
	if v.notNew > 0 {
		out = append(out, fmt.Sprintf("%d cases not in status 1", v.notNew))
	}
	if v.submittedDrafts != v.distinct {
		out = append(out, fmt.Sprintf("%d drafts marked submitted for %d with a case", v.submittedDrafts, v.distinct))
	}
	return out
}

func (v batchCheck) summary(succeeded int, problems []string) string {
	if len(problems) == 0 {
		return fmt.Sprintf("%d cases = %d successful submissions, one per draft, all in status 1", v.cases, succeeded)
	}
	return "**" + strings.Join(problems, "; ") + "**"
}
