package attachments

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/google/uuid"
)

// Presigner is a Blobs that hands out URLs reading a content without credentials for a while
// (S3Blobs does; PGBlobs does not).
type Presigner interface {
	PresignGet(ctx context.Context, sum []byte, expiry time.Duration, fileName, contentType string) (*url.URL, error)
}

// DownloadURL returns, to the attachment's owner only, a URL of its content valid for expiry,
// so that a large file can be read from the object store instead of through the portal. The
// URL is a bearer credential: it goes to the one reader just authorized, never into a page
// others see. ok is false, with no error, when the store cannot presign (PGBlobs): the portal
// then streams the file itself. Another citizen's file, or a missing one, is fault.ENOTFOUND.
func (s *Service) DownloadURL(ctx context.Context, citizenID int64, id uuid.UUID, expiry time.Duration) (u *url.URL, ok bool, err error) {
	p, can := s.blobs.(Presigner)
	if !can {
		return nil, false, nil
	}
	a, err := s.Get(ctx, citizenID, id)
	if err != nil {
		return nil, false, err
	}
	u, err = p.PresignGet(ctx, a.SHA256, expiry, a.FileName, a.ContentType)
	if err != nil {
		return nil, false, fmt.Errorf("attachments: download url: %w", err)
	}
	return u, true, nil
}
