// address.js: the address field's commune list follows its province, with a search box.
//
// Without this script the field still works (views/components/fields.templ, fieldAddress):
// the commune select lists the chosen province's communes and a "show communes" button
// saves the step and comes back to it after the province changes. Here, instead:
//   - the button is hidden;
//   - changing the province fetches its communes as JSON from the URL in
//     data-communes-url ("{code}" replaced by the province code; the portal serves
//     /dia-ban/tinh/<code>/xa, cacheable) and refills the commune select;
//   - a search box above the select narrows its options as the citizen types, ignoring
//     case and Vietnamese diacritics ("hoan kiem" finds "Phường Hoàn Kiếm"), and says
//     how many match.
// The texts come from data-text-* attributes, in the page's language.

const lists = new Map() // province code → Promise of [{code, name}], shared by the fields

// fold is what the search compares: lower case, without diacritics (đ becomes d), one space
// between words; services/catalogue.Fold does the same on the server.
export function fold (s) {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd')
    .toLowerCase().replace(/\s+/g, ' ').trim()
}

function communesOf (template, province) {
  if (!lists.has(province)) {
    const url = template.replace('{code}', encodeURIComponent(province))
    const list = fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then((res) => {
        if (!res.ok) throw new Error(`${url}: ${res.status}`)
        return res.json()
      })
    list.catch(() => lists.delete(province)) // try again on the next change
    lists.set(province, list)
  }
  return lists.get(province)
}

function addressField (fieldset) {
  const province = fieldset.querySelector('[data-address-province]')
  const commune = fieldset.querySelector('[data-address-commune]')
  const show = fieldset.querySelector('.app-address__show')
  if (!province || !commune) return
  const text = (name) => fieldset.dataset[name] || ''

  let all = [...commune.options].filter((o) => o.value !== '')
    .map((o) => ({ code: o.value, name: o.text, folded: fold(o.text) }))

  const filterID = commune.id + '-filter'
  const el = (tag, props) => Object.assign(document.createElement(tag), props)
  const label = el('label', { className: 'govuk-label', htmlFor: filterID, textContent: text('textFilter') })
  const hint = el('div', { className: 'govuk-hint', id: filterID + '-hint', textContent: text('textFilterHint') })
  const filter = el('input', {
    className: 'govuk-input govuk-!-width-two-thirds', id: filterID, type: 'search', autocomplete: 'off', spellcheck: false
  })
  filter.setAttribute('aria-describedby', hint.id)
  filter.setAttribute('aria-controls', commune.id)
  const matches = el('p', { className: 'govuk-body-s app-address__matches', id: filterID + '-matches' })
  matches.setAttribute('aria-live', 'polite')
  const box = el('div', { className: 'app-address__filter' })
  box.append(label, hint, filter, matches)
  const group = commune.closest('.app-address__commune')
  if (group) group.prepend(box)
  else commune.before(box)
  if (show) show.hidden = true

  // render lists the communes that match the search, keeping the chosen one even if it
  // does not, so typing never drops an answer silently.
  const render = (placeholder) => {
    const chosen = commune.value
    const q = fold(filter.value)
    const shown = all.filter((c) => c.code === chosen || c.folded.includes(q))
    const options = [new Option(placeholder ?? text(all.length ? 'textChoose' : 'textProvinceFirst'), '')]
    for (const c of shown) {
      options.push(new Option(c.name, c.code, false, c.code === chosen))
    }
    commune.replaceChildren(...options)
    filter.disabled = all.length === 0
    matches.textContent = q && all.length ? text('textMatches').replace('%d', String(shown.length)) : ''
  }

  province.addEventListener('change', async () => {
    const code = province.value
    filter.value = ''
    all = []
    if (code === '') {
      render()
      return
    }
    render(text('textLoading'))
    try {
      const list = await communesOf(fieldset.dataset.communesUrl, code)
      if (province.value !== code) return // changed again meanwhile
      all = list.map((c) => ({ code: c.code, name: c.name, folded: fold(c.name) }))
      render()
    } catch {
      if (province.value !== code) return
      render()
      matches.textContent = text('textFailed')
      if (show) show.hidden = false
    }
  })
  filter.addEventListener('input', () => render())
  filter.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') { // would submit the step: go to the narrowed list instead
      e.preventDefault()
      commune.focus()
    }
  })
  render()
}

// initAddressFields sets up every address field of the page.
export function initAddressFields (root = document) {
  for (const fieldset of root.querySelectorAll('[data-module="app-address"]')) {
    addressField(fieldset)
  }
}
