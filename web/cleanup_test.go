package web

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCleanup(t *testing.T) {
	t.Parallel()
	var c cleanup
	var order []string
	errPool := errors.New("pool")
	c.push(func(context.Context) error { order = append(order, "tracing"); return nil })
	c.push(func(context.Context) error { order = append(order, "pool"); return errPool })
	c.push(func(context.Context) error { order = append(order, "jobs"); return nil })

	err := c.run(context.Background())
	require.ErrorIs(t, err, errPool)
	require.Equal(t, []string{"jobs", "pool", "tracing"}, order, "newest first, and on after an error")

	require.NoError(t, c.run(context.Background()), "a second run does nothing")
	require.Len(t, order, 3)
}
