package main

import (
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"
)

// config is everything the binary reads from its environment. Every knob is documented in the
// README's configuration table.
type config struct {
	DatabaseURL string
	// MigrateDatabaseURL is where migrations run when it differs from DatabaseURL: PostgreSQL
	// itself (or a session pooler) while DatabaseURL points at a transaction pooler, or a role
	// allowed to change the schema.
	MigrateDatabaseURL string
	DataDir            string
	Addr               string
	PublicURL          string
	RateLimit          float64
	RateBurst          int
	LogLevel           string
	ShutdownTimeout    time.Duration
	EventRetention     time.Duration
	// Workers is the number of background worker sets (webhook dispatcher, step scheduler);
	// 0 runs an API-only replica.
	Workers             int
	DispatchInterval    time.Duration
	DispatchLease       time.Duration
	WebhookAllowHTTP    bool
	WebhookAllowPrivate bool
	TrustedProxies      []*net.IPNet
	// RequestTimeout bounds every API request: its database work is cancelled when it passes
	// and the client gets a 503.
	RequestTimeout time.Duration
	// StatementTimeout and LockTimeout bound each statement and each lock wait on PostgreSQL.
	StatementTimeout time.Duration
	LockTimeout      time.Duration
	// DBPoolMode is session (direct or session pooling) or transaction (PgBouncer
	// pool_mode=transaction); DBMaxConns bounds this process's connections.
	DBPoolMode string
	DBMaxConns int
	// Tracing is on when an OTLP endpoint is configured the standard OpenTelemetry way and the
	// SDK is not disabled; the exporter and the SDK read their other settings themselves.
	Tracing bool
	// AddressRateLimit and AddressRateBurst bound requests per client address on the
	// authenticated API, before the key is looked up (0 turns it off).
	AddressRateLimit float64
	AddressRateBurst int
}

