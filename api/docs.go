package api

import (
	"embed"
	"encoding/json"
	"fmt"
	"net/http"
	"path"
	"sync"

	"github.com/labstack/echo/v4"
	"sigs.k8s.io/yaml"

	rebound "github.com/reboundhq/rebound"
)

// docsUI is swagger-ui-dist (from npm, vendored) plus the page that points it at /openapi.yaml.
//
//go:embed docsui/index.html docsui/init.js docsui/swagger-ui-bundle.js docsui/swagger-ui.css
var docsUI embed.FS

// docsCSP allows the reference page its own scripts and styles only; Swagger UI needs inline
// styles and data: images for its icons.
const docsCSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

// servedOpenAPI is the committed document with this server's public URL as its only server, so
// the reference page and a client generated from the served file call this Rebound. It is
// rendered the way the generator renders the committed file (JSON, then YAML with sorted keys),
// so the two differ only in servers.
func servedOpenAPI(publicURL string) ([]byte, error) {
	js, err := yaml.YAMLToJSON(rebound.OpenAPIYAML)
	if err != nil {
		return nil, fmt.Errorf("openapi.yaml: %w", err)
	}
	var doc map[string]any
	if err := json.Unmarshal(js, &doc); err != nil {
		return nil, fmt.Errorf("openapi.yaml: %w", err)
	}
	if publicURL != "" {
		doc["servers"] = []map[string]string{{"url": publicURL, "description": "This Rebound."}}
	}
	js, err = json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	return yaml.JSONToYAML(js)
}

// serveOpenAPI godoc
//
//	@Summary		OpenAPI document
//	@Description	The OpenAPI 3.0 description of this API, generated from the code, with this server's public URL (REBOUND_PUBLIC_URL) as its server. Feed it to a client generator.
//	@ID				getOpenAPI
//	@Tags			Operations
//	@Produce		application/yaml
//	@Success		200	{object}	object	"OpenAPI 3.0.3 YAML"
//	@Router			/openapi.yaml [get]
func (s *Server) serveOpenAPI(c echo.Context) error {
	doc, err := servedOpenAPIFor(s.publicURL)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-cache")
	return c.Blob(http.StatusOK, "application/yaml", doc)
}

// servedDocs holds the served document per public URL, rendered once per process (rendering
// takes a tenth of a second; tests start many servers).
var servedDocs sync.Map

func servedOpenAPIFor(publicURL string) ([]byte, error) {
	if doc, ok := servedDocs.Load(publicURL); ok {
		return doc.([]byte), nil
	}
	doc, err := servedOpenAPI(publicURL)
	if err != nil {
		return nil, err
	}
	servedDocs.Store(publicURL, doc)
	return doc, nil
}

// serveDocs godoc
//
//	@Summary		Interactive API reference
//	@Description	Swagger UI over /openapi.yaml, served from the binary (no external assets), also at /docs/. Its Authorize dialog takes the bare API key.
//	@ID				getDocs
//	@Tags			Operations
//	@Produce		html
//	@Success		200	{string}	string	"HTML page"
//	@Router			/docs [get]
func serveDocs(c echo.Context) error {
	return serveDocsFile(c, "index.html")
}

// serveDocsAsset godoc
//
//	@Summary		Reference page asset
//	@Description	The scripts and stylesheet of the reference page (Swagger UI), served from the binary.
//	@ID				getDocsAsset
//	@Tags			Operations
//	@Produce		text/javascript,text/css
//	@Param			file	path		string	true	"Asset name."	Enums(init.js,swagger-ui-bundle.js,swagger-ui.css)
//	@Success		200		{string}	string	"The asset."
//	@Failure		404		{object}	Problem	"No such asset."
//	@Router			/docs/assets/{file} [get]
func serveDocsAsset(c echo.Context) error {
	if c.Param("file") == "index.html" {
		return echo.ErrNotFound // the page itself is /docs
	}
	return serveDocsFile(c, c.Param("file"))
}

// redirectToDocs godoc
//
//	@Summary		Home
//	@Description	Sends browsers to the API reference at /docs.
//	@ID				getRoot
//	@Tags			Operations
//	@Success		302	"Redirect to /docs."
//	@Header			302	{string}	Location	"/docs"
//	@Router			/ [get]
func redirectToDocs(c echo.Context) error {
	return c.Redirect(http.StatusFound, "/docs")
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
