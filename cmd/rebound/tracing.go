package main

import (
	"context"

	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	"go.opentelemetry.io/otel/trace"
)

// newTracerProvider returns the provider API requests and their database calls are traced
// into, and the function that flushes and stops it; nil and a no-op when tracing is off (the
// default: nothing is traced and nothing is exported).
//
// Tracing is configured the standard OpenTelemetry way, so it fits whatever collector the
// platform runs: OTEL_EXPORTER_OTLP_ENDPOINT (or …_TRACES_ENDPOINT) turns it on and says where
// spans go over OTLP/HTTP; the exporter reads the other OTEL_EXPORTER_OTLP_* variables
// (headers, timeout, compression, certificates), the SDK the sampler (OTEL_TRACES_SAMPLER,
// parent-based always-on by default) and the batching (OTEL_BSP_*), and the resource
// OTEL_SERVICE_NAME (default rebound) and OTEL_RESOURCE_ATTRIBUTES.
func newTracerProvider(ctx context.Context, cfg config) (trace.TracerProvider, func(context.Context) error, error) {
	if !cfg.Tracing {
		return nil, func(context.Context) error { return nil }, nil
	}
	exporter, err := otlptracehttp.New(ctx)
	if err != nil {
		return nil, nil, err
	}
	// Later sources win: the environment's service name over the default.
	res, err := resource.New(ctx, resource.WithAttributes(semconv.ServiceName("rebound")), resource.WithTelemetrySDK(), resource.WithFromEnv())
	if err != nil {
		return nil, nil, err
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exporter), sdktrace.WithResource(res))
	return tp, tp.Shutdown, nil
}
