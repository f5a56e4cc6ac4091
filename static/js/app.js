// app.js: the portal's only entry script, loaded on every page as
//   <script type="module" src="/static/js/app.js"></script>
// There are no inline scripts: the Content-Security-Policy forbids them.
//
// GOV.UK Frontend styles and starts its components only when <body> has the
// class govuk-frontend-supported, which its page template adds with an inline
// script. A module script runs only in browsers that GOV.UK Frontend supports,
// so adding the class here has the same effect.

import { initAll } from '/static/dist/govuk-frontend.min.js'
import { initAddressFields } from '/static/js/address.js'
import { initPaymentWait } from '/static/js/payment_wait.js'

document.body.classList.add('govuk-frontend-supported')
initAll()
initAddressFields()
initPaymentWait()
