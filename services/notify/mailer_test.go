package notify_test

import (
	"bufio"
	"context"
	"encoding/base64"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/textproto"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/notify"
)

var vietnamese = notify.Message{
	To:        "an@example.vn",
	Subject:   "[Một Lần] Hồ sơ UBND-00004-261127-0001 đã được tiếp nhận / Application UBND-00004-261127-0001 received",
	Body:      "Kính gửi Nguyễn Văn An,\n\nCơ quan có thẩm quyền đã tiếp nhận hồ sơ “Đăng ký khai sinh (1.001193)” của bạn.\nNgày hẹn trả kết quả: 02/12/2026\n\n-- English --\n\nThe agency has received your application.\n. a line that starts with a dot\n",
	MessageID: "outbox-42",
}

// parse reads an RFC 5322 message and returns its decoded subject and body.
func parse(t *testing.T, raw io.Reader) (*mail.Message, string, string) {
	t.Helper()
	msg, err := mail.ReadMessage(raw)
	require.NoError(t, err)
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	require.NoError(t, err)
	require.Equal(t, "quoted-printable", msg.Header.Get("Content-Transfer-Encoding"))
	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	require.NoError(t, err)
	require.Equal(t, "text/plain", mediaType)
	require.Equal(t, "utf-8", strings.ToLower(params["charset"]))
	body, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
	require.NoError(t, err)
	return msg, subject, strings.ReplaceAll(string(body), "\r\n", "\n")
}

func TestDirMailer(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "mail")
	m := notify.NewDirMailer(dir)
	require.NoError(t, m.Send(ctx, vietnamese))

	path := filepath.Join(dir, "outbox-42.eml")
	f, err := os.Open(path)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, f.Close()) })
	msg, subject, body := parse(t, f)
	require.Equal(t, vietnamese.Subject, subject)
	require.Equal(t, vietnamese.Body, body)
	require.Equal(t, "<outbox-42@localhost>", msg.Header.Get("Message-ID"))
	to, err := msg.Header.AddressList("To")
	require.NoError(t, err)
	require.Equal(t, "an@example.vn", to[0].Address)
	from, err := msg.Header.AddressList("From")
	require.NoError(t, err)
	require.Equal(t, "Một Lần", from[0].Name)
	_, err = msg.Header.Date()
	require.NoError(t, err)
	raw := readFile(t, path)
	for _, r := range raw {
		require.Less(t, r, rune(128), "7-bit: the subject is encoded-words, the body quoted-printable")
	}
	require.True(t, strings.HasPrefix(textproto.MIMEHeader(msg.Header).Get("Subject"), "=?UTF-8?q?"), "encoded-word subject")
	for line := range strings.SplitSeq(raw, "\r\n") {
		require.LessOrEqual(t, len(line), 998, "RFC 5322 line length")
		require.NotContains(t, line, "\n", "CRLF line ends only")
	}

	t.Run("SameMessageIDSameFile", func(t *testing.T) {
		before := readFile(t, path)
		again := vietnamese
		again.Body = "something else"
		require.NoError(t, m.Send(ctx, again))
		require.Equal(t, before, readFile(t, path))
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		require.Len(t, entries, 1)
	})
	t.Run("MessageIDCannotLeaveTheFolder", func(t *testing.T) {
		evil := vietnamese
		evil.MessageID = "../../escape"
		require.NoError(t, m.Send(ctx, evil))
		_, err := os.Stat(filepath.Join(dir, "..", "..", "escape.eml"))
		require.True(t, os.IsNotExist(err))
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		require.Len(t, entries, 2)
	})
	t.Run("ErrBadAddress", func(t *testing.T) {
		bad := vietnamese
		bad.To = "an@example.vn\r\nBcc: everyone@example.vn"
		bad.MessageID = "outbox-43"
		require.Error(t, m.Send(ctx, bad))
	})
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}

// TestSMTPMailer submits to a minimal SMTP server on localhost that offers AUTH but not STARTTLS.
func TestSMTPMailer(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, l.Close()) })
	type session struct {
		auth, from, to string
		data           []byte
	}
	got := make(chan session, 1)
	go func() {
		conn, err := l.Accept()
		if err != nil {
			return
		}
		// The verdict comes from what the client saw; a failed Close changes nothing there.
		defer func() { _ = conn.Close() }()
		tp := textproto.NewConn(conn)
		var s session
		// A failed write ends the session: the client then fails its Send, and so the test.
		if err := tp.PrintfLine("220 fake ESMTP"); err != nil {
			return
		}
		for {
			line, err := tp.ReadLine()
			if err != nil {
				return
			}
			verb, arg, _ := strings.Cut(line, " ")
			var reply string
			switch strings.ToUpper(verb) {
			case "EHLO":
				reply = "250-fake\r\n250 AUTH PLAIN"
			case "AUTH":
				_, cred, _ := strings.Cut(arg, " ")
				b, _ := base64.StdEncoding.DecodeString(cred)
				s.auth = string(b)
				reply = "235 ok"
			case "MAIL":
				s.from = arg
				reply = "250 ok"
			case "RCPT":
				s.to = arg
				reply = "250 ok"
			case "DATA":
				if err := tp.PrintfLine("354 go on"); err != nil {
					return
				}
				if s.data, err = tp.ReadDotBytes(); err != nil {
					return
				}
				reply = "250 queued"
			case "QUIT":
				got <- s
				// The mailer ignores how QUIT ends once the message is queued; so does the test.
				_ = tp.PrintfLine("221 bye")
				return
			default:
				reply = "502 unknown"
			}
			if err := tp.PrintfLine("%s", reply); err != nil {
				return
			}
		}
	}()

	m := notify.NewSMTPMailer(l.Addr().String(), "Một Lần <no-reply@motlan.example>", "portal", "secret")
	require.NoError(t, m.Send(context.Background(), vietnamese))
	s := <-got
	require.Equal(t, "\x00portal\x00secret", s.auth)
	require.Equal(t, "FROM:<no-reply@motlan.example>", s.from)
	require.Equal(t, "TO:<an@example.vn>", s.to)
	msg, subject, body := parse(t, bufio.NewReader(strings.NewReader(string(s.data))))
	require.Equal(t, vietnamese.Subject, subject)
	require.Equal(t, vietnamese.Body, body, "dot-stuffing undone, text intact")
	require.Equal(t, "<outbox-42@motlan.example>", msg.Header.Get("Message-ID"))

	t.Run("ErrBadFrom", func(t *testing.T) {
		require.Error(t, notify.NewSMTPMailer(l.Addr().String(), "not an address", "", "").Send(context.Background(), vietnamese))
	})
}
