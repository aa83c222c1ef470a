package api

import (
	"embed"
	"net/http"
	"path"

	"github.com/labstack/echo/v4"

	rebound "github.com/reboundhq/rebound"
)

// docsUI is swagger-ui-dist (from npm, vendored) plus the page that points it at /openapi.yaml.
//
//go:embed docsui/index.html docsui/init.js docsui/swagger-ui-bundle.js docsui/swagger-ui.css
var docsUI embed.FS

// docsCSP allows the reference page its own scripts and styles only; Swagger UI needs inline
// styles and data: images for its icons.
const docsCSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

// serveOpenAPI godoc
//
//	@Summary		OpenAPI document
//	@Description	The OpenAPI 3.0 description of this API, generated from the code. Feed it to a client generator.
//	@ID				getOpenAPI
//	@Tags			Operations
//	@Produce		plain
//	@Success		200	{string}	string	"OpenAPI 3.0.3 YAML"
//	@Router			/openapi.yaml [get]
func serveOpenAPI(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "no-cache")
	return c.Blob(http.StatusOK, "application/yaml", rebound.OpenAPIYAML)
}

// serveDocs godoc
//
//	@Summary		Interactive API reference
//	@Description	Swagger UI over /openapi.yaml, served from the binary (no external assets).
//	@ID				getDocs
//	@Tags			Operations
//	@Produce		html
//	@Success		200	{string}	string	"HTML page"
//	@Router			/docs [get]
func serveDocs(c echo.Context) error {
	return serveDocsFile(c, "index.html")
}

func serveDocsAsset(c echo.Context) error {
	return serveDocsFile(c, c.Param("file"))
}

func serveDocsFile(c echo.Context, name string) error {
	body, err := docsUI.ReadFile("docsui/" + path.Base(name))
	if err != nil {
		return echo.ErrNotFound
	}
	ct := map[string]string{".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}[path.Ext(name)]
	h := c.Response().Header()
	h.Set("Content-Security-Policy", docsCSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "public, max-age=3600")
	return c.Blob(http.StatusOK, ct, body)
}
