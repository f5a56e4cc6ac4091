package audit

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// ArchiveReport is what VerifyArchive found in a valid archive.
type ArchiveReport struct {
	Month    string
	Rows     int64
	Subjects int64 // citizens with rows in the month
}

// VerifyArchive checks an archive offline: it must be one month's header, then rows of that
// month whose chains check out, each citizen's from the hash its first row links to. The
// signature is checked apart (Signature.Verify), over the same bytes.
func VerifyArchive(r io.Reader) (ArchiveReport, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	if !sc.Scan() {
		return ArchiveReport{}, errors.Join(errors.New("audit: archive: no header"), sc.Err())
	}
	var h archiveHeader
	if err := strictUnmarshal(sc.Bytes(), &h); err != nil {
		return ArchiveReport{}, fmt.Errorf("audit: archive: header: %w", err)
	}
	from, to, err := MonthRange(h.Month)
	if err != nil || h.Format != ArchiveFormat || !h.From.Equal(from) || !h.To.Equal(to) {
		return ArchiveReport{}, fmt.Errorf("audit: archive: header: not a %s archive of one month", ArchiveFormat)
	}
	rep := ArchiveReport{Month: h.Month}
	check := &chainCheck{}
	for line := 2; sc.Scan(); line++ {
		var a archiveRow
		if err := strictUnmarshal(sc.Bytes(), &a); err != nil {
			return rep, fmt.Errorf("audit: archive: line %d: %w", line, err)
		}
		v, err := a.verifyRow()
		if err != nil {
			return rep, fmt.Errorf("audit: archive: line %d: %w", line, err)
		}
		if v.AccessedAt.Before(from) || !v.AccessedAt.Before(to) {
			return rep, fmt.Errorf("audit: archive: line %d: row %d is not of %s", line, v.Seq, h.Month)
		}
		if check.subject != v.SubjectPersonalID {
			rep.Subjects++
		}
		if err := check.add(v); err != nil {
			return rep, fmt.Errorf("audit: archive: line %d: row %d: %w", line, v.Seq, err)
		}
		rep.Rows++
	}
	if err := sc.Err(); err != nil {
		return rep, fmt.Errorf("audit: archive: %w", err)
	}
	return rep, nil
}

func strictUnmarshal(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// chainCheck checks rows coming each citizen's together and in chain order: a citizen's first
// row may start anywhere (it links to a row of an earlier month, or to 32 zero bytes when it is
// the chain's first), and each next one must be the next of the chain. The citizens come in
// increasing order of personal ID (12 digits), so one seen before cannot come back to hide a gap.
type chainCheck struct {
	subject string
	prev    []byte
	last    int64
}

var zeroHash = make([]byte, sha256.Size)

func (c *chainCheck) add(r verifyRow) error {
	if r.SubjectPersonalID != c.subject {
		if r.SubjectPersonalID < c.subject {
			return fmt.Errorf("the rows of citizen %s are not together", r.SubjectPersonalID)
		}
		c.subject, c.prev, c.last = r.SubjectPersonalID, r.prevHash, r.SubjectSeq-1
		if r.SubjectSeq == 1 && !bytes.Equal(r.prevHash, zeroHash) {
			return errors.New("the first row of a chain links to a row before it")
		}
	}
	switch {
	case r.chain != 2:
		return errors.New("it is not a row of a citizen's chain")
	case r.SubjectSeq < 1 || r.SubjectSeq != c.last+1:
		return fmt.Errorf("row %d of this citizen's chain is missing (this is row %d)", c.last+1, r.SubjectSeq)
	case !bytes.Equal(r.prevHash, c.prev):
		return errors.New("its link to the citizen's previous row does not match")
	case !bytes.Equal(hashSubjectEntry(c.prev, r.Entry), r.hash):
		return errors.New("its content does not match its hash")
	}
	c.prev, c.last = r.hash, r.SubjectSeq
	return nil
}
