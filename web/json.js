// JSON text helpers that keep a token's JSON exactly as written: key order,
// number spelling (beyond float64 precision) and escapes survive.

/**
 * pretty re-indents JSON text without parsing it into JS values, so a
 * number like 12345678901234567890 is shown as written. Text that is not
 * JSON comes back unchanged.
 */
export function pretty(text, indent = "  ") {
  let out = "";
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === "\\") out += text[++i] ?? "";
      else if (c === '"') inString = false;
      continue;
    }
    switch (c) {
      case '"':
        inString = true;
        out += c;
        break;
      case "{":
      case "[": {
        const close = c === "{" ? "}" : "]";
        const next = nextNonSpace(text, i + 1);
        if (text[next] === close) {
          out += c + close;
          i = next;
        } else {
          depth++;
          out += c + "\n" + indent.repeat(depth);
        }
        break;
      }
      case "}":
      case "]":
        depth = Math.max(0, depth - 1);
        out += "\n" + indent.repeat(depth) + c;
        break;
      case ",":
        out += ",\n" + indent.repeat(depth);
        break;
      case ":":
        out += ": ";
        break;
      case " ":
      case "\n":
      case "\r":
      case "\t":
        break;
      default:
        out += c;
    }
  }
  return inString ? text : out;
}

function nextNonSpace(text, i) {
  while (i < text.length && " \n\r\t".includes(text[i])) i++;
  return i;
}
