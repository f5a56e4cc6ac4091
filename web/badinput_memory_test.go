package web_test

import (
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// filler is an endless, allocation-free stream of bytes that differ with seed, so that the
// test's own side of a large post costs no memory and no two files are the same content.
type filler struct {
	seed byte
	n    uint64
}

func (f *filler) Read(p []byte) (int, error) {
	for i := range p {
		f.n++
		p[i] = byte(f.n*2654435761>>13) ^ f.seed
	}
	return len(p), nil
}

// bigPost is a streamed multipart post: fields, then a file part of size bytes (a PDF by its
// first bytes) or, with file == "", a text field of size bytes.
type bigPost struct {
	fields url.Values
	part   string // the name of the big part
	file   bool   // the big part is a file
	size   int64
	seed   byte
}

// request builds the post with its Content-Length known up front, as a browser sends it.
func (bp bigPost) request(t *testing.T, target string) *http.Request {
	t.Helper()
	var head strings.Builder
	w := multipart.NewWriter(&head)
	for k, vs := range bp.fields {
		for _, v := range vs {
			require.NoError(t, w.WriteField(k, v))
		}
	}
	h := textproto.MIMEHeader{}
	if bp.file {
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q; filename="lon.pdf"`, bp.part))
		h.Set("Content-Type", "application/pdf")
	} else {
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q`, bp.part))
	}
	_, err := w.CreatePart(h)
	require.NoError(t, err)
	tail := "\r\n--" + w.Boundary() + "--\r\n"
	prefix := ""
	if bp.file {
		prefix = "%PDF-1.4\n"
	}
	body := io.MultiReader(strings.NewReader(head.String()+prefix),
		io.LimitReader(&filler{seed: bp.seed}, bp.size-int64(len(prefix))), strings.NewReader(tail))
	req, err := http.NewRequest(http.MethodPost, target, body)
	require.NoError(t, err)
	req.ContentLength = int64(head.Len()) + bp.size + int64(len(tail))
	req.Header.Set("Content-Type", w.FormDataContentType())
	return req
}

// send posts and returns the status, or 0 when the portal closed the connection before
// answering (allowed for a body refused while it is still being sent).
func (b *browser) send(req *http.Request) int {
	// The browser's 15 s are for pages; six 10 MB posts at once on a loaded machine (make test
	// runs other packages beside this one) take longer, and a post the client gave up on is
	// neither stored nor refused.
	client := *b.client
	client.Timeout = 2 * time.Minute
	resp, err := client.Do(req)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode
}

// heapPeak samples the Go heap in use until stop is called, and returns its highest value.
func heapPeak() (stop func() uint64) {
	var peak atomic.Uint64
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	return func() uint64 { close(done); <-finished; return peak.Load() }
}

// TestBadInputMemory: large and oversized posts to the step and case-action routes, six at a
// time, keep the portal's heap under 150 MB with `portal serve`'s collector settings: bodies are
// refused past one upload step, files spool to disk, uploads in flight are limited. Not
// parallel: it measures the process's heap, so no other test may run beside it.
func TestBadInputMemory(t *testing.T) {
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitBirthRegistration(t, s, an)
	first := startDraft(t, s, an, "1.001193")
	stepURL := first.url.String()
	token := csrfToken(t, first)
	k := caseOf(t, s, code)
	// Six drafts at their documents step, whose file each large post stores: six saves at once
	// (one draft's saves wait for each other).
	var docsURLs []string
	for range 6 {
		parents := continueStep(t, an, startDraft(t, s, an, "1.001193"), url.Values{
			"child_full_name": {"Nguyễn Ngọc Ánh"}, "child_birth_date": {"2026-11-20"}, "child_sex": {"female"},
			"child_birth_place_kind": {"hospital"}, "birth_facility": {"Bệnh viện Phụ sản Hà Nội"}, "child_ethnicity": {"Kinh"},
		}, nil)
		docs := continueStep(t, an, parents, url.Values{"registration_place": {"father"}}, nil)
		require.Contains(t, docs.url.Path, "/steps/2", textOf(t, docs, testid("error-summary")))
		docsURLs = append(docsURLs, docs.url.String())
	}

	// `portal serve`'s collector (cmd/portal/gc.go), for the measure to be the served one's.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(128 << 20))
	runtime.GC()

	const mb = 1 << 20
	type shot struct {
		target string
		post   bigPost
	}
	step := func(part string, file bool, size int64, seed byte) shot {
		return shot{stepURL, bigPost{fields: url.Values{"_csrf": {token}, "action": {"save"}}, part: part, file: file, size: size, seed: seed}}
	}
	action := func(size int64, seed byte) shot {
		return shot{s.portalURL + "/cases/" + code + "/actions", bigPost{fields: url.Values{"_csrf": {token},
			"action": {"answer_supplement"}, "version": {fmt.Sprint(k.Version)}, "reason": {"Bổ sung"}}, part: "file", file: true, size: size, seed: seed}}
	}
	var bursts [][]shot
	var huge, large, fields []shot
	for i := range 6 {
		huge = append(huge, step("birth_certificate", true, 20*mb, byte(i)), action(20*mb, byte(10+i)))
		docs := step("birth_certificate", true, 10*mb-1024, byte(20+i))
		docs.target = docsURLs[i]
		large = append(large, docs, action(10*mb-1024, byte(30+i)))
		fields = append(fields, step("child_full_name", false, 20*mb, byte(40+i)), step("child_full_name", false, 9*mb, byte(50+i)))
	}
	bursts = append(bursts, huge, large, fields)

	stop := heapPeak()
	var statuses sync.Map
	for _, burst := range bursts {
		var wg sync.WaitGroup
		for i, sh := range burst {
			wg.Go(func() {
				statuses.Store(fmt.Sprintf("%s#%d", sh.target, i), an.send(sh.post.request(t, sh.target)))
			})
		}
		wg.Wait()
	}
	peak := stop()
	t.Logf("heap in use at its peak: %d MiB", peak/mb)
	statuses.Range(func(k, v any) bool {
		st := v.(int)
		require.True(t, st < 500 || st == http.StatusServiceUnavailable, "%s: %d", k, st) // busy, or not a failure
		return true
	})
	require.Less(t, peak, uint64(150*mb), "the portal's heap stays under 150 MB")

	var stored int
	require.NoError(t, s.db.QueryRow(context.Background(), `SELECT count(*) FROM attachments WHERE size_bytes > 9 * 1048576`).Scan(&stored))
	require.Positive(t, stored, "large files were stored, not only refused")

	// The portal still works, and nothing of 20 MB was kept in a short field.
	var longest int
	require.NoError(t, s.db.QueryRow(context.Background(),
		`SELECT coalesce(max(length(answers->>'child_full_name')), 0) FROM drafts`).Scan(&longest))
	require.LessOrEqual(t, longest, 200, "an answer is kept to twice its field's length (100)")
	require.Equal(t, http.StatusOK, an.get(stepURL).status)
}
