package api

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/reboundhq/rebound/internal/model"
)

// apiKeyCreateRequest is the body of POST /v1/api-keys.
type apiKeyCreateRequest struct {
	Name   string   `json:"name" maxLength:"200" example:"CRM sync job"`
	Scopes []string `json:"scopes" validate:"required" minItems:"1" enums:"read,write,admin" example:"read,write"`
} //	@name	APIKeyCreateRequest

// apiKeyResponse is an API key as the API returns it. The secret appears only in the response
// that created the key.
type apiKeyResponse struct {
	Object string   `json:"object" example:"api_key"`
	ID     string   `json:"id" example:"key_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	Name   string   `json:"name" example:"CRM sync job"`
	Scopes []string `json:"scopes" example:"read,write"`
	// The last four characters of the secret, to tell keys apart.
	Hint   string `json:"hint" example:"x9Qa"`
	Secret string `json:"secret,omitempty" example:"rbk_3q2-Hh1sJd8m0WcKzP4vT7yBnR5eLxA9uGoIfQa"`
	// SecretRedacted is true on a replay of the creating request (same Idempotency-Key): the
	// secret is shown only once, so the replay carries the key without it.
	SecretRedacted bool       `json:"secret_redacted,omitempty" example:"false"`
	CreatedAt      time.Time  `json:"created_at" example:"2026-11-20T09:30:00Z"`
	LastUsedAt     *time.Time `json:"last_used_at" example:"2026-11-21T08:00:00Z" extensions:"x-nullable"`
	RevokedAt      *time.Time `json:"revoked_at" example:"2026-11-22T10:00:00Z" extensions:"x-nullable"`
} //	@name	APIKey

// apiKeyList is a page of API keys.
type apiKeyList struct {
	listEnvelope
	Data []apiKeyResponse `json:"data"`
} //	@name	APIKeyList

func toAPIKeyResponse(k model.APIKey) apiKeyResponse {
	return apiKeyResponse{Object: "api_key", ID: k.ID, Name: k.Name, Scopes: k.ScopeList(), Hint: k.Hint,
		CreatedAt: k.CreatedAt.UTC(), LastUsedAt: utcPtr(k.LastUsedAt), RevokedAt: utcPtr(k.RevokedAt)}
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// listAPIKeys godoc
//
//	@Summary		List API keys
//	@Description	Lists the tenant's API keys, newest first, revoked ones included. Secrets are never shown again; `hint` helps tell keys apart.
//	@ID				listAPIKeys
//	@Tags			API keys
//	@Produce		json
//	@Security		BearerAuth
//	@Param			limit	query		int		false	"Page size, 1–100."	minimum(1)	maximum(100)	default(20)
//	@Param			cursor	query		string	false	"next_cursor of the previous page."
//	@Success		200		{object}	apiKeyList
//	@Failure		400		{object}	Problem	"Invalid cursor."
//	@Failure		401		{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403		{object}	Problem	"The key lacks the admin scope."
//	@Failure		422		{object}	Problem	"Invalid query parameter."
//	@Failure		429		{object}	Problem	"Rate limit exceeded."
//	@Failure		500		{object}	Problem	"Server error."
//	@Router			/v1/api-keys [get]
func (s *Server) listAPIKeys(c echo.Context) error {
	if err := queryParams(c, "limit", "cursor"); err != nil {
		return err
	}
	tenant := tenantOf(c)
	page, err := s.listParams(c, tenant, url.Values{})
	if err != nil {
		return err
	}
	keys, more, err := s.app.APIKeys(c.Request().Context(), tenant, page)
	if err != nil {
		return err
	}
	return listing[model.APIKey, apiKeyResponse]{id: func(k model.APIKey) string { return k.ID }, convert: toAPIKeyResponse}.
		render(s, c, tenant, url.Values{}, page, keys, more)
}

// createAPIKey godoc
//
//	@Summary		Create an API key
//	@Description	Creates a key with the given scopes: `read` (GET), `write` (create, change, delete) and `admin` (manage keys). The response carries the secret once; store it now, it cannot be shown again.
//	@ID				createAPIKey
//	@Tags			API keys
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			Idempotency-Key	header		string				false	"Replays the first response for 24 hours when the same key is sent with the same body."
//	@Param			body			body		apiKeyCreateRequest	true	"The key to create."
//	@Success		201				{object}	apiKeyResponse
//	@Header			201				{string}	ETag		"Version of the representation."
//	@Header			201				{string}	Location	"Path of the new resource."
//	@Failure		400				{object}	Problem		"Malformed JSON."
//	@Failure		401				{object}	Problem		"Missing, unknown or revoked API key."
//	@Failure		403				{object}	Problem		"The key lacks the admin scope."
//	@Failure		409				{object}	Problem		"The Idempotency-Key is in flight."
//	@Failure		413				{object}	Problem		"Body over 1 MiB."
//	@Failure		415				{object}	Problem		"Body not sent as application/json."
//	@Failure		422				{object}	Problem		"Invalid fields, or the Idempotency-Key was used with another body."
//	@Failure		429				{object}	Problem		"Rate limit exceeded."
//	@Failure		500				{object}	Problem		"Server error."
//	@Router			/v1/api-keys [post]
func (s *Server) createAPIKey(c echo.Context) error {
	var req apiKeyCreateRequest
	raw, err := decodeJSON(c, &req)
	if err != nil {
		return err
	}
	return s.runCreate(c, raw, func(ctx context.Context) (created, error) {
		out, err := s.app.CreateAPIKey(ctx, tenantOf(c), req.Name, req.Scopes)
		if err != nil {
			return created{}, err
		}
		body := toAPIKeyResponse(out.Key)
		replay := body
		body.Secret = out.Secret
		replay.SecretRedacted = true
		return created{Body: body, Replay: replay, Location: location("api-keys", out.Key.ID)}, nil
	})
}

// revokeAPIKey godoc
//
//	@Summary		Revoke an API key
//	@Description	Revokes the key at once: it answers 401 from the next request on. Revoking a revoked key is harmless. A key may revoke itself.
//	@ID				revokeAPIKey
//	@Tags			API keys
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"API key id (key_…)."
//	@Success		200	{object}	apiKeyResponse
//	@Header			200	{string}	ETag	"Version of the representation."
//	@Failure		401	{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403	{object}	Problem	"The key lacks the admin scope."
//	@Failure		404	{object}	Problem	"No such key in this tenant."
//	@Failure		429	{object}	Problem	"Rate limit exceeded."
//	@Failure		500	{object}	Problem	"Server error."
//	@Router			/v1/api-keys/{id} [delete]
func (s *Server) revokeAPIKey(c echo.Context) error {
	id, err := pathID(c, "id", model.PrefixAPIKey)
	if err != nil {
		return err
	}
	k, err := s.app.RevokeAPIKey(c.Request().Context(), tenantOf(c), id)
	if err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, toAPIKeyResponse(k))
}
