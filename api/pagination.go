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
	"time"

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
		return model.Page{}, invalidCursor()
	}
	page.After = after
	return page, nil
}

func invalidCursor() error {
	return newProblem(probInvalidCursor, "The cursor is not valid for this list: pass next_cursor from the previous page unchanged, with the same filters.")
}

// syncParams are the query parameters of an incremental sync, which every list of resources
// that change accepts.
var syncParams = []string{"updated_after", "updated_before"}

// syncListParams reads limit and cursor like listParams, and updated_after and updated_before:
// with either, the list is an incremental sync (docs/sync.md), walked by (updated_at, id), and
// its cursor holds both. The walk never passes rows changed within the last syncSettle: a write
// whose transaction is still running may commit a row with an updated_at a little in the past,
// and a walk that had already gone beyond it would never see it.
func (s *Server) syncListParams(c echo.Context, tenantID string, filters url.Values) (model.Page, error) {
	var errs model.Errors
	w := &model.ChangeWindow{UpdatedAfter: queryTime(&errs, c, "updated_after"), UpdatedBefore: queryTime(&errs, c, "updated_before")}
	if err := errs.Err(); err != nil {
		return model.Page{}, err
	}
	for _, k := range syncParams {
		filters.Set(k, c.QueryParam(k))
	}
	page, err := s.listParams(c, tenantID, filters)
	if err != nil || (w.UpdatedAfter == nil && w.UpdatedBefore == nil) {
		return page, err
	}
	if settled := s.app.Now().Add(-s.syncSettle); w.UpdatedBefore == nil || settled.Before(*w.UpdatedBefore) {
		w.UpdatedBefore = &settled
	}
	if page.After != "" {
		at, id, ok := strings.Cut(page.After, " ")
		t, err := time.Parse(time.RFC3339Nano, at)
		if !ok || err != nil {
			return model.Page{}, invalidCursor()
		}
		page.After, w.AfterUpdatedAt = id, t
	}
	page.Changed = w
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
	Object string `json:"object" example:"list"`
	// HasMore says another page follows now.
	HasMore bool `json:"has_more" example:"false"`
	// NextCursor continues the list when passed back as cursor (with the same filters): null on
	// the last page, except in the event feed and an incremental sync, where every page with rows
	// has one, the checkpoint to resume from later (docs/sync.md).
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

// listing says how a list shows its rows: their id (the keyset position), when each last
// changed (nil for resources that never change, whose lists have no sync mode) and their
// representation.
type listing[R, T any] struct {
	id      func(R) string
	changed func(R) time.Time
	convert func(R) T
}

// render answers one page of rows: each converted to its response type, and a cursor sealed
// from the last row's position when another page follows. In an incremental sync every page
// with rows has a cursor, the last one too: it is the checkpoint to resume from later.
func (l listing[R, T]) render(s *Server, c echo.Context, tenant string, filters url.Values, p model.Page, rows []R, more bool) error {
	out := page[T]{Data: make([]T, 0, len(rows))}
	for _, r := range rows {
		out.Data = append(out.Data, l.convert(r))
	}
	if p.Changed == nil || len(rows) == 0 {
		last := ""
		if len(rows) > 0 {
			last = l.id(rows[len(rows)-1])
		}
		out.listEnvelope = s.envelope(c.Path(), more, last, tenant, filters)
		return c.JSON(http.StatusOK, out)
	}
	last := rows[len(rows)-1]
	cur := s.sealCursor(c.Path(), l.changed(last).UTC().Format(time.RFC3339Nano)+" "+l.id(last), tenant, filters)
	out.listEnvelope = listEnvelope{Object: "list", HasMore: more, NextCursor: &cur}
	return c.JSON(http.StatusOK, out)
}

// childList describes a list of records that belong to one parent (a rejection's feedback, an
// endpoint's deliveries, …): the parent's id type, and how to load one page of its children
// (which answers not found for another tenant's parent).
type childList[R, T any] struct {
	listing[R, T]
	parentPrefix string
	load         func(ctx context.Context, tenant, parentID string, p model.Page) ([]R, bool, error)
}

// serve answers GET …/{id}/children: another tenant's parent is a 404 like a missing one, and
// the cursor is bound to the parent.
func (l childList[R, T]) serve(s *Server, c echo.Context) error {
	parentID, err := pathID(c, "id", l.parentPrefix)
	if err != nil {
		return err
	}
	allowed := []string{"limit", "cursor"}
	if l.changed != nil {
		allowed = append(allowed, syncParams...)
	}
	if err := queryParams(c, allowed...); err != nil {
		return err
	}
	ctx, tenant := c.Request().Context(), tenantOf(c)
	filters := url.Values{"parent": {parentID}}
	params := s.listParams
	if l.changed != nil {
		params = s.syncListParams
	}
	page, err := params(c, tenant, filters)
	if err != nil {
		return err
	}
	rows, more, err := l.load(ctx, tenant, parentID, page)
	if err != nil {
		return err
	}
	return l.render(s, c, tenant, filters, page, rows, more)
}
