package cases_test

import (
	"context"
	"testing"
)

// BenchmarkMine is the dashboard's case statements: List and AboutPerson, two statements (two
// round trips, two transactions), against Mine, one.
func BenchmarkMine(b *testing.B) {
	e := setup(b)
	ctx := context.Background()
	for range 3 {
		e.submit(b, e.an, e.draft(b, e.an, true))
	}
	b.Run("ListAndAboutPerson", func(b *testing.B) {
		for b.Loop() {
			if _, err := e.cases.List(ctx, e.an.CitizenID); err != nil {
				b.Fatal(err)
			}
			if _, err := e.cases.AboutPerson(ctx, anPID); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Mine", func(b *testing.B) {
		for b.Loop() {
			if _, err := e.cases.Mine(ctx, e.an.CitizenID, anPID, ""); err != nil {
				b.Fatal(err)
			}
		}
	})
}
