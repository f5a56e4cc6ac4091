package public

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/catalogue"
)

// Communes lists a province's communes (services/catalogue.Units).
type Communes interface {
	Communes(provinceCode string) []catalogue.Commune
}

// communeJSON is one commune as the address field's script reads it.
type communeJSON struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// ListCommunes answers GET /dia-ban/tinh/:code/xa with the province's communes as JSON
// ([{code, name}] in the map's order), for the address field's script (static/js/address.js).
// The map changes only with a release, so browsers and proxies may keep the answer a day.
func (h *Handler) ListCommunes(c echo.Context) error {
	cs := h.Map.Communes(c.Param("code"))
	if cs == nil {
		return c.JSON(http.StatusNotFound, map[string]string{"error": "not_found"})
	}
	out := make([]communeJSON, len(cs))
	for i, cm := range cs {
		out[i] = communeJSON{Code: cm.Code, Name: cm.Name}
	}
	c.Response().Header().Set("Cache-Control", "public, max-age=86400")
	return c.JSON(http.StatusOK, out)
}