// loadConfig reads the configuration through getenv (os.Getenv in production, a map in tests).
func loadConfig(getenv func(string) string) (config, error) {
	cfg := config{
		DatabaseURL:        getenv("DATABASE_URL"),
		MigrateDatabaseURL: getenv("REBOUND_MIGRATE_DATABASE_URL"),
		DataDir:            orDefault(getenv("REBOUND_DATA_DIR"), "data"),
		Addr:               orDefault(getenv("REBOUND_ADDR"), ":8080"),
		PublicURL:          strings.TrimRight(getenv("REBOUND_PUBLIC_URL"), "/"),
		LogLevel:           orDefault(getenv("REBOUND_LOG_LEVEL"), "info"),
		RateLimit:          50,
		RateBurst:          100,
		ShutdownTimeout:    30 * time.Second,
		EventRetention:     30 * 24 * time.Hour,
		Workers:            1,
		DispatchInterval:   time.Second,
		DispatchLease:      30 * time.Second,
		RequestTimeout:     10 * time.Second,
		StatementTimeout:   5 * time.Second,
		LockTimeout:        2 * time.Second,
		DBPoolMode:         orDefault(getenv("REBOUND_DB_POOL_MODE"), "session"),
		DBMaxConns:         20,
		AddressRateLimit:   200,
		AddressRateBurst:   400,
	}
	if v := getenv("REBOUND_ADDRESS_RATE_LIMIT"); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 {
			return cfg, fmt.Errorf("REBOUND_ADDRESS_RATE_LIMIT must be a number of requests per second ≥ 0 (0 turns it off), not %q", v)
		}
		cfg.AddressRateLimit, cfg.AddressRateBurst = f, int(2*f)
	}
	for name, dst := range map[string]*time.Duration{
		"REBOUND_REQUEST_TIMEOUT": &cfg.RequestTimeout, "REBOUND_DB_STATEMENT_TIMEOUT": &cfg.StatementTimeout, "REBOUND_DB_LOCK_TIMEOUT": &cfg.LockTimeout,
	} {
		if v := getenv(name); v != "" {
			d, err := time.ParseDuration(v)
			if err != nil || d < 10*time.Millisecond || d > 10*time.Minute {
				return cfg, fmt.Errorf("%s must be a duration from 10ms to 10m such as 5s, not %q", name, v)
			}
			*dst = d
		}
	}
	if cfg.DBPoolMode != "session" && cfg.DBPoolMode != "transaction" {
		return cfg, fmt.Errorf("REBOUND_DB_POOL_MODE must be session or transaction, not %q", cfg.DBPoolMode)
	}
	if cfg.MigrateDatabaseURL != "" && cfg.DatabaseURL == "" {
		return cfg, fmt.Errorf("REBOUND_MIGRATE_DATABASE_URL needs DATABASE_URL: it is where PostgreSQL migrations run, and SQLite needs none")
	}
	if v := getenv("REBOUND_DB_MAX_CONNS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 2 || n > 1000 {
			return cfg, fmt.Errorf("REBOUND_DB_MAX_CONNS must be a whole number from 2 to 1000, not %q", v)
		}
		cfg.DBMaxConns = n
	}
	if v := getenv("REBOUND_RATE_LIMIT"); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 {
			return cfg, fmt.Errorf("REBOUND_RATE_LIMIT must be a number of requests per second ≥ 0 (0 turns limiting off), not %q", v)
		}
		cfg.RateLimit = f
		cfg.RateBurst = int(2 * f)
	}
	if v := getenv("REBOUND_RATE_BURST"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return cfg, fmt.Errorf("REBOUND_RATE_BURST must be a whole number ≥ 1, not %q", v)
		}
		cfg.RateBurst = n
	}
	if v := getenv("REBOUND_SHUTDOWN_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return cfg, fmt.Errorf("REBOUND_SHUTDOWN_TIMEOUT must be a duration such as 30s, not %q", v)
		}
		cfg.ShutdownTimeout = d
	}
	if v := getenv("REBOUND_EVENT_RETENTION"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Hour {
			return cfg, fmt.Errorf("REBOUND_EVENT_RETENTION must be a duration of at least 1h such as 720h, not %q", v)
		}
		cfg.EventRetention = d
	}
	if v := getenv("REBOUND_WORKERS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 64 {
			return cfg, fmt.Errorf("REBOUND_WORKERS must be a whole number from 0 (API only) to 64, not %q", v)
		}
		cfg.Workers = n
	}
	if v := getenv("REBOUND_DISPATCH_INTERVAL"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 10*time.Millisecond {
			return cfg, fmt.Errorf("REBOUND_DISPATCH_INTERVAL must be a duration of at least 10ms, not %q", v)
		}
		cfg.DispatchInterval = d
	}
	if v := getenv("REBOUND_DISPATCH_LEASE"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Second {
			return cfg, fmt.Errorf("REBOUND_DISPATCH_LEASE must be a duration of at least 1s, not %q", v)
		}
		cfg.DispatchLease = d
	}
	for name, dst := range map[string]*bool{"REBOUND_WEBHOOK_ALLOW_HTTP": &cfg.WebhookAllowHTTP, "REBOUND_WEBHOOK_ALLOW_PRIVATE": &cfg.WebhookAllowPrivate} {
		if v := getenv(name); v != "" {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return cfg, fmt.Errorf("%s must be true or false, not %q", name, v)
			}
			*dst = b
		}
	}
	if v := getenv("REBOUND_TRUSTED_PROXIES"); v != "" {
		for _, part := range strings.Split(v, ",") {
			_, n, err := net.ParseCIDR(strings.TrimSpace(part))
			if err != nil {
				return cfg, fmt.Errorf("REBOUND_TRUSTED_PROXIES must be a comma-separated list of CIDR ranges such as 10.0.0.0/8, not %q", part)
			}
			cfg.TrustedProxies = append(cfg.TrustedProxies, n)
		}
	}
	cfg.Tracing = (getenv("OTEL_EXPORTER_OTLP_ENDPOINT") != "" || getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") != "") &&
		!strings.EqualFold(getenv("OTEL_SDK_DISABLED"), "true")
	if cfg.PublicURL == "" {
		host := cfg.Addr
		if strings.HasPrefix(host, ":") {
			host = "localhost" + host
		}
		cfg.PublicURL = "http://" + host
	}
	switch cfg.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return cfg, fmt.Errorf("REBOUND_LOG_LEVEL must be debug, info, warn or error, not %q", cfg.LogLevel)
	}
	return cfg, nil
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
