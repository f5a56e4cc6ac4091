package sms_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/sms"
)

func TestText(t *testing.T) {
	t.Parallel()
	require.Equal(t, `Ho so dang ky khai sinh: "Dang xu ly" - Dong Da x`, sms.Text("Hồ sơ đăng ký khai sinh: “Đang xử lý” – Đống Đa [x]"))
	require.Equal(t, "Hoang Thi Sen a b\nDong 2", sms.Text("Hoàng  Thị Sen a~b\nDòng 2 "))
	require.LessOrEqual(t, len(sms.Text(strings.Repeat("Việt Nam ", 100))), sms.MaxText)
}

func TestDirGateway(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "sms")
	g := sms.NewDirGateway(dir)
	require.NoError(t, g.Send(ctx, sms.Message{ID: "sms-1", To: "+84912345678", Text: "Mot Lan: ma 123456"}))
	b, err := os.ReadFile(filepath.Join(dir, "sms-1.txt"))
	require.NoError(t, err)
	require.Equal(t, "To: +84912345678\n\nMot Lan: ma 123456\n", string(b))

	t.Run("SameIDSameFile", func(t *testing.T) {
		require.NoError(t, g.Send(ctx, sms.Message{ID: "sms-1", To: "+84912345678", Text: "other"}))
		again, err := os.ReadFile(filepath.Join(dir, "sms-1.txt"))
		require.NoError(t, err)
		require.Equal(t, b, again)
	})
	t.Run("IDCannotLeaveTheFolder", func(t *testing.T) {
		require.NoError(t, g.Send(ctx, sms.Message{ID: "../../escape", To: "+84912345678", Text: "x"}))
		_, err := os.Stat(filepath.Join(dir, "..", "..", "escape.txt"))
		require.True(t, os.IsNotExist(err))
	})
	t.Run("ErrNoRecipient", func(t *testing.T) {
		require.Error(t, g.Send(ctx, sms.Message{ID: "sms-2", Text: "x"}))
	})
}
