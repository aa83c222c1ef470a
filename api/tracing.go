package api

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	"go.opentelemetry.io/otel/trace"
)

// tracerName names the instrumentation in the spans the API starts.
const tracerName = "github.com/reboundhq/rebound/api"

// tracing starts a server span for every request, continuing the caller's trace when it sends a
// W3C traceparent. The span is named after the route pattern, never the path: paths carry ids,
// and the feedback page's path carries the link's token, a credential. It runs outside
// renderErrors, so it records the status the client gets.
func tracing(tp trace.TracerProvider) echo.MiddlewareFunc {
	tracer := tp.Tracer(tracerName)
	propagator := propagation.TraceContext{}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := c.Request()
			route := routeOf(c)
			ctx := propagator.Extract(req.Context(), propagation.HeaderCarrier(req.Header))
			ctx, span := tracer.Start(ctx, req.Method+" "+route, trace.WithSpanKind(trace.SpanKindServer),
				trace.WithAttributes(semconv.HTTPRequestMethodKey.String(req.Method), semconv.HTTPRoute(route)))
			defer span.End()
			c.SetRequest(req.WithContext(ctx))
			err := next(c)
			res := c.Response()
			span.SetAttributes(semconv.HTTPResponseStatusCode(res.Status),
				attribute.String("rebound.request_id", res.Header().Get(echo.HeaderXRequestID)))
			if tenant := tenantOf(c); tenant != "" {
				span.SetAttributes(attribute.String("rebound.tenant_id", tenant))
			}
			if res.Status >= http.StatusInternalServerError {
				span.SetStatus(codes.Error, http.StatusText(res.Status))
			}
			return err
		}
	}
}
