// Package api is Rebound's HTTP API: the Echo server, its middleware, the route table and one
// file per resource with its handlers, request and response types and OpenAPI annotations.
//
//	@title						Rebound API
//	@version					1.0
//	@description				Rebound helps candidates turn a job rejection into progress. Career platforms record rejections, collect constructive feedback from employers, guide the candidate's reflection and follow a dated, explained recovery plan.
//	@description				Authenticate with `Authorization: Bearer rbk_…`. Errors are RFC 9457 problem details (`application/problem+json`); lists are cursor-paginated; POST requests accept an `Idempotency-Key`; PATCH is JSON merge-patch and honours `If-Match`.
//	@contact.name				Rebound
//	@license.name				Proprietary
//	@BasePath					/
//	@accept						json
//	@produce					json
//	@tag.name					Candidates
//	@tag.description			The platform's users, each known by the platform's own external_id.
//	@tag.name					Rejections
//	@tag.description			The rejections a candidate received, with what is known about them.
//	@tag.name					Tenant
//	@tag.description			Your tenant's settings: when a recorded rejection counts as history.
//	@tag.name					API keys
//	@tag.description			Manage the tenant's API keys (admin scope).
//	@tag.name					Recovery plans
//	@tag.description			The dated, explained plan every rejection gets, regenerated as feedback and reflections arrive.
//	@tag.name					Reflections
//	@tag.description			The candidate's guided self-assessment against a versioned prompt catalogue.
//	@tag.name					Insights
//	@tag.description			Patterns across a candidate's rejections, and the tenant's aggregates across all of them.
//	@tag.name					Feedback
//	@tag.description			Feedback requests with their single-use response links, and the feedback itself.
//	@tag.name					Public
//	@tag.description			What the person asked for feedback uses: no API key, the link's token is the credential.
//	@tag.name					Messages
//	@tag.description			Message drafts for the candidate and a tone check of their own drafts.
//	@tag.name					Connectors
//	@tag.description			Greenhouse and Lever: rejections recruiters record in the ATS arrive by signed webhook and are recorded here.
//	@tag.name					Imports
//	@tag.description			Years of history at once: an NDJSON file imported in the background, re-runnable without duplicates.
//	@tag.name					Events
//	@tag.description			Every change, in order: poll them here or receive them by webhook.
//	@tag.name					Webhooks
//	@tag.description			Signed pushes of events to your endpoints (Standard Webhooks), with retries and a delivery log.
//	@tag.name					Operations
//	@tag.description			Health, readiness and metrics for operators (no authentication).
//	@securityDefinitions.apikey	BearerAuth
//	@in							header
//	@name						Authorization
//	@description				An API key as `Bearer rbk_…`. Keys carry the scopes read, write and admin.
package api

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"go.opentelemetry.io/otel/trace"

	"github.com/reboundhq/rebound/internal/app"
	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/wire"
)

// Config wires a Server.
type Config struct {
	// App holds the use cases every handler calls.
	App    *app.App
	Logger *slog.Logger
	// RateLimit is the sustained requests per second allowed per API key; 0 disables limiting.
	RateLimit float64
	// RateBurst is the bucket size; 0 means twice RateLimit.
	RateBurst int
	// PublicURL is the externally visible base URL (links in responses and e-mails).
	PublicURL string
	// CursorKey signs pagination cursors; every replica must share it (the store keeps one).
	CursorKey []byte
	// Registry receives the server's metrics; nil creates a private one.
	Registry *prometheus.Registry
	// TrustedProxies are the networks of reverse proxies whose X-Forwarded-For is believed when
	// working out a client's address (for the public pages' per-address limit). Empty: the
	// connection's own address is used.
	TrustedProxies []*net.IPNet
	// RequestTimeout bounds each request's work; past it the database work is cancelled and
	// the client gets a 503. 0 means 10 seconds.
	RequestTimeout time.Duration
	// TracerProvider, when set, gives every API request an OpenTelemetry server span; nil (the
	// default) traces nothing.
	TracerProvider trace.TracerProvider
	// AddressRateLimit is the sustained requests per second allowed per client address on the
	// authenticated API, checked before the key is looked up, so a flood of made-up keys from one
	// address is turned away before it costs anything; 0 disables it. AddressRateBurst is its
	// bucket size (0: twice the rate).
	AddressRateLimit float64
	AddressRateBurst int
	// Deprecations overrides wire.Deprecations (tests of the announcement headers).
	Deprecations []wire.Deprecation
	// SyncSettle is how recent a change an incremental sync leaves for its next page or walk:
	// at least as long as a write's transaction can run, so that a row committed late cannot
	// land behind a walk that already passed it. 0 means RequestTimeout; negative means none
	// (tests with their own clock).
	SyncSettle time.Duration
}

