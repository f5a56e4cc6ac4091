package attachments

import (
	"context"

	"github.com/minio/minio-go/v7"
)

// ObjectExists reports whether the object of sum is in b's bucket.
func ObjectExists(ctx context.Context, b *S3Blobs, sum []byte) (bool, error) {
	return b.exists(ctx, sum)
}

// ObjectEncryption is the server-side encryption the server reports for the object of sum.
func ObjectEncryption(ctx context.Context, b *S3Blobs, sum []byte) (string, error) {
	st, err := b.client.StatObject(ctx, b.bucket, key(sum), minio.StatObjectOptions{})
	return st.Metadata.Get("X-Amz-Server-Side-Encryption"), err
}

// ObjectKeys lists the contents' objects of b's bucket.
func ObjectKeys(ctx context.Context, b *S3Blobs) ([]string, error) {
	var keys []string
	for obj := range b.client.ListObjects(ctx, b.bucket, minio.ListObjectsOptions{Prefix: objectPrefix, Recursive: true}) {
		if obj.Err != nil {
			return nil, obj.Err
		}
		keys = append(keys, obj.Key)
	}
	return keys, nil
}
