package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
)

// announceDeprecations returns the middleware of one route: when something it returns or takes
// is being retired (wire.Deprecations), every response says so with Deprecation (RFC 9745: when
// it was announced), Sunset (RFC 8594: when it goes) and a Link to the notice. Routes with
// nothing deprecated get a pass-through.
func (s *Server) announceDeprecations(method, route string) echo.MiddlewareFunc {
	var since, sunset time.Time
	var links []string
	for _, d := range s.deprecations {
		if d.Method != method || d.Route != route {
			continue
		}
		// Several deprecations on one route: the earliest announcement and the earliest sunset.
		if since.IsZero() || d.Since.Before(since) {
			since = d.Since
		}
		if sunset.IsZero() || d.Sunset.Before(sunset) {
			sunset = d.Sunset
		}
		links = append(links, "<"+d.Notice+`>; rel="deprecation"`)
	}
	if links == nil {
		return func(next echo.HandlerFunc) echo.HandlerFunc { return next }
	}
	deprecation := "@" + strconv.FormatInt(since.Unix(), 10)
	sunsetAt := sunset.UTC().Format(http.TimeFormat)
	link := strings.Join(links, ", ")
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			h := c.Response().Header()
			h.Set("Deprecation", deprecation)
			h.Set("Sunset", sunsetAt)
			h.Set("Link", link)
			return next(c)
		}
	}
}
