// payment_wait.js: the payment return page that waits for the gateway's confirmation checks
// again by itself.
//
// Without this script the page offers "Kiểm tra lại", a link to the same page counted one
// check further (views/pages/payment.templ). Here, instead, the script fetches that link every
// few seconds in the background (same origin, the session's cookie) and, once the page it gets
// no longer waits, puts that page's outcome in place of the waiting one. The outcome sits in a
// polite live region, so a screen reader announces it; the page is not reloaded and focus does
// not move (a timed reload is an accessibility failure, WCAG 2.2.1). The checks end when the
// page the server gives has no next check (after a few minutes), or when a check fails.

const outcome = '[data-payment-return]'

function wait (current) {
  const box = current.querySelector('[data-payment-wait]')
  if (!box) return
  const next = box.dataset.paymentWait
  const seconds = Number(box.dataset.paymentWaitSeconds) || 5
  setTimeout(async () => {
    let doc
    try {
      const res = await fetch(next, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      if (!res.ok) return
      doc = new DOMParser().parseFromString(await res.text(), 'text/html')
    } catch {
      return // "Kiểm tra lại" still works
    }
    const fresh = doc.querySelector(outcome)
    if (!fresh) return
    if (fresh.dataset.outcome === 'pending') {
      // Still waiting: keep the page as it is, with the next check's link.
      const link = current.querySelector('[data-testid=return-check]')
      const freshBox = fresh.querySelector('[data-payment-wait]')
      if (link && freshBox) link.href = freshBox.dataset.paymentWait
      if (freshBox) {
        box.dataset.paymentWait = freshBox.dataset.paymentWait
        wait(current)
      }
      return
    }
    const placed = document.importNode(fresh, true)
    current.replaceWith(placed)
    document.title = doc.title
  }, seconds * 1000)
}

export function initPaymentWait () {
  const current = document.querySelector(outcome)
  if (current && current.dataset.outcome === 'pending') wait(current)
}
