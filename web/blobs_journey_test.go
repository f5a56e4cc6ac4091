package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/attachments/s3test"
)

// TestFilesInS3: with BLOB_STORE=s3 a citizen's upload goes to the bucket of a real S3 server,
// not to the database, and comes back through the portal to its owner only.
func TestFilesInS3(t *testing.T) {
	t.Parallel()
	srv := s3test.Start(t)
	s := startStackEnv(t, map[string]string{"BLOB_STORE": "s3", "S3_ENDPOINT": srv.Endpoint, "S3_BUCKET": "portal-files",
		"S3_ACCESS_KEY": srv.AccessKey, "S3_SECRET_KEY": srv.SecretKey, "S3_USE_SSL": "false"}, nil, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	check := fillBirthRegistration(t, an, startDraft(t, s, an, "1.001193"))
	require.Contains(t, check.url.Path, "/check")

	ctx := context.Background()
	var attID string
	require.NoError(t, s.db.QueryRow(ctx, `SELECT id::text FROM attachments LIMIT 1`).Scan(&attID))
	var inDB int
	require.NoError(t, s.db.QueryRow(ctx, `SELECT count(*) FROM attachment_blobs`).Scan(&inDB))
	require.Zero(t, inDB, "the content went to the database")

	got := an.get(s.portalURL + "/attachments/" + attID)
	require.Equal(t, http.StatusOK, got.status)
	require.Equal(t, string(samplePDF), got.body)
	require.True(t, strings.HasPrefix(got.header.Get("Content-Type"), "application/pdf"), got.header.Get("Content-Type"))

	binh := newBrowser(t)
	binh.signIn(s, "079175001234")
	require.Equal(t, http.StatusNotFound, binh.get(s.portalURL+"/attachments/"+attID).status)
}
