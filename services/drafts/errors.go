package drafts

import (
	"errors"

	"github.com/motlan/portal/services/registry"
)

func registryNotFound(err error) bool { return errors.Is(err, registry.ErrNotFound) }