// Server is the HTTP API.
type Server struct {
	echo      *echo.Echo
	app       *app.App
	log       *slog.Logger
	cursorKey []byte
	publicURL string
	limiter   *rateLimiter
	addresses *rateLimiter
	metrics   *metrics
	timeout   time.Duration
	// syncSettle is Config.SyncSettle, resolved.
	syncSettle time.Duration
	// deprecations are what the API is retiring (wire.Deprecations), announced per route.
	deprecations []wire.Deprecation
}

// New builds the server and its route table.
func New(cfg Config) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Registry == nil {
		cfg.Registry = prometheus.NewRegistry()
	}
	s := &Server{
		echo:      echo.New(),
		app:       cfg.App,
		log:       cfg.Logger,
		cursorKey: cfg.CursorKey,
		publicURL: cfg.PublicURL,
		metrics:   newMetrics(cfg.Registry),
		timeout:   cfg.RequestTimeout,
	}
	if s.timeout <= 0 {
		s.timeout = 10 * time.Second
	}
	switch s.syncSettle = cfg.SyncSettle; {
	case s.syncSettle == 0:
		s.syncSettle = s.timeout
	case s.syncSettle < 0:
		s.syncSettle = 0
	}
	s.deprecations = cfg.Deprecations
	if s.deprecations == nil {
		s.deprecations = wire.Deprecations()
	}
	if cfg.RateLimit > 0 {
		s.limiter = newRateLimiter(cfg.RateLimit, cfg.RateBurst)
	}
	if cfg.AddressRateLimit > 0 {
		s.addresses = newRateLimiter(cfg.AddressRateLimit, cfg.AddressRateBurst)
	}
	e := s.echo
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.handleError
	// Client addresses (for the public pages' rate limit) come from the connection, or from
	// X-Forwarded-For only as far as it was written by a trusted proxy: the header is spoofable.
	e.IPExtractor = echo.ExtractIPDirect()
	if len(cfg.TrustedProxies) > 0 {
		opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
		for _, n := range cfg.TrustedProxies {
			opts = append(opts, echo.TrustIPRange(n))
		}
		e.IPExtractor = echo.ExtractIPFromXFFHeader(opts...)
	}
	// Order matters: the span, the log and the metrics wrap renderErrors so they see the final
	// status.
	chain := []echo.MiddlewareFunc{requestID, apiVersion, securityHeaders}
	if cfg.TracerProvider != nil {
		chain = append(chain, tracing(cfg.TracerProvider))
	}
	e.Use(append(chain, s.accessLog, s.metrics.middleware, renderErrors, s.recoverPanics, s.deadline)...)
	s.routes()
	return s
}

// NewOperations builds the small server a worker-only process runs: health, readiness and
// metrics, nothing else.
func NewOperations(cfg Config) *Server {
	s := New(cfg)
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.handleError
	e.Use(requestID, apiVersion, securityHeaders, s.accessLog, s.metrics.middleware, renderErrors, s.recoverPanics)
	get(e, "/healthz", s.healthz)
	get(e, "/readyz", s.readyz)
	get(e, "/metrics", s.metrics.handler())
	s.echo = e
	return s
}

// deadline bounds every request: its context is cancelled after the request timeout, which
// cancels its database work, and the client gets a 503 instead of waiting on a stuck database.
//
// An import upload streams up to 100 MB and gets importUploadTimeout instead, with the
// connection's read and write deadlines moved to match (the server's own are sized for small
// bodies).
func (s *Server) deadline(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		timeout := s.timeout
		if c.Request().Method == http.MethodPost && c.Path() == "/v1/imports" {
			timeout = importUploadTimeout
			rc := http.NewResponseController(c.Response().Writer)
			_ = rc.SetReadDeadline(time.Now().Add(timeout))
			_ = rc.SetWriteDeadline(time.Now().Add(timeout + 30*time.Second))
		}
		client := c.Request().Context()
		ctx, cancel := context.WithTimeout(client, timeout)
		defer cancel()
		c.SetRequest(c.Request().WithContext(ctx))
		err := next(c)
		if err != nil && errors.Is(client.Err(), context.Canceled) && !errors.Is(err, context.Canceled) {
			// The client hung up and its cancelled statement surfaced as something else (a
			// connection pgx closed reads as "bad connection", the database unavailable): it is
			// still a 499, the client's doing, not a 503.
			err = fmt.Errorf("%w (the client hung up: %v)", context.Canceled, err)
		}
		return err
	}
}

