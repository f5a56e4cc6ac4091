package drafts

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/drafts/internal/draftdb"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/prefill"
)

// Actions of a step post.
const (
	ActionContinue = "continue" // validate, save, go on
	ActionSave     = "save"     // save and come back later
)

// StepInput is one post of one step.
type StepInput struct {
	Step    int
	Answers forms.Answers     // the step's fields read from the post (forms.FromForm)
	Files   map[string]Upload // file field → the file sent with this post
	Action  string            // continue, save, add:<group>, remove:<group>:<index>
	// Held are the documents of the citizen's store chosen for file fields bound to a document
	// type, checked by the caller as the citizen's own and of that type; Held{} = an upload instead.
	Held map[string]Held
}

// Upload is a file sent with a step.
type Upload struct {
	Name    string    // as the citizen's device named it
	Content io.Reader // read once, up to the store's size limit
}

// Files stores a step's uploads inside the step's transaction (services/attachments), so that a
// post's files and answers commit together. A refused file is a fault.EINVALID returned before
// anything is written. DeleteDraftFilesTx deletes drafts' files and their contents inside the
// transaction that deletes the drafts; DeleteDraftFieldTx one field's file, in the step's
// transaction that chooses a held document for it instead.
type Files interface {
	UploadTx(ctx context.Context, tx pgx.Tx, citizenID int64, draftID uuid.UUID, field, name string, r io.Reader) (attachments.Attachment, error)
	DeleteDraftFilesTx(ctx context.Context, tx pgx.Tx, draftIDs ...uuid.UUID) error
	DeleteDraftFieldTx(ctx context.Context, tx pgx.Tx, draftID uuid.UUID, field string) error
}

// StepResult says what happened.
type StepResult struct {
	Draft      Draft
	Errors     []forms.FieldError // the step's fields, files included
	FileErrors []forms.FieldError // the files refused (too large, empty, of another type); the rest was saved
	Tampered   bool               // a locked value was changed in the post: nothing was saved
	Next       int                // the step to show next; len(steps) = check your answers
}

// ErrSubmitted is returned when a submitted draft is changed.
var ErrSubmitted = fault.New(fault.ECONFLICT, "draft.error.submitted", "drafts")

// SaveStep checks and saves one step. Locked (verified) values must come back unchanged, or the
// whole post is refused; everything else typed is saved even when invalid, so nothing is lost,
// and the step counts as done only when valid. The files and the answers of the post are stored
// in one transaction that holds the draft's row: a second save of the same draft waits for this
// one and applies on top of it.
func (s *Service) SaveStep(ctx context.Context, citizenID int64, id uuid.UUID, in StepInput, rules forms.Rules) (StepResult, error) {
	var res StepResult
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var err error
		res, err = s.saveStep(ctx, tx, citizenID, id, in, rules)
		return err
	})
	if err != nil {
		return StepResult{}, err
	}
	return res, nil
}

func (s *Service) saveStep(ctx context.Context, tx pgx.Tx, citizenID int64, id uuid.UUID, in StepInput, rules forms.Rules) (StepResult, error) {
	d, err := s.get(ctx, tx, citizenID, id, true)
	if err != nil {
		return StepResult{}, err
	}
	if d.SubmittedAt != nil {
		return StepResult{}, ErrSubmitted
	}
	if in.Step < 0 || in.Step >= len(d.Schema.Steps) || in.Step > maxReachable(d) {
		return StepResult{}, fault.New(fault.ENOTFOUND, "error.notfound.body", "drafts.saveStep")
	}
	step := d.Schema.Steps[in.Step]

	if errs := lockedChanged(d, step, in.Answers); len(errs) > 0 {
		return StepResult{Draft: d, Errors: errs, Tampered: true, Next: in.Step}, nil
	}
	var fileErrs []forms.FieldError
	for _, f := range step.Fields {
		if f.Type == forms.TypeFile {
			up, ok := in.Files[f.Name]
			if !ok {
				continue
			}
			if s.files == nil {
				return StepResult{}, fmt.Errorf("drafts: save step: no file store")
			}
			att, err := s.files.UploadTx(ctx, tx, citizenID, d.ID, f.Name, up.Name, up.Content)
			switch {
			case fault.Code(err) == fault.EINVALID: // that field's error; the rest is still saved
				fileErrs = append(fileErrs, forms.FieldError{Field: f.Name, Message: fault.Message(err)})
			case err != nil:
				return StepResult{}, err
			default:
				d.Answers[f.Name] = att.ID.String()
			}
			continue
		}
		if filled, ok := d.Prefill.Fields[f.Name]; ok && filled.Locked {
			continue // keeps the verified value
		}
		if v, ok := in.Answers[f.Name]; ok {
			d.Answers[f.Name] = v
		}
	}
	applyHeld(&d, step, in.Held)
	for field, h := range in.Held {
		// A held document chosen replaces the field's upload: the file leaves the draft.
		if f, _, ok := d.Schema.Field(field); ok && f.Type == forms.TypeFile && f.Document != "" && h.ID > 0 && s.files != nil {
			if err := s.files.DeleteDraftFieldTx(ctx, tx, d.ID, field); err != nil {
				return StepResult{}, err
			}
		}
	}
	s.applyParcel(&d, step)
	applyPerson(&d, step)

	next := in.Step
	var errs []forms.FieldError
	switch {
	case strings.HasPrefix(in.Action, "add:"), strings.HasPrefix(in.Action, "remove:"):
		groupAction(&d, step, in.Action)
	default:
		errs = forms.Validate(step, d.Answers, d.Answers, d.Rules(rules))
		if len(errs) == 0 {
			if !slices.Contains(d.Completed, in.Step) {
				d.Completed = append(d.Completed, in.Step)
				slices.Sort(d.Completed)
			}
			if in.Action != ActionSave {
				next = firstIncomplete(d, in.Step+1)
			}
		} else {
			d.Completed = slices.DeleteFunc(d.Completed, func(i int) bool { return i == in.Step })
		}
	}
	d.Step = next
	if err := s.save(ctx, tx, &d); err != nil {
		return StepResult{}, err
	}
	return StepResult{Draft: d, Errors: append(fileErrs, errs...), FileErrors: fileErrs, Next: next}, nil
}

