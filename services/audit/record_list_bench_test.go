package audit_test

import (
	"context"
	"testing"
)

// BenchmarkMyDataLog is what a My data view does with the log: three rows (one per database),
// then the newest rows to show (myDataRows: mydata.LogRows and one more, to know whether older
// rows follow); before RecordAndList, in two transactions (Record, then ForSubject), now in one.
func BenchmarkMyDataLog(b *testing.B) {
	const myDataRows = 11
	ctx := context.Background()
	const an = "001088012345"
	for _, bc := range []struct {
		name string
		view func(b *testing.B)
	}{
		{"RecordThenForSubject", func(b *testing.B) {
			log, _ := setup(b)
			for b.Loop() {
				if err := log.Record(ctx, entry(an, "citizen-view"), entry(an, "citizen-view"), entry(an, "citizen-view")); err != nil {
					b.Fatal(err)
				}
				if _, err := log.ForSubject(ctx, an, myDataRows); err != nil {
					b.Fatal(err)
				}
			}
		}},
		{"RecordAndList", func(b *testing.B) {
			log, _ := setup(b)
			for b.Loop() {
				if _, err := log.RecordAndList(ctx, an, myDataRows, entry(an, "citizen-view"), entry(an, "citizen-view"), entry(an, "citizen-view")); err != nil {
					b.Fatal(err)
				}
			}
		}},
	} {
		b.Run(bc.name, bc.view)
	}
}