// recoverPanics turns a panic into a 500 and logs it once with its stack, so a production
// panic can be diagnosed from the log line and the request id.
func (s *Server) recoverPanics(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if r := recover(); r != nil {
				if r == http.ErrAbortHandler {
					panic(r)
				}
				s.log.ErrorContext(c.Request().Context(), "panic", "request_id", c.Response().Header().Get(echo.HeaderXRequestID),
					"panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				err = errPanic
			}
		}()
		return next(c)
	}
}

// errPanic stands for a recovered panic: a 500 with the fixed text.
var errPanic = errors.New("handler panicked")

// ServeHTTP makes the server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.echo.ServeHTTP(w, r) }

// get registers a GET route and its HEAD twin (the server sends HEAD's headers without the body).
func get(e *echo.Echo, path string, h echo.HandlerFunc, mw ...echo.MiddlewareFunc) {
	e.GET(path, h, mw...)
	e.HEAD(path, h, mw...)
}

// routes is the route table: every endpoint of the API, in one place. Each /v1 route names the
// scope it needs; authentication and the rate limits run per route (not as group middleware), so
// an unknown path is a plain 404 and a known path with the wrong method a 405.
func (s *Server) routes() {
	e := s.echo
	get(e, "/healthz", s.healthz)
	get(e, "/readyz", s.readyz)
	get(e, "/metrics", s.metrics.handler())
	get(e, "/openapi.yaml", s.serveOpenAPI)
	get(e, "/", redirectToDocs)
	get(e, "/docs", serveDocs)
	get(e, "/docs/", serveDocs)
	get(e, "/docs/assets/:file", serveDocsAsset)

	read, write, admin := model.ScopeRead, model.ScopeWrite, model.ScopeAdmin
	v1 := func(method, path, scope string, h echo.HandlerFunc) {
		mw := []echo.MiddlewareFunc{noStore, s.announceDeprecations(method, "/v1"+path), s.addressLimit, s.authenticate, s.rateLimit, requireScope(scope)}
		if method == http.MethodGet {
			get(e, "/v1"+path, h, mw...)
			return
		}
		e.Add(method, "/v1"+path, h, mw...)
	}

	v1(http.MethodGet, "/tenant", read, s.getTenant)
	v1(http.MethodPatch, "/tenant", admin, s.updateTenant)

	v1(http.MethodGet, "/api-keys", admin, s.listAPIKeys)
	v1(http.MethodPost, "/api-keys", admin, s.createAPIKey)
	v1(http.MethodDelete, "/api-keys/:id", admin, s.revokeAPIKey)

	v1(http.MethodPost, "/candidates", write, s.createCandidate)
	v1(http.MethodGet, "/candidates", read, s.listCandidates)
	v1(http.MethodGet, "/candidates/:id", read, s.getCandidate)
	v1(http.MethodPatch, "/candidates/:id", write, s.updateCandidate)
	v1(http.MethodDelete, "/candidates/:id", write, s.deleteCandidate)

	v1(http.MethodPost, "/rejections", write, s.createRejection)
	v1(http.MethodGet, "/rejections", read, s.listRejections)
	v1(http.MethodGet, "/rejections/:id", read, s.getRejection)
	v1(http.MethodPatch, "/rejections/:id", write, s.updateRejection)
	v1(http.MethodDelete, "/rejections/:id", write, s.deleteRejection)

	v1(http.MethodPost, "/rejections/:id/feedback-requests", write, s.createFeedbackRequest)
	v1(http.MethodGet, "/rejections/:id/feedback-requests", read, s.listFeedbackRequests)
	v1(http.MethodGet, "/feedback-requests/:id", read, s.getFeedbackRequest)
	v1(http.MethodPost, "/feedback-requests/:id/sent", write, s.markFeedbackRequestSent)
	v1(http.MethodPost, "/feedback-requests/:id/cancel", write, s.cancelFeedbackRequest)
	v1(http.MethodPost, "/rejections/:id/feedback", write, s.createFeedback)
	v1(http.MethodGet, "/rejections/:id/feedback", read, s.listFeedback)
	v1(http.MethodGet, "/feedback/:id", read, s.getFeedback)
	v1(http.MethodDelete, "/feedback/:id", write, s.deleteFeedback)
	v1(http.MethodGet, "/rejections/:id/drafts/:kind", read, s.getDraft)
	v1(http.MethodPost, "/tone-checks", write, s.createToneCheck)

	// The employer's response page and its JSON twin: no API key, the link's token is the
	// credential; limited per token and per client address.
	public := newPublicLimiter()
	get(e, "/f/assets/style.css", servePublicStyle)
	get(e, "/f/:token", s.showFeedbackForm, public.middleware)
	e.POST("/f/:token", s.submitFeedbackForm, public.middleware)
	get(e, "/v1/public/feedback-requests/:token", s.getPublicFeedbackRequest, noStore, public.middleware)
	e.POST("/v1/public/feedback-requests/:token/response", s.respondToFeedbackRequest, public.middleware)

	v1(http.MethodGet, "/reflection-prompts", read, s.getReflectionPrompts)
	v1(http.MethodPost, "/rejections/:id/reflections", write, s.createReflection)
	v1(http.MethodGet, "/rejections/:id/reflections", read, s.listReflections)
	v1(http.MethodGet, "/reflections/:id", read, s.getReflection)
	v1(http.MethodPatch, "/reflections/:id", write, s.updateReflection)

	v1(http.MethodGet, "/rejections/:id/recovery-plan", read, s.getRejectionPlan)
	v1(http.MethodGet, "/recovery-plans", read, s.listPlans)
	v1(http.MethodGet, "/recovery-plans/:id", read, s.getPlan)
	v1(http.MethodPatch, "/recovery-plans/:id/steps/:step_id", write, s.updatePlanStep)
	v1(http.MethodGet, "/recovery-plans/:id/revisions", read, s.listPlanRevisions)
	v1(http.MethodGet, "/candidates/:id/insights", read, s.getInsights)
	v1(http.MethodGet, "/candidates/:id/agenda", read, s.getAgenda)
	v1(http.MethodGet, "/candidates/:id/export", read, s.exportCandidate)
	v1(http.MethodGet, "/analytics", read, s.getAnalytics)

	v1(http.MethodPost, "/connectors", admin, s.createConnector)
	v1(http.MethodGet, "/connectors", read, s.listConnectors)
	v1(http.MethodGet, "/connectors/:id", read, s.getConnector)
	v1(http.MethodPatch, "/connectors/:id", admin, s.updateConnector)
	v1(http.MethodDelete, "/connectors/:id", admin, s.deleteConnector)
	// The ATS's webhooks: no API key, the delivery's signature is the credential; limited per
	// connector and per client address.
	e.POST("/v1/public/connectors/:id/deliveries", s.receiveConnectorDelivery, newConnectorLimiter().middleware)

	v1(http.MethodPost, "/imports", write, s.createImport)
	v1(http.MethodGet, "/imports", read, s.listImports)
	v1(http.MethodGet, "/imports/:id", read, s.getImport)
	v1(http.MethodPost, "/imports/:id/cancel", write, s.cancelImport)

	v1(http.MethodGet, "/events", read, s.listEvents)
	v1(http.MethodGet, "/events/:id", read, s.getEvent)
	v1(http.MethodPost, "/events/:id/redeliver", write, s.redeliverEvent)

	v1(http.MethodPost, "/webhook-endpoints", write, s.createWebhookEndpoint)
	v1(http.MethodGet, "/webhook-endpoints", read, s.listWebhookEndpoints)
	v1(http.MethodGet, "/webhook-endpoints/:id", read, s.getWebhookEndpoint)
	v1(http.MethodPatch, "/webhook-endpoints/:id", write, s.updateWebhookEndpoint)
	v1(http.MethodDelete, "/webhook-endpoints/:id", write, s.deleteWebhookEndpoint)
	v1(http.MethodPost, "/webhook-endpoints/:id/rotate-secret", write, s.rotateWebhookSecret)
	v1(http.MethodGet, "/webhook-endpoints/:id/deliveries", read, s.listWebhookDeliveries)
	v1(http.MethodPost, "/webhook-endpoints/:id/test", write, s.testWebhookEndpoint)
}