// maxReachable is the furthest step a citizen may open: every step before it is done.
func maxReachable(d Draft) int {
	return firstIncomplete(d, 0)
}

// firstIncomplete returns the first step from `from` on that is not done, wrapping to the start;
// len(steps) when all are done.
func firstIncomplete(d Draft, from int) int {
	n := len(d.Schema.Steps)
	for i := 0; i < n; i++ {
		j := (from + i) % n
		if !slices.Contains(d.Completed, j) {
			return j
		}
	}
	return n
}

// lockedChanged compares each locked field of the step with what was fetched.
func lockedChanged(d Draft, step forms.Step, posted forms.Answers) []forms.FieldError {
	var errs []forms.FieldError
	for _, f := range step.Fields {
		filled, ok := d.Prefill.Fields[f.Name]
		if !ok || !filled.Locked {
			continue
		}
		got, present := posted[f.Name]
		if !present {
			continue // not posted (a field shown read-only elsewhere): the stored value stands
		}
		want := filled.Value.Value
		if f.Type == forms.TypeGroup {
			want = project(filled.Value.Value, f.Fields)
		}
		if !sameValue(got, want) {
			errs = append(errs, forms.FieldError{Field: f.Name, Message: "validation.locked"})
		}
	}
	return errs
}

// project keeps only the schema's sub-fields of a group's items, as a post carries them.
func project(v any, subs []forms.Field) any {
	items := forms.Answers{"x": v}.Items("x")
	out := make([]forms.Answers, 0, len(items))
	for _, it := range items {
		p := forms.Answers{}
		for _, sf := range subs {
			if v, ok := it[sf.Name]; ok {
				p[sf.Name] = v
			}
		}
		out = append(out, p)
	}
	return out
}

// sameValue compares two answer values through their JSON form, so decoded and fresh values compare alike.
func sameValue(a, b any) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	if err1 != nil || err2 != nil {
		return false
	}
	var va, vb any
	_ = json.Unmarshal(ja, &va)
	_ = json.Unmarshal(jb, &vb)
	return reflect.DeepEqual(normalize(va), normalize(vb))
}

// normalize drops empty strings from maps so an address posted with an empty line equals one
// fetched without it.
func normalize(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, val := range x {
			if s, ok := val.(string); ok && s == "" {
				continue
			}
			out[k] = normalize(val)
		}
		return out
	case []any:
		for i := range x {
			x[i] = normalize(x[i])
		}
		return x
	}
	return v
}

