package api

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/reboundhq/rebound/internal/model"
)

// List limits.
const (
	defaultListLimit = 20
	maxListLimit     = 100
)

// listParams reads limit and cursor for a list operation. filters are the operation's filter
// values; a cursor only continues the walk it was issued for (same tenant, same filters), and is
// signed so it cannot be forged or edited.
func (s *Server) listParams(c echo.Context, tenantID string, filters url.Values) (model.Page, error) {
	var errs model.Errors
	limit := queryInt(&errs, c, "limit", defaultListLimit, 1, maxListLimit)
	if err := errs.Err(); err != nil {
		return model.Page{}, err
	}
	page := model.Page{Limit: limit}
	raw := c.QueryParam("cursor")
	if raw == "" {
		return page, nil
	}
	after, ok := s.openCursor(raw, c.Path(), tenantID, filters)
	if !ok {
		return model.Page{}, newProblem(probInvalidCursor, "The cursor is not valid for this list: pass next_cursor from the previous page unchanged, with the same filters.")
	}
	page.After = after
	return page, nil
}

// cursorMAC binds a position to the list (its route), the tenant and the filters, so a cursor
// of one list is refused by every other.
func (s *Server) cursorMAC(list, lastID, tenantID string, filters url.Values) []byte {
	keys := make([]string, 0, len(filters))
	for k, v := range filters {
		if len(v) > 0 && v[0] != "" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	m := hmac.New(sha256.New, s.cursorKey)
	m.Write([]byte(list + "\x00" + tenantID + "\x00" + lastID))
	for _, k := range keys {
		m.Write([]byte("\x00" + k + "=" + filters.Get(k)))
	}
	return m.Sum(nil)[:16]
}

// sealCursor makes the opaque next_cursor for a page that ended at lastID.
func (s *Server) sealCursor(list, lastID, tenantID string, filters url.Values) string {
	mac := s.cursorMAC(list, lastID, tenantID, filters)
	return base64.RawURLEncoding.EncodeToString([]byte(lastID)) + "." + base64.RawURLEncoding.EncodeToString(mac)
}

// openCursor verifies a cursor and returns the position it holds.
func (s *Server) openCursor(raw, list, tenantID string, filters url.Values) (string, bool) {
	if len(raw) > 200 {
		return "", false
	}
	for i := 0; i < len(raw); i++ {
		// The base64 decoder skips line breaks; a cursor is only ever the URL-safe alphabet.
		if c := raw[i]; !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return "", false
		}
	}
	idPart, macPart, ok := strings.Cut(raw, ".")
	if !ok {
		return "", false
	}
	// Strict: only the canonical encoding a cursor was sealed with opens, not a variant with
	// other trailing bits.
	id, err1 := base64.RawURLEncoding.Strict().DecodeString(idPart)
	mac, err2 := base64.RawURLEncoding.Strict().DecodeString(macPart)
	if err1 != nil || err2 != nil {
		return "", false
	}
	if !hmac.Equal(mac, s.cursorMAC(list, string(id), tenantID, filters)) {
		return "", false
	}
	return string(id), true
}

// listEnvelope is the shape every list shares; each resource's list type embeds its items.
type listEnvelope struct {
	Object     string  `json:"object" example:"list"`
	HasMore    bool    `json:"has_more" example:"false"`
	NextCursor *string `json:"next_cursor" example:"cmVqXzAxOTM..." extensions:"x-nullable"`
}

// envelope builds the list envelope, sealing a cursor when another page follows.
func (s *Server) envelope(list string, hasMore bool, lastID, tenantID string, filters url.Values) listEnvelope {
	env := listEnvelope{Object: "list", HasMore: hasMore}
	if hasMore {
		cur := s.sealCursor(list, lastID, tenantID, filters)
		env.NextCursor = &cur
	}
	return env
}

// page is the JSON shape of every list; the named list types (candidateList, …) document the
// same shape per resource for the OpenAPI document.
type page[T any] struct {
	listEnvelope
	Data []T `json:"data"`
}

// renderList answers one page of rows: each converted to its response type, and a cursor sealed
// from the last row's id when another page follows.
func renderList[R, T any](s *Server, c echo.Context, tenant string, filters url.Values, rows []R, more bool, id func(R) string, convert func(R) T) error {
	out := page[T]{Data: make([]T, 0, len(rows))}
	for _, r := range rows {
		out.Data = append(out.Data, convert(r))
	}
	last := ""
	if len(rows) > 0 {
		last = id(rows[len(rows)-1])
	}
	out.listEnvelope = s.envelope(c.Path(), more, last, tenant, filters)
	return c.JSON(http.StatusOK, out)
}

// childList describes a list of records that belong to one parent (a rejection's feedback, an
// endpoint's deliveries, …): the parent's id type, and how to load one page of its children
// (which answers not found for another tenant's parent).
type childList[R, T any] struct {
	parentPrefix string
	load         func(ctx context.Context, tenant, parentID string, p model.Page) ([]R, bool, error)
	id           func(R) string
	convert      func(R) T
}

// serve answers GET …/{id}/children: another tenant's parent is a 404 like a missing one, and
// the cursor is bound to the parent.
func (l childList[R, T]) serve(s *Server, c echo.Context) error {
	parentID, err := pathID(c, "id", l.parentPrefix)
	if err != nil {
		return err
	}
	if err := queryParams(c, "limit", "cursor"); err != nil {
		return err
	}
	ctx, tenant := c.Request().Context(), tenantOf(c)
	filters := url.Values{"parent": {parentID}}
	page, err := s.listParams(c, tenant, filters)
	if err != nil {
		return err
	}
	rows, more, err := l.load(ctx, tenant, parentID, page)
	if err != nil {
		return err
	}
	return renderList(s, c, tenant, filters, rows, more, l.id, l.convert)
}
