// build.mjs: the second step of `npm run build`, after sass has written
// static/dist/app.css. It copies GOV.UK Frontend's JavaScript into
// static/dist, then checks the compiled CSS for what the theme promises to
// leave out: the GDS Transport font and any url() to a file that is not
// served. It exits non-zero when a check fails, so the build fails.
//
// Paths are relative to this file, so it works from any working directory.

import { copyFileSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const dist = join(here, 'dist')
const govuk = join(here, '..', 'node_modules', 'govuk-frontend', 'dist', 'govuk')

mkdirSync(dist, { recursive: true })
// The source map is left out: it would triple the size of the embedded files.
copyFileSync(join(govuk, 'govuk-frontend.min.js'), join(dist, 'govuk-frontend.min.js'))

const css = readFileSync(join(dist, 'app.css'), 'utf8')
const problems = []
if (css.includes('GDS Transport')) {
  problems.push('app.css names the GDS Transport font')
}
if (/@font-face/i.test(css)) {
  problems.push('app.css declares an @font-face')
}
const urls = css.match(/url\([^)]*\)/g) ?? []
if (urls.length > 0) {
  problems.push(`app.css refers to files that are not served: ${urls.join(', ')}`)
}
if (problems.length > 0) {
  console.error(`build.mjs: ${problems.join('; ')}`)
  process.exit(1)
}
console.log(`build.mjs: static/dist/app.css ${css.length} bytes, no web font, no url(); copied govuk-frontend.min.js`)