// applyParcel fills and locks the land.parcel.* fields from the chosen parcel.
func (s *Service) applyParcel(d *Draft, step forms.Step) {
	for _, f := range step.Fields {
		if f.Type != forms.TypeParcel {
			continue
		}
		chosen := d.Answers.String(f.Name)
		var opt *prefill.ParcelOption
		for i := range d.Prefill.Parcels {
			if d.Prefill.Parcels[i].RecordID == chosen {
				opt = &d.Prefill.Parcels[i]
			}
		}
		for _, st := range d.Schema.Steps {
			for _, g := range st.Fields {
				if !prefill.IsParcelDetail(g.Prefill) {
					continue
				}
				if opt == nil {
					if filled, ok := d.Prefill.Fields[g.Name]; ok && filled.Locked {
						delete(d.Prefill.Fields, g.Name)
						delete(d.Answers, g.Name)
					}
					continue
				}
				v := opt.Details[g.Prefill]
				if v == "" {
					continue
				}
				d.Answers[g.Name] = v
				d.Prefill.Fields[g.Name] = Filled{Field: g.Name, Locked: true, Value: prefill.Value{
					Binding: g.Prefill, Value: v, Database: "land", RecordRef: opt.RecordID, RetrievedAt: opt.RetrievedAt,
				}}
			}
		}
	}
}

// applyPerson fills and locks the bound fields of a party from the household member chosen
// for it, and unlocks them when the choice is withdrawn.
func applyPerson(d *Draft, step forms.Step) {
	for _, f := range step.Fields {
		if f.Type != forms.TypePerson || d.Schema.Source(d.Prefill.Role, f.Party) != forms.SourceHousehold {
			continue // the party's record was read at start (the applicant's own, the spouse's)
		}
		chosen := d.Answers.String(f.Name)
		var opt *prefill.PersonOption
		for _, m := range d.PersonOptions(f) {
			if m.PersonalID == chosen {
				opt = &m
			}
		}
		if !forms.Visible(f, d.Answers) {
			opt = nil
		}
		for _, st := range d.Schema.Steps {
			for _, g := range st.Fields {
				if g.Party != f.Party || g.Prefill == "" || g.Type == forms.TypePerson {
					continue
				}
				filled, had := d.Prefill.Fields[g.Name]
				ok := false
				var val any
				if opt != nil {
					val, ok = opt.Values()[g.Prefill]
				}
				if !ok {
					if had && filled.Locked {
						delete(d.Prefill.Fields, g.Name)
						delete(d.Answers, g.Name)
					}
					continue
				}
				d.Answers[g.Name] = val
				d.Prefill.Fields[g.Name] = Filled{Field: g.Name, Locked: true, Party: f.Party, Value: prefill.Value{
					Binding: g.Prefill, Value: val, Database: "population", RecordRef: opt.RecordRef, RetrievedAt: opt.RetrievedAt,
					Updated: opt.Updated,
				}}
			}
		}
	}
}

// groupAction adds an empty item to a group or removes one, within its limits.
func groupAction(d *Draft, step forms.Step, action string) {
	parts := strings.Split(action, ":")
	if len(parts) < 2 {
		return
	}
	for _, f := range step.Fields {
		if f.Type != forms.TypeGroup || f.Name != parts[1] {
			continue
		}
		if filled, ok := d.Prefill.Fields[f.Name]; ok && filled.Locked {
			return
		}
		items := d.Answers.Items(f.Name)
		max := f.MaxItems
		if max == 0 {
			max = 10
		}
		switch {
		case parts[0] == "add" && len(items) < max:
			items = append(items, forms.Answers{})
		case parts[0] == "remove" && len(parts) == 3 && len(items) > f.MinItems:
			if i, err := strconv.Atoi(parts[2]); err == nil && i >= 0 && i < len(items) {
				items = slices.Delete(items, i, i+1)
			}
		}
		d.Answers[f.Name] = items
	}
}

// save writes the draft's answers and progress, inside the step's transaction.
func (s *Service) save(ctx context.Context, db draftdb.DBTX, d *Draft) error {
	answers, err := json.Marshal(d.Answers)
	if err != nil {
		return fmt.Errorf("drafts: save: %w", err)
	}
	pre, err := json.Marshal(d.Prefill)
	if err != nil {
		return fmt.Errorf("drafts: save: %w", err)
	}
	now := s.cfg.Now()
	d.UpdatedAt, d.ExpiresAt = now, now.Add(s.cfg.TTL)
	completed := append([]int{}, d.Completed...) // never nil: completed_steps is NOT NULL
	n, err := draftdb.New(db).DraftSave(ctx, draftdb.DraftSaveParams{ID: d.ID, CitizenID: d.CitizenID, Answers: answers,
		Prefill: pre, Step: d.Step, CompletedSteps: completed, UpdatedAt: d.UpdatedAt, ExpiresAt: d.ExpiresAt})
	if err != nil {
		return fmt.Errorf("drafts: save: %w", err)
	}
	if n == 0 {
		return ErrSubmitted
	}
	return nil
}
