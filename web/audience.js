// The expected audience field: a list of audiences, any one of which the
// token's aud must hold. A pure module (tested under node).

/**
 * audienceList reads the expected audience field: audiences separated by
 * commas or white space ("api, https://api.example web"), each exactly as
 * written otherwise (case kept), in order, each once. An audience cannot
 * itself hold a comma or a space here: the option takes an array for that.
 * An empty field is an empty list, which checks nothing.
 */
export function audienceList(text) {
  return [...new Set(String(text).split(/[\s,]+/).filter(Boolean))];
}
