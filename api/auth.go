package api

import (
	"errors"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/reboundhq/rebound/internal/app"
	"github.com/reboundhq/rebound/internal/model"
)

// principalKey is where the authenticated API key is kept on the request context.
const principalKey = "rebound.principal"

// authenticate resolves the bearer token to an active API key. Missing, malformed, unknown and
// revoked keys all answer 401 with the same shape; which one it was is not revealed beyond the
// detail sentence.
func (s *Server) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		header := c.Request().Header.Get(echo.HeaderAuthorization)
		scheme, token, ok := strings.Cut(header, " ")
		if header == "" {
			return s.unauthorized(c, "Send your API key as Authorization: Bearer rbk_…")
		}
		if !ok || !strings.EqualFold(scheme, "Bearer") || !strings.HasPrefix(token, model.APIKeyPrefix) || len(token) > 200 {
			return s.unauthorized(c, "The Authorization header must be Bearer followed by an rbk_ API key.")
		}
		key, err := s.app.Authenticate(c.Request().Context(), token)
		if errors.Is(err, app.ErrUnknownKey) {
			return s.unauthorized(c, "The API key is unknown or has been revoked.")
		}
		if err != nil {
			return err
		}
		c.Set(principalKey, key)
		return next(c)
	}
}

func (s *Server) unauthorized(c echo.Context, detail string) error {
	c.Response().Header().Set(echo.HeaderWWWAuthenticate, `Bearer realm="rebound"`)
	return newProblem(probUnauthorized, "%s", detail)
}

// requireScope lets the request through only when the key holds scope.
func requireScope(scope string) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if !principal(c).HasScope(scope) {
				return newProblem(probForbidden, "This API key lacks the %q scope this operation needs.", scope)
			}
			return next(c)
		}
	}
}

// principal is the API key that authenticated the request.
func principal(c echo.Context) model.APIKey {
	k, _ := c.Get(principalKey).(model.APIKey)
	return k
}

// tenantOf is the tenant the request acts for.
func tenantOf(c echo.Context) string { return principal(c).TenantID }
