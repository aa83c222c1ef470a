package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/reboundhq/rebound/internal/app"
	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/wire"
)

// importMediaTypes are the media types an import file may be sent as: NDJSON, or JSON Lines
// (the same format under another name).
var importMediaTypes = []string{"application/x-ndjson", "application/jsonl"}

// importUploadTimeout bounds an import upload: 100 MB over a slow link takes minutes, far past
// the API's request timeout, which does not apply to it (see Server.deadline).
const importUploadTimeout = 15 * time.Minute

// importList is a page of imports.
type importList struct {
	listEnvelope
	Data []wire.Import `json:"data"`
} //	@name	ImportList

// createImport godoc
//
//	@Summary		Import history from an NDJSON file
//	@Description	Uploads years of rejections at once: one JSON object per line, up to 100 MB, streamed (never held whole in memory) and imported in the background. A line is either a candidate with their rejections, `{"candidate": {"external_id": "user_8412", "display_name": "…", "timezone": "Europe/London"}, "rejections": [{…}]}`, or one rejection, `{"candidate_external_id": "user_8412", "company": "…", …}`; rejections take the fields of `POST /v1/rejections` (without `candidate_id`) and must carry `received_at` (a date-time or a date) and `external_ref`. Candidates are matched by `external_id` (created, or updated with the fields a line gives) and rejections by `external_ref` (skipped when already there), so re-running a file creates nothing twice. A line with any invalid field is left out whole and reported with its line number; the other lines go in. Rejections older than the tenant's `historical_after_days` get historical plans, which never announce due steps. Answers 202 with the import; follow it with `GET /v1/imports/{id}`. No per-record events are sent; `import.completed` (or `import.failed`, `import.cancelled`) carries the import when it ends. Refused as a whole, with nothing kept: a body that is not NDJSON (415), over 100 MB (413), empty, without a single JSON object line, or with a line over 1 MiB (422).
//	@ID				createImport
//	@Tags			Imports
//	@Accept			application/x-ndjson
//	@Produce		json
//	@Security		BearerAuth
//	@Param			Idempotency-Key	header		string	false	"Replays the first response for 24 hours when the same key is sent with the same file."
//	@Param			filename		query		string	false	"A name to remember the file by (at most 200 characters)."
//	@Param			body			body		string	true	"The NDJSON file: one candidate line or rejection line per line (see the description)."
//	@Success		202				{object}	wire.Import
//	@Header			202				{string}	ETag		"Version of the representation."
//	@Header			202				{string}	Location	"Path of the import, to follow its progress."
//	@Failure		400				{object}	Problem		"The body could not be read."
//	@Failure		401				{object}	Problem		"Missing, unknown or revoked API key."
//	@Failure		403				{object}	Problem		"The key lacks the write scope."
//	@Failure		409				{object}	Problem		"The Idempotency-Key is in flight."
//	@Failure		413				{object}	Problem		"Body over 100 MB."
//	@Failure		415				{object}	Problem		"Body not sent as application/x-ndjson (or application/jsonl)."
//	@Failure		422				{object}	Problem		"The file is empty, has no JSON object line or a line over 1 MiB; an invalid query parameter; or the Idempotency-Key was used with another file."
//	@Failure		429				{object}	Problem		"Rate limit exceeded."
//	@Failure		500				{object}	Problem		"Server error."
//	@Router			/v1/imports [post]
func (s *Server) createImport(c echo.Context) error {
	if err := queryParams(c, "filename"); err != nil {
		return err
	}
	req := c.Request()
	ct := req.Header.Get(echo.HeaderContentType)
	mt, _, err := mime.ParseMediaType(ct)
	if ct == "" || err != nil || !contains(importMediaTypes, mt) {
		return newProblem(probMediaType, "Send the file as NDJSON with Content-Type: application/x-ndjson (or application/jsonl).")
	}
	if req.ContentLength > model.MaxImportBytes {
		return newProblem(probTooLarge, "The file exceeds %d bytes; split it and import the parts one after the other.", model.MaxImportBytes)
	}
	filename := c.QueryParam("filename")
	// The request is identified by its path, file name and body for Idempotency-Key; the body
	// is hashed as it streams through.
	h := sha256.New()
	h.Write([]byte(req.Method + " " + req.URL.Path + "?filename=" + url.QueryEscape(filename) + "\n"))
	body := io.TeeReader(http.MaxBytesReader(c.Response(), req.Body, model.MaxImportBytes), h)
	ctx, tenant := req.Context(), tenantOf(c)
	imp, err := s.app.UploadImport(ctx, tenant, filename, body)
	if err != nil {
		return importUploadProblem(err)
	}
	err = s.runCreateHashed(c, hex.EncodeToString(h.Sum(nil)), func(ctx context.Context) (created, error) {
		queued, err := s.app.QueueImport(ctx, imp)
		if err != nil {
			return created{}, err
		}
		return created{Body: wire.FromImport(queued), Status: http.StatusAccepted, Location: location("imports", queued.ID)}, nil
	})
	if err != nil || c.Response().Header().Get(headerIdempotentReplayed) == "true" {
		if derr := s.app.DiscardImport(context.WithoutCancel(ctx), tenant, imp.ID); derr != nil {
			s.log.WarnContext(ctx, "discard import upload", "import_id", imp.ID, "error", derr.Error())
		}
	}
	return err
}

