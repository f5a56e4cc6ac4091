package cases_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/results"
)

// TestResults checks the rows of signed results: stored in the approval's transaction, one per
// case and per verification code, read back by case, by verification code and by hash, and
// downloaded once.
func TestResults(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := setup(t)
	k := e.submit(t, e.an, e.draft(t, e.an, true))
	other := e.submit(t, e.an, e.draft(t, e.an, true))
	issued := e.clock.Now().Truncate(time.Second)
	pdf := []byte("%PDF-1.7 result")
	sum := sha256.Sum256(pdf)
	res := cases.Result{Code: k.Code + "-KQ1", CaseID: k.ID, AgencyCode: k.AgencyCode, ProcedureCode: k.ProcedureCode,
		VerificationCode: "K7QX-3MPA-9TRD", PDF: pdf, SHA256: sum[:], Signature: []byte("sig"), IssuedAt: issued}
	// add stores r in a transaction of its own, where the agency's key is recorded first.
	add := func(r cases.Result) (bool, error) {
		var stored bool
		err := pgx.BeginFunc(ctx, e.pool, func(tx pgx.Tx) error {
			if _, err := results.NewDBKeys(e.clock.Now).SigningKey(ctx, tx, r.AgencyCode); err != nil {
				return err
			}
			var err error
			stored, err = e.cases.AddResult(ctx, tx, r)
			return err
		})
		return stored, err
	}

	t.Run("RefOf", func(t *testing.T) {
		ref, err := e.cases.RefOf(ctx, e.pool, k.ID)
		require.NoError(t, err)
		require.Equal(t, cases.CaseRef{Code: k.Code, AgencyCode: "CA-00070", ProcedureCode: residence}, ref)
		_, err = e.cases.RefOf(ctx, e.pool, -1)
		require.ErrorIs(t, err, cases.ErrNotFound)
	})

	_, err := e.cases.ResultOfCase(ctx, k.ID)
	require.ErrorIs(t, err, cases.ErrNotFound, "no result yet")
	stored, err := add(res)
	require.NoError(t, err)
	require.True(t, stored)

	t.Run("ErrVerificationCodeTaken", func(t *testing.T) {
		clash := res
		clash.Code, clash.CaseID = other.Code+"-KQ1", other.ID
		stored, err := add(clash)
		require.NoError(t, err)
		require.False(t, stored, "the caller renders again with another code")
	})
	t.Run("ErrSecondResult", func(t *testing.T) {
		second := res
		second.Code, second.VerificationCode = k.Code+"-KQ2", "K7QX-3MPA-9TRE"
		_, err := add(second)
		pgErr, ok := errors.AsType[*pgconn.PgError](err)
		require.True(t, ok, "%v", err)
		require.Equal(t, "23505", pgErr.Code)
	})
	t.Run("OfCase", func(t *testing.T) {
		got, err := e.cases.ResultOfCase(ctx, k.ID)
		require.NoError(t, err)
		want := res
		want.CaseCode, want.Kind = k.Code, cases.DocumentResult // a result unless said otherwise
		require.True(t, got.IssuedAt.Equal(issued))
		got.IssuedAt = issued
		require.Equal(t, want, got)
	})
	t.Run("ByVerificationCode", func(t *testing.T) {
		got, err := e.cases.ResultByVerificationCode(ctx, res.VerificationCode)
		require.NoError(t, err)
		require.Equal(t, res.Code, got.Code)
		require.Equal(t, res.AgencyCode, got.AgencyCode)
		require.Equal(t, res.ProcedureCode, got.ProcedureCode)
		require.True(t, bytes.Equal(pdf, got.PDF))
		require.Equal(t, res.SHA256, got.SHA256)
		require.Equal(t, res.Signature, got.Signature)
		_, err = e.cases.ResultByVerificationCode(ctx, "AAAA-BBBB-CCCC")
		require.ErrorIs(t, err, cases.ErrNotFound)
	})
	t.Run("BySHA256", func(t *testing.T) {
		got, err := e.cases.ResultsBySHA256(ctx, sum[:])
		require.NoError(t, err)
		require.Len(t, got, 1)
		require.Equal(t, res.Code, got[0].Code)
		require.Equal(t, res.Signature, got[0].Signature)
		none := sha256.Sum256([]byte("other"))
		got, err = e.cases.ResultsBySHA256(ctx, none[:])
		require.NoError(t, err)
		require.Empty(t, got)
	})
	t.Run("MarkDownloaded", func(t *testing.T) {
		mark := func(code string) (first bool, err error) {
			err = pgx.BeginFunc(ctx, e.pool, func(tx pgx.Tx) error {
				first, err = e.cases.MarkResultDownloaded(ctx, tx, code, issued.Add(time.Hour))
				return err
			})
			return first, err
		}
		first, err := mark(res.Code)
		require.NoError(t, err)
		require.True(t, first)
		first, err = mark(res.Code)
		require.NoError(t, err)
		require.False(t, first, "only the first download counts")
		got, err := e.cases.ResultOfCase(ctx, k.ID)
		require.NoError(t, err)
		require.NotNil(t, got.DownloadedAt)
		require.True(t, got.DownloadedAt.Equal(issued.Add(time.Hour)))
		_, err = mark(other.Code + "-KQ1")
		require.ErrorIs(t, err, cases.ErrNotFound)
	})
	t.Run("Apology", func(t *testing.T) {
		letter := []byte("%PDF-1.7 apology")
		lsum := sha256.Sum256(letter)
		apology := cases.Result{Code: k.Code + "-XL1", Kind: cases.DocumentApology, CaseID: k.ID, AgencyCode: k.AgencyCode,
			ProcedureCode: k.ProcedureCode, VerificationCode: "HGL8-7Z9K-AXZB", PDF: letter, SHA256: lsum[:], Signature: []byte("sig"),
			IssuedAt: issued}
		stored, err := add(apology)
		require.NoError(t, err)
		require.True(t, stored, "a case has its result and its apology")
		got, err := e.cases.DocumentOfCase(ctx, k.ID, cases.DocumentApology)
		require.NoError(t, err)
		require.Equal(t, apology.Code, got.Code)
		require.True(t, bytes.Equal(letter, got.PDF))
		res, err := e.cases.ResultOfCase(ctx, k.ID)
		require.NoError(t, err)
		require.Equal(t, k.Code+"-KQ1", res.Code, "the apology is not the result")
		list, err := e.cases.SignedDocuments(ctx, e.pool, k.ID)
		require.NoError(t, err)
		require.Len(t, list, 2)
		require.Equal(t, []string{cases.DocumentResult, cases.DocumentApology}, []string{list[0].Kind, list[1].Kind}) // by issue time, then code
		require.Nil(t, list[0].PDF, "a list for the pages carries no PDF")
		err = pgx.BeginFunc(ctx, e.pool, func(tx pgx.Tx) error {
			_, err := e.cases.MarkResultDownloaded(ctx, tx, apology.Code, issued)
			return err
		})
		require.ErrorIs(t, err, cases.ErrNotFound, "an apology is not delivered by its download")

		wrong := apology
		wrong.Code, wrong.VerificationCode, wrong.CaseID = other.Code+"-KQ2", "ZZZZ-YYYY-XXXX", other.ID
		_, err = add(wrong)
		require.Error(t, err, "an apology's code says it is one")
	})
}
