// JSON text helpers that keep a token's JSON exactly as written: key order,
// number spelling (beyond float64 precision) and escapes survive.

/**
 * pretty re-indents JSON text without parsing it into JS values, so a
 * number like 12345678901234567890 is shown as written. Text that is not
 * JSON comes back unchanged.
 */
export function pretty(text, indent = "  ") {
  // Pieces are collected and joined once: a claim can be a megabyte, and
  // strings are copied whole rather than a character at a time.
  const out = [];
  let depth = 0;
  const newline = () => out.push("\n", indent.repeat(depth));
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    switch (c) {
      case '"': {
        const end = stringEnd(text, i);
        if (end < 0) return text;
        out.push(text.slice(i, end + 1));
        i = end;
        break;
      }
      case "{":
      case "[": {
        const close = c === "{" ? "}" : "]";
        const next = nextNonSpace(text, i + 1);
        if (text[next] === close) {
          out.push(c + close);
          i = next;
        } else {
          depth++;
          out.push(c);
          newline();
        }
        break;
      }
      case "}":
      case "]":
        depth = Math.max(0, depth - 1);
        newline();
        out.push(c);
        break;
      case ",":
        out.push(",");
        newline();
        break;
      case ":":
        out.push(": ");
        break;
      case " ":
      case "\n":
      case "\r":
      case "\t":
        break;
      default: {
        // A run of number or literal characters, copied at once.
        let j = i;
        while (j + 1 < text.length && !'"{}[],: \n\r\t'.includes(text[j + 1])) j++;
        out.push(text.slice(i, j + 1));
        i = j;
      }
    }
  }
  return out.join("");
}

/**
 * members lists the members of the JSON object text (valid JSON, as
 * JSON.parse says) in order, duplicates included: each one's name (escapes
 * read), where it starts, where its value starts and where it ends, so that
 * the text can be edited member by member and stay exact elsewhere.
 */
export function members(text) {
  const out = [];
  let depth = 0;
  let expectName = false;
  let cur = null;
  const valueAt = (i) => {
    if (depth === 1 && cur && cur.valueStart === undefined) cur.valueStart = i;
  };
  const finish = (i) => {
    if (!cur) return;
    let end = i;
    while (end > cur.valueStart && " \n\r\t".includes(text[end - 1])) end--;
    out.push({ ...cur, end });
    cur = null;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return out;
      if (depth === 1 && expectName) {
        cur = { name: JSON.parse(text.slice(i, end + 1)), start: i };
        expectName = false;
      } else {
        valueAt(i);
      }
      i = end;
    } else if (c === "{" || c === "[") {
      valueAt(i);
      depth++;
      if (depth === 1) expectName = true;
    } else if (c === "}" || c === "]") {
      depth--;
      if (depth === 0) finish(i);
    } else if (c === "," && depth === 1) {
      finish(i);
      expectName = true;
    } else if (!" \n\r\t:".includes(c)) {
      valueAt(i);
    }
  }
  return out;
}

/** stringEnd returns the index of the quote closing the string opened at i, or -1. */
function stringEnd(text, i) {
  for (let j = i + 1; j < text.length; j++) {
    const q = text.indexOf('"', j);
    if (q < 0) return -1;
    let backslashes = 0;
    for (let k = q - 1; k > i && text[k] === "\\"; k--) backslashes++;
    if (backslashes % 2 === 0) return q;
    j = q;
  }
  return -1;
}

function nextNonSpace(text, i) {
  while (i < text.length && " \n\r\t".includes(text[i])) i++;
  return i;
}
