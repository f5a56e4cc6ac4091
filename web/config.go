package web

import (
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/signin"
	"github.com/motlan/portal/services/vnpay"
)

// DevSessionSecret is the development default of SESSION_SECRET; the portal refuses it when
// served over https.
const DevSessionSecret = "dev-only-session-secret-not-for-production-use"

// Config is the portal's configuration, read from the environment (README lists every variable).
type Config struct {
	DatabaseURL           string            // DATABASE_URL
	DatabaseReplicaURL    string            // DATABASE_REPLICA_URL: a streaming replica for pages that only read; empty = none
	DatabaseReplicaMaxLag time.Duration     // DATABASE_REPLICA_MAX_LAG: how far behind the primary the replica may be and still serve them
	Addr                  string            // PORTAL_ADDR: where the portal listens
	BaseURL               string            // PORTAL_BASE_URL: how browsers reach it (redirect URIs derive from it)
	OIDCIssuer            string            // OIDC_ISSUER
	OIDCClientID          string            // OIDC_CLIENT_ID
	OIDCClientSecret      string            // OIDC_CLIENT_SECRET
	OIDCScopes            []string          // OIDC_SCOPES (space separated)
	OIDCSigningAlgs       []string          // OIDC_SIGNING_ALGS (comma separated allow-list)
	Claims                signin.ClaimNames // OIDC_CLAIM_*
	StaffOIDCIssuer       string            // STAFF_OIDC_ISSUER: the workforce identity provider (default OIDC_ISSUER)
	StaffOIDCClientID     string            // STAFF_OIDC_CLIENT_ID
	StaffOIDCClientSecret string            // STAFF_OIDC_CLIENT_SECRET
	SessionSecret         string            // SESSION_SECRET: keys the hashes of sign-in state
	SessionIdle           time.Duration     // SESSION_IDLE_TIMEOUT
	SessionLifetime       time.Duration     // SESSION_LIFETIME
	NDXPURL               string            // NDXP_URL: the National Data Exchange Platform
	NDXPClientID          string            // NDXP_CLIENT_ID
	NDXPClientSecret      string            // NDXP_CLIENT_SECRET
	RegistryTimeout       time.Duration     // REGISTRY_TIMEOUT: per database, retry included
	UploadMaxBytes        int64             // UPLOAD_MAX_BYTES: largest file a citizen may upload
	UploadQuotaBytes      int64             // UPLOAD_QUOTA_BYTES: the most a citizen's files waiting in drafts may take
	UploadConcurrency     int               // UPLOAD_CONCURRENCY: posts with files read at once by one portal; more wait for a 503
	DraftTTL              time.Duration     // DRAFT_TTL: a draft not saved for this long is purged
	ReceiptFontDir        string            // RECEIPT_FONT_DIR: DejaVu fonts for PDF receipts
	VNPAYTmnCode          string            // VNPAY_TMN_CODE: the portal's merchant (terminal) code at the payment gateway
	VNPAYHashSecret       string            // VNPAY_HASH_SECRET: the merchant's secret, which signs every message with the gateway
	VNPAYPayURL           string            // VNPAY_PAY_URL: the gateway's payment page (…/paymentv2/vpcpay.html)
	VNPAYAPIURL           string            // VNPAY_API_URL: the gateway's query and refund API (…/merchant_webapi/api/transaction)
	VNPAYExpiry           time.Duration     // VNPAY_EXPIRY: how long a payer has on the gateway's page
	ResultKeyDir          string            // RESULT_KEY_DIR: agencies' signing keys (<agency>.pem), their certificates (<agency>.crt) and the CA's chain (chain.crt, its root trusted by /verify); empty = keys and a development CA generated and kept in the database (dev)
	AuditArchiveKey       string            // AUDIT_ARCHIVE_KEY: the Ed25519 key (PKCS #8 PEM) signing `portal audit export` archives; made there on first use
	SMTPAddr              string            // SMTP_ADDR: host:port; empty = write mails to MAIL_DIR
	SMTPFrom              string            // SMTP_FROM
	SMTPUser              string            // SMTP_USER
	SMTPPassword          string            // SMTP_PASSWORD
	MailDir               string            // MAIL_DIR: where dev mails are written
	SMSDir                string            // SMS_DIR: where the development SMS gateway writes text messages
	MetricsToken          string            // METRICS_TOKEN: bearer token of the Prometheus scraper; empty = loopback only
	OperatorAddr          string            // OPERATOR_ADDR: a listener of its own for /metrics and /debug/pprof/; empty = on the portal's
	TrustedProxies        []*net.IPNet      // TRUSTED_PROXIES: proxies whose X-Forwarded-For is believed; empty = peer addresses
	TracesExporter        string            // OTEL_TRACES_EXPORTER: "" (off), stdout or otlp
	LogFormat             string            // LOG_FORMAT: text or json
	LogLevel              string            // LOG_LEVEL: debug, info, warn, error

	BlobStore string               // BLOB_STORE: where file contents are kept: postgres (default, in the database) or s3
	S3        attachments.S3Config // S3_ENDPOINT (host:port), S3_BUCKET, S3_ACCESS_KEY, S3_SECRET_KEY, S3_REGION, S3_USE_SSL (true/false): the bucket of BLOB_STORE=s3

	Now func() time.Time // injected clock; nil = time.Now
	// TraceExporter receives spans when set (tests); it wins over TracesExporter.
	TraceExporter sdktrace.SpanExporter
}

