package store

import (
	"context"
	"errors"
	"strings"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	"go.opentelemetry.io/otel/trace"
	"gorm.io/gorm"
)

// tracerName names the instrumentation in every span the store starts.
const tracerName = "github.com/reboundhq/rebound/internal/store"

// spanKey is where a statement's span waits between the callbacks before and after it.
const spanKey = "rebound:span"

// instrument makes every statement GORM runs a client span, child of the span on the
// statement's context. Statements without a recording span above them (the workers' polling,
// every second on every worker) start none, so tracing shows the database work of traced
// requests rather than a trace per poll. A span carries the statement with its placeholders,
// never the values, which hold personal data.
func instrument(db *gorm.DB, tp trace.TracerProvider, dialect string) error {
	tracer := tp.Tracer(tracerName)
	system := semconv.DBSystemNamePostgreSQL
	if dialect == DialectSQLite {
		system = semconv.DBSystemNameSQLite
	}
	before := func(db *gorm.DB) {
		ctx := db.Statement.Context
		if ctx == nil || !trace.SpanFromContext(ctx).IsRecording() {
			return
		}
		ctx, span := tracer.Start(ctx, "db", trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(system))
		db.Statement.Context = ctx
		db.InstanceSet(spanKey, span)
	}
	after := func(db *gorm.DB) {
		v, ok := db.InstanceGet(spanKey)
		if !ok {
			return
		}
		span := v.(trace.Span)
		defer span.End()
		query := db.Statement.SQL.String()
		operation, _, _ := strings.Cut(strings.TrimSpace(query), " ")
		operation = strings.ToUpper(operation)
		name := operation
		if table := db.Statement.Table; table != "" {
			name += " " + table
			span.SetAttributes(semconv.DBCollectionName(table))
		}
		span.SetName(name)
		span.SetAttributes(semconv.DBOperationName(operation), semconv.DBQueryText(query),
			attribute.Int64("db.response.affected_rows", db.Statement.RowsAffected))
		if err := db.Error; err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
			span.RecordError(err)
			span.SetStatus(codes.Error, err.Error())
		}
	}
	cb := db.Callback()
	for _, err := range []error{
		cb.Create().Before("gorm:create").Register("rebound:trace_create", before),
		cb.Create().After("gorm:create").Register("rebound:traced_create", after),
		cb.Query().Before("gorm:query").Register("rebound:trace_query", before),
		cb.Query().After("gorm:query").Register("rebound:traced_query", after),
		cb.Update().Before("gorm:update").Register("rebound:trace_update", before),
		cb.Update().After("gorm:update").Register("rebound:traced_update", after),
		cb.Delete().Before("gorm:delete").Register("rebound:trace_delete", before),
		cb.Delete().After("gorm:delete").Register("rebound:traced_delete", after),
		cb.Row().Before("gorm:row").Register("rebound:trace_row", before),
		cb.Row().After("gorm:row").Register("rebound:traced_row", after),
		cb.Raw().Before("gorm:raw").Register("rebound:trace_raw", before),
		cb.Raw().After("gorm:raw").Register("rebound:traced_raw", after),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}

// traceTx starts the span a transaction's statements nest under, when there is a recording
// span to hang it from.
func (s *Store) traceTx(ctx context.Context) (context.Context, func(error)) {
	if s.tracer == nil || !trace.SpanFromContext(ctx).IsRecording() {
		return ctx, func(error) {}
	}
	ctx, span := s.tracer.Start(ctx, "transaction", trace.WithSpanKind(trace.SpanKindClient))
	return ctx, func(err error) {
		if err != nil {
			span.SetStatus(codes.Error, err.Error())
		}
		span.End()
	}
}