// apiVersion names the version of the representations on every response (docs/versioning.md).
func apiVersion(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set(headerAPIVersion, wire.APIVersion)
		return next(c)
	}
}

// headerAPIVersion carries wire.APIVersion.
const headerAPIVersion = "Rebound-Version"

// securityHeaders tells browsers never to guess a response's type (a JSON body must not be
// sniffed into HTML).
func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("X-Content-Type-Options", "nosniff")
		return next(c)
	}
}

// noStore keeps API responses, which hold tenants' data, out of every cache.
func noStore(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("Cache-Control", "no-store")
		return next(c)
	}
}

// addressLimit applies the per-address limit, before authentication, when one is configured.
func (s *Server) addressLimit(next echo.HandlerFunc) echo.HandlerFunc {
	if s.addresses == nil {
		return next
	}
	return func(c echo.Context) error {
		if ok, _, wait := s.addresses.take("ip:"+c.RealIP(), time.Now()); !ok {
			secs := int(wait.Seconds()) + 1
			c.Response().Header().Set(echo.HeaderRetryAfter, strconv.Itoa(secs))
			return newProblem(probRateLimited, "Too many requests from this address. Retry after %d second%s.", secs, plural(secs))
		}
		return next(c)
	}
}

// rateLimit applies the per-key limit when one is configured.
func (s *Server) rateLimit(next echo.HandlerFunc) echo.HandlerFunc {
	if s.limiter == nil {
		return next
	}
	return s.limiter.middleware(next)
}