// LoadConfig reads the configuration through getenv (os.Getenv in main), applying the
// development defaults, and checks it.
func LoadConfig(getenv func(string) string) (Config, error) {
	get := func(name, def string) string {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			return v
		}
		return def
	}
	var errs []error
	duration := func(name, def string) time.Duration {
		d, err := time.ParseDuration(get(name, def))
		if err != nil || d <= 0 {
			errs = append(errs, fmt.Errorf("%s: want a positive duration such as 30m", name))
		}
		return d
	}
	claims := signin.DefaultClaimNames()
	cfg := Config{
		DatabaseURL:      get("DATABASE_URL", "postgres://postgres@127.0.0.1:54329/motlan?sslmode=disable"),
		Addr:             get("PORTAL_ADDR", "127.0.0.1:8080"),
		BaseURL:          strings.TrimRight(get("PORTAL_BASE_URL", "http://localhost:8080"), "/"),
		OIDCIssuer:       get("OIDC_ISSUER", "http://localhost:8081"),
		OIDCClientID:     get("OIDC_CLIENT_ID", "motlan-portal"),
		OIDCClientSecret: get("OIDC_CLIENT_SECRET", "dev-portal-secret"),
		OIDCScopes:       strings.Fields(get("OIDC_SCOPES", "openid profile email phone")),
		OIDCSigningAlgs:  strings.Split(get("OIDC_SIGNING_ALGS", "RS256,ES256"), ","),
		Claims: signin.ClaimNames{
			PersonalID: get("OIDC_CLAIM_PERSONAL_ID", claims.PersonalID),
			Name:       get("OIDC_CLAIM_NAME", claims.Name),
			GivenName:  get("OIDC_CLAIM_GIVEN_NAME", claims.GivenName),
			FamilyName: get("OIDC_CLAIM_FAMILY_NAME", claims.FamilyName),
			Birthdate:  get("OIDC_CLAIM_BIRTHDATE", claims.Birthdate),
			Gender:     get("OIDC_CLAIM_GENDER", claims.Gender),
			ACR:        get("OIDC_CLAIM_ACR", claims.ACR),
			Username:   claims.Username,
			Email:      get("OIDC_CLAIM_EMAIL", claims.Email),

			EmailVerified: get("OIDC_CLAIM_EMAIL_VERIFIED", claims.EmailVerified),
			Phone:         get("OIDC_CLAIM_PHONE", claims.Phone),
			PhoneVerified: get("OIDC_CLAIM_PHONE_VERIFIED", claims.PhoneVerified),
		},
		SessionSecret:    get("SESSION_SECRET", DevSessionSecret),
		SessionIdle:      duration("SESSION_IDLE_TIMEOUT", "30m"),
		SessionLifetime:  duration("SESSION_LIFETIME", "12h"),
		NDXPURL:          strings.TrimRight(get("NDXP_URL", "http://localhost:8082"), "/"),
		NDXPClientID:     get("NDXP_CLIENT_ID", "motlan-portal"),
		NDXPClientSecret: get("NDXP_CLIENT_SECRET", "dev-ndxp-secret"),
		RegistryTimeout:  duration("REGISTRY_TIMEOUT", "2s"),
		DraftTTL:         duration("DRAFT_TTL", "720h"),
		ReceiptFontDir:   get("RECEIPT_FONT_DIR", ""),
		VNPAYTmnCode:     get("VNPAY_TMN_CODE", "MOTLAN01"),
		VNPAYHashSecret:  get("VNPAY_HASH_SECRET", DevVNPAYSecret),
		VNPAYPayURL:      get("VNPAY_PAY_URL", "http://localhost:8083"+vnpay.PayPath),
		VNPAYAPIURL:      get("VNPAY_API_URL", "http://localhost:8083"+vnpay.APIPath),
		VNPAYExpiry:      duration("VNPAY_EXPIRY", "15m"),
		LogFormat:        get("LOG_FORMAT", "text"),
		LogLevel:         get("LOG_LEVEL", "info"),
	}
	if n, err := strconv.ParseInt(get("UPLOAD_MAX_BYTES", "10485760"), 10, 64); err != nil || n <= 0 || n > 100<<20 {
		errs = append(errs, errors.New("UPLOAD_MAX_BYTES: want a size in bytes up to 104857600"))
	} else {
		cfg.UploadMaxBytes = n
	}
	if n, err := strconv.ParseInt(get("UPLOAD_QUOTA_BYTES", "209715200"), 10, 64); err != nil || n < cfg.UploadMaxBytes {
		errs = append(errs, errors.New("UPLOAD_QUOTA_BYTES: want a size in bytes, at least UPLOAD_MAX_BYTES"))
	} else {
		cfg.UploadQuotaBytes = n
	}
	if n, err := strconv.Atoi(get("UPLOAD_CONCURRENCY", "4")); err != nil || n < 1 || n > 1000 {
		errs = append(errs, errors.New("UPLOAD_CONCURRENCY: want a number from 1 to 1000"))
	} else {
		cfg.UploadConcurrency = n
	}
	cfg.BlobStore, cfg.S3 = loadBlobStore(get, &errs)
	cfg.StaffOIDCIssuer = get("STAFF_OIDC_ISSUER", cfg.OIDCIssuer)
	cfg.DatabaseReplicaURL = get("DATABASE_REPLICA_URL", "")
	cfg.DatabaseReplicaMaxLag = duration("DATABASE_REPLICA_MAX_LAG", "2s")
	cfg.SMTPAddr, cfg.SMTPUser, cfg.SMTPPassword = get("SMTP_ADDR", ""), get("SMTP_USER", ""), get("SMTP_PASSWORD", "")
	cfg.SMTPFrom = get("SMTP_FROM", "Cổng Một Lần <no-reply@motlan.example>")
	cfg.MailDir = get("MAIL_DIR", ".data/mail")
	cfg.SMSDir = get("SMS_DIR", ".data/sms")
	cfg.ResultKeyDir = get("RESULT_KEY_DIR", "")
	cfg.AuditArchiveKey = get("AUDIT_ARCHIVE_KEY", ".data/audit-archive-key.pem")
	cfg.MetricsToken = get("METRICS_TOKEN", "")
	cfg.OperatorAddr = get("OPERATOR_ADDR", "")
	proxies, proxiesErr := parseTrustedProxies(get("TRUSTED_PROXIES", ""))
	cfg.TrustedProxies = proxies
	if proxiesErr != nil {
		errs = append(errs, proxiesErr)
	}
	cfg.TracesExporter = get("OTEL_TRACES_EXPORTER", "")
	if cfg.TracesExporter != "" && cfg.TracesExporter != "stdout" && cfg.TracesExporter != "otlp" && cfg.TracesExporter != "none" {
		errs = append(errs, errors.New("OTEL_TRACES_EXPORTER: want stdout, otlp or none"))
	}
	if cfg.SMTPAddr != "" {
		if _, err := mail.ParseAddress(cfg.SMTPFrom); err != nil {
			errs = append(errs, errors.New("SMTP_FROM: want an address such as Cổng Một Lần <no-reply@example.gov.vn>"))
		}
	}
	cfg.StaffOIDCClientID = get("STAFF_OIDC_CLIENT_ID", "motlan-staff")
	cfg.StaffOIDCClientSecret = get("STAFF_OIDC_CLIENT_SECRET", "dev-staff-secret")
	if err := cfg.Validate(); err != nil {
		errs = append(errs, err)
	}
	return cfg, errors.Join(errs...)
}

