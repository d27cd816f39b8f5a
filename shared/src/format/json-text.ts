/**
 * The text side of reading a board file: syntax errors with line and column, line numbers of
 * fields, duplicate keys and runaway nesting. Kept apart from the board rules so those can run
 * on an already-parsed object too (the server receives one), only without line numbers.
 */
import { findNodeAtLocation, type Node, parseTree, printParseErrorCode } from 'jsonc-parser';

/** One path segment: an object key or an array index. */
export type PathSegment = string | number;

/** `cards[3].lane`, `meta.title`, `links[0]["odd key"]`; '' for the file itself. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** 1-based line and column of every offset in a text, from its line starts. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 10) this.starts.push(i + 1);
      else if (code === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }

  at(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.starts[low]! + 1 };
  }
}

export interface JsonStructure {
  /** Offset of the first bracket nesting deeper than the limit, or -1. */
  tooDeepAt: number;
  /** Keys that appear twice in one object (JSON.parse would silently keep the last one). */
  duplicateKeys: TextIssue[];
}

type Container =
  | { object: true; keys: Set<string>; key: string }
  | { object: false; index: number };

/**
 * One pass over the text, without building a tree: how deep brackets nest (checked before any
 * recursive parsing, which would overflow the stack on `[[[[…` long before the size limit) and
 * which keys are duplicated, with their path. Meaningful for valid JSON; harmless on invalid.
 */
export function scanJsonStructure(text: string, maxDepth: number): JsonStructure {
  const stack: Container[] = [];
  const duplicateKeys: TextIssue[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 34) {
      const start = i;
      let escaped = false;
      for (i++; i < text.length; i++) {
        const inner = text.charCodeAt(i);
        if (inner === 92) {
          escaped = true;
          i++;
        } else if (inner === 34) break;
      }
      const top = stack.at(-1);
      if (!top?.object) continue;
      let next = i + 1;
      while (isJsonWhitespace(text.charCodeAt(next))) next++;
      if (text.charCodeAt(next) !== 58) continue; // not followed by ':', so a value, not a key
      const raw = text.slice(start + 1, i);
      let key = raw;
      if (escaped) {
        try {
          key = JSON.parse(`"${raw}"`) as string;
        } catch {
          continue; // invalid escape: the syntax check reports it
        }
      }
      if (top.keys.has(key)) {
        duplicateKeys.push({
          path: [...stack.slice(0, -1).map(segmentOf), key],
          offset: start,
          message: `the field '${key}' appears twice in one object; keep only one`,
        });
      }
      top.keys.add(key);
      top.key = key;
    } else if (code === 123 || code === 91) {
      stack.push(
        code === 123 ? { object: true, keys: new Set(), key: '' } : { object: false, index: 0 },
      );
      if (stack.length > maxDepth) return { tooDeepAt: i, duplicateKeys };
    } else if (code === 125 || code === 93) {
      stack.pop();
    } else if (code === 44) {
      const top = stack.at(-1);
      if (top && !top.object) top.index++;
    }
  }
  return { tooDeepAt: -1, duplicateKeys };
}

/** Space, tab, line feed, carriage return: the only whitespace JSON allows between tokens. */
function isJsonWhitespace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function segmentOf(container: Container): PathSegment {
  return container.object ? container.key : container.index;
}

const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'unexpected character; this is not valid JSON here',
  InvalidNumberFormat: 'this number is not written the JSON way',
  PropertyNameExpected: 'a field name in double quotes was expected',
  ValueExpected: 'a value was expected (a JSON file cannot end a list or object with a comma)',
  ColonExpected: "a ':' was expected after the field name",
  CommaExpected: "a ',' was expected between two values",
  CloseBraceExpected: "a '}' was expected to close the object",
  CloseBracketExpected: "a ']' was expected to close the list",
  EndOfFileExpected: 'the file should end after the board object; extra text follows it',
  InvalidCommentToken: 'comments are not allowed in a board file',
  UnexpectedEndOfComment: 'comments are not allowed in a board file',
  UnexpectedEndOfString: 'this text is not closed by a double quote',
  UnexpectedEndOfNumber: 'this number ends too early',
  InvalidUnicode: 'this \\u escape is not a valid unicode sequence',
  InvalidEscapeCharacter: 'this backslash escape is not valid JSON',
  InvalidCharacter:
    'control characters (such as a raw tab or new line) must be escaped inside text',
};

export interface TextIssue {
  path: PathSegment[];
  offset: number;
  message: string;
}

export interface ParsedJson {
  root: Node | undefined;
  /** Syntax errors, in the order they appear. */
  issues: TextIssue[];
}

/**
 * Parses strict JSON (no comments, no trailing commas: a board file must open in any JSON tool)
 * into a tree that remembers where each value sits. Slow next to JSON.parse (seconds for a file
 * near the size limit), so it only runs to locate problems: syntax errors, or the line of a
 * field the board rules refused. Check the depth first (`scanJsonStructure`): it recurses.
 */
export function parseJsonTree(text: string): ParsedJson {
  const errors: { error: number; offset: number; length: number }[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const issues: TextIssue[] = errors.map((error) => {
    const code = printParseErrorCode(error.error as Parameters<typeof printParseErrorCode>[0]);
    return {
      path: [],
      offset: error.offset,
      message: `invalid JSON: ${SYNTAX_MESSAGES[code] ?? code}`,
    };
  });
  return { root, issues };
}

/**
 * The offset to show for an issue at `path`: the field itself when present, else the closest
 * enclosing value (a missing field points at the object that lacks it).
 */
export function offsetOfPath(root: Node, path: readonly PathSegment[]): number {
  for (let length = path.length; length >= 0; length--) {
    const node = findNodeAtLocation(root, path.slice(0, length) as PathSegment[]);
    if (node) {
      // Point at `"key": value` rather than the value, which may sit on a later line.
      return node.parent?.type === 'property' && length > 0 ? node.parent.offset : node.offset;
    }
  }
  return root.offset;
}