var requestIDPattern = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,128}$`)

// requestID echoes a caller's X-Request-ID when it is sane, or makes a new one, and returns it on
// every response so a problem can be traced in the logs.
func requestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		id := c.Request().Header.Get(echo.HeaderXRequestID)
		if !requestIDPattern.MatchString(id) {
			id = hex.EncodeToString(model.RandomToken(12))
		}
		c.Response().Header().Set(echo.HeaderXRequestID, id)
		return next(c)
	}
}

// accessLog writes one JSON line per request. It never logs headers or bodies, so API keys and
// personal data stay out of the logs; the query string is left out for the same reason.
func (s *Server) accessLog(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		_ = next(c) // renderErrors, further in, has already turned errors into responses
		res := c.Response()
		s.log.LogAttrs(c.Request().Context(), slog.LevelInfo, "request",
			slog.String("request_id", res.Header().Get(echo.HeaderXRequestID)),
			slog.String("method", c.Request().Method),
			slog.String("route", routeOf(c)),
			slog.String("path", c.Request().URL.Path),
			slog.Int("status", res.Status),
			slog.Int64("bytes", res.Size),
			slog.Float64("duration_ms", float64(time.Since(start).Microseconds())/1000),
			slog.String("tenant_id", tenantOf(c)),
		)
		return nil
	}
}

// renderErrors turns a handler's error into its problem response right away, so the outer
// middleware (log, metrics) records the status the client gets.
func renderErrors(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if err := next(c); err != nil {
			c.Error(err)
		}
		return nil
	}
}

// routeOf is the matched route pattern, the low-cardinality name metrics and logs use.
func routeOf(c echo.Context) string {
	if p := c.Path(); p != "" {
		return p
	}
	return "unmatched"
}

// healthz godoc
//
//	@Summary		Liveness probe
//	@Description	Answers 200 while the process is up. It does not touch the database; use /readyz for that.
//	@ID				healthz
//	@Tags			Operations
//	@Produce		json
//	@Success		200	{object}	healthResponse
//	@Router			/healthz [get]
func (s *Server) healthz(c echo.Context) error {
	return c.JSON(http.StatusOK, healthResponse{Status: "ok"})
}

// readyz godoc
//
//	@Summary		Readiness probe
//	@Description	Answers 200 when the database answers within two seconds, else 503. Load balancers use it to route traffic only to ready replicas.
//	@ID				readyz
//	@Tags			Operations
//	@Produce		json
//	@Success		200	{object}	healthResponse
//	@Failure		503	{object}	Problem	"The database is unreachable."
//	@Router			/readyz [get]
func (s *Server) readyz(c echo.Context) error {
	ctx, cancel := contextWithTimeout(c, 2*time.Second)
	defer cancel()
	if err := s.app.Ping(ctx); err != nil {
		s.log.WarnContext(ctx, "readiness check failed", "error", err.Error())
		return newProblem(probUnavailable, "The database is not reachable.")
	}
	return c.JSON(http.StatusOK, healthResponse{Status: "ok"})
}

// healthResponse is the body of the probes.
type healthResponse struct {
	Status string `json:"status" example:"ok"`
} //	@name	Health

// location builds the canonical path of a resource for the Location header.
func location(collection, id string) string { return "/v1/" + collection + "/" + id }

// itoa is strconv.Itoa, named for readability in pointers.
func itoa(i int) string { return strconv.Itoa(i) }

// contextWithTimeout bounds work done for a request.
func contextWithTimeout(c echo.Context, d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(c.Request().Context(), d)
}