// Validate checks what a misconfiguration would otherwise turn into a confusing failure later.
func (c Config) Validate() error {
	var errs []error
	base, err := url.Parse(c.BaseURL)
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		errs = append(errs, errors.New("PORTAL_BASE_URL: want an absolute http(s) URL"))
	}
	iss, err := url.Parse(c.OIDCIssuer)
	if err != nil || (iss.Scheme != "http" && iss.Scheme != "https") || iss.Host == "" {
		errs = append(errs, errors.New("OIDC_ISSUER: want an absolute http(s) URL"))
	}
	if u, err := url.Parse(c.NDXPURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, errors.New("NDXP_URL: want an absolute http(s) URL"))
	}
	if c.OIDCClientID == "" {
		errs = append(errs, errors.New("OIDC_CLIENT_ID: required"))
	}
	if len(c.SessionSecret) < 32 {
		errs = append(errs, errors.New("SESSION_SECRET: want at least 32 characters"))
	}
	if c.Secure() && c.SessionSecret == DevSessionSecret {
		errs = append(errs, errors.New("SESSION_SECRET: the development default cannot be used over https"))
	}
	for _, alg := range c.OIDCSigningAlgs {
		switch alg {
		case "RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "EdDSA":
		default:
			errs = append(errs, fmt.Errorf("OIDC_SIGNING_ALGS: %q is not an allowed asymmetric algorithm", alg))
		}
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, errors.New("LOG_FORMAT: want text or json"))
	}
	errs = append(errs, c.validateOperator()...)
	errs = append(errs, c.validatePayment()...)
	return errors.Join(errs...)
}

// Secure reports whether the portal is served over https, so its cookies must be Secure.
func (c Config) Secure() bool { return strings.HasPrefix(c.BaseURL, "https://") }
