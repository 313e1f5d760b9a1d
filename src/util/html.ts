// Markup for the job summary, which GitHub renders as HTML: text the action did not write itself (a fork's
// repository name from the event payload, tags, image names, digests, user names, messages) must arrive as
// text, never as elements. `Html` is markup the action wrote (`markup`, not `html`, so that Prettier leaves the
// templates alone); every plain string is escaped where it meets
// markup, so no caller can forget to.

/** Markup the action wrote: used as it is. Made only by `markup` and `joinHtml`, which escape what they embed. */
export class Html {
  private constructor(readonly markup: string) {}

  /** For this module's constructors only; anything else makes Html from text through `markup`. */
  static trusted(markup: string): Html {
    return new Html(markup)
  }

  toString(): string {
    return this.markup
  }
}

/** Text or markup: text is escaped, markup kept. */
export type HtmlText = string | Html

/**
 * `&`, `<`, `>` and `"` as entities: safe inside elements and inside attributes, which this action always quotes
 * with `"`. A `'` stays as it is, so that commands in the summary (`cosign verify --certificate-identity '...'`)
 * read the same in the raw file.
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** Markup of text or markup. */
export function toHtml(value: HtmlText): string {
  return value instanceof Html ? value.markup : escapeHtml(value)
}

/** A template of markup: the literal parts are the action's own, every value embedded is escaped (unless Html). */
export function markup(strings: TemplateStringsArray, ...values: (HtmlText | number)[]): Html {
  let out = strings[0]
  values.forEach((value, i) => {
    out += (typeof value === 'number' ? String(value) : toHtml(value)) + strings[i + 1]
  })
  return Html.trusted(out)
}

/** Joins text or markup with a separator of markup (`<br>`, `, `). */
export function joinHtml(parts: HtmlText[], separator: HtmlText = ''): Html {
  return Html.trusted(parts.map(toHtml).join(toHtml(separator)))
}
