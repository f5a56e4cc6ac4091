// Package static holds the portal's browser assets, embedded into the binary.
//
// The files in FS are served under the prefix /static/, with their path in FS
// after it:
//
//	/static/dist/app.css                 the GOV.UK Frontend theme (npm run build)
//	/static/dist/govuk-frontend.min.js   GOV.UK Frontend's components (npm run build)
//	/static/js/app.js                    the module that starts them
//	/static/js/address.js                the address field's commune list and search
//	/static/js/payment_wait.js           the payment return page checking again by itself
//	/static/img/favicon.svg              the portal's icon; img/favicon.ico is served at /favicon.ico
//
// static/dist holds only a placeholder in a fresh clone, so the package
// compiles before `npm ci && npm run build`, but the pages are unstyled until
// the build has run.
package static

import "embed"

// FS holds dist/ (built files), js/ (hand-written scripts) and img/ (the icon). Serve it with
// the /static/ prefix stripped, for example
// http.StripPrefix("/static/", http.FileServerFS(static.FS)).
//
//go:embed all:dist js img
var FS embed.FS