// importUploadProblem maps what can go wrong while a file streams in; the store's own
// failures pass through to the usual mapping.
func importUploadProblem(err error) error {
	var (
		fe  *app.ImportFileError
		re  *app.ImportReadError
		mbe *http.MaxBytesError
	)
	switch {
	case errors.As(err, &fe):
		return validationProblem([]model.FieldError{{Pointer: "", Detail: fe.Detail}})
	case errors.As(err, &mbe):
		return newProblem(probTooLarge, "The file exceeds %d bytes; split it and import the parts one after the other.", model.MaxImportBytes)
	case errors.As(err, &re) && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)):
		return re.Err
	case errors.As(err, &re):
		return newProblem(probMalformed, "The body could not be read to its end: %v.", re.Err)
	}
	return err
}

// importFilterParams are the list filters.
var importFilterParams = []string{"status"}

// listImports godoc
//
//	@Summary		List imports
//	@Description	Lists the tenant's imports, newest first, optionally by status.
//	@ID				listImports
//	@Tags			Imports
//	@Produce		json
//	@Security		BearerAuth
//	@Param			status	query		string	false	"Only imports with this status."	Enums(queued,running,completed,cancelled,failed)
//	@Param			limit	query		int		false	"Page size, 1–100."					minimum(1)	maximum(100)	default(20)
//	@Param			cursor	query		string	false	"next_cursor of the previous page."
//	@Success		200		{object}	importList
//	@Failure		400		{object}	Problem	"Invalid cursor."
//	@Failure		401		{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403		{object}	Problem	"The key lacks the read scope."
//	@Failure		422		{object}	Problem	"Invalid query parameter (see errors)."
//	@Failure		429		{object}	Problem	"Rate limit exceeded."
//	@Failure		500		{object}	Problem	"Server error."
//	@Router			/v1/imports [get]
func (s *Server) listImports(c echo.Context) error {
	if err := queryParams(c, append([]string{"limit", "cursor"}, importFilterParams...)...); err != nil {
		return err
	}
	var errs model.Errors
	status := queryEnum(&errs, c, "status", []string{model.ImportQueued, model.ImportRunning, model.ImportCompleted, model.ImportCancelled, model.ImportFailed})
	if err := errs.Err(); err != nil {
		return err
	}
	tenant := tenantOf(c)
	filters := url.Values{"status": {status}}
	pg, err := s.listParams(c, tenant, filters)
	if err != nil {
		return err
	}
	rows, more, err := s.app.Imports(c.Request().Context(), tenant, status, pg)
	if err != nil {
		return err
	}
	return listing[model.Import, wire.Import]{id: func(i model.Import) string { return i.ID }, convert: wire.FromImport}.
		render(s, c, tenant, filters, pg, rows, more)
}

// getImport godoc
//
//	@Summary		Retrieve an import
//	@Description	Shows an import's status and progress, its counts (lines read and failed; candidates and rejections created, updated and skipped) and the first 100 line errors with their line numbers.
//	@ID				getImport
//	@Tags			Imports
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Import id (imp_…)."
//	@Success		200	{object}	wire.Import
//	@Header			200	{string}	ETag	"Version of the representation."
//	@Failure		401	{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403	{object}	Problem	"The key lacks the read scope."
//	@Failure		404	{object}	Problem	"No such import in this tenant."
//	@Failure		429	{object}	Problem	"Rate limit exceeded."
//	@Failure		500	{object}	Problem	"Server error."
//	@Router			/v1/imports/{id} [get]
func (s *Server) getImport(c echo.Context) error {
	id, err := pathID(c, "id", model.PrefixImport)
	if err != nil {
		return err
	}
	imp, err := s.app.Import(c.Request().Context(), tenantOf(c), id)
	if err != nil {
		return err
	}
	if imp.Status == model.ImportUploading {
		return model.ErrNotFound
	}
	return writeJSON(c, http.StatusOK, wire.FromImport(imp))
}

// cancelImport godoc
//
//	@Summary		Cancel an import
//	@Description	Stops an import: a queued one at once, a running one after the batch in progress (`cancel_requested` turns true, then the status becomes `cancelled`). What was imported stays; re-running the file later imports the rest. A finished import answers 409.
//	@ID				cancelImport
//	@Tags			Imports
//	@Produce		json
//	@Security		BearerAuth
//	@Param			Idempotency-Key	header		string	false	"Replays the first response for 24 hours when the same key is sent again."
//	@Param			id				path		string	true	"Import id (imp_…)."
//	@Success		200				{object}	wire.Import
//	@Header			200				{string}	ETag	"Version of the representation."
//	@Failure		401				{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403				{object}	Problem	"The key lacks the write scope."
//	@Failure		404				{object}	Problem	"No such import in this tenant."
//	@Failure		409				{object}	Problem	"The import has already finished."
//	@Failure		422				{object}	Problem	"The Idempotency-Key was used with another request."
//	@Failure		429				{object}	Problem	"Rate limit exceeded."
//	@Failure		500				{object}	Problem	"Server error."
//	@Router			/v1/imports/{id}/cancel [post]
func (s *Server) cancelImport(c echo.Context) error {
	id, err := pathID(c, "id", model.PrefixImport)
	if err != nil {
		return err
	}
	return s.runCreate(c, nil, func(ctx context.Context) (created, error) {
		imp, err := s.app.CancelImport(ctx, tenantOf(c), id)
		if err != nil {
			return created{}, err
		}
		return created{Body: wire.FromImport(imp), Status: http.StatusOK}, nil
	})
}
