import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Parser } from 'tap-parser';

/** Checks JUnit XML with a real XML parser: well-formed, then parsed with attributes kept. */
export function parseJunit(xml: string): JunitDocument {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${valid.err.msg} at line ${valid.err.line}`);
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) });
  return parser.parse(xml) as JunitDocument;
}

export interface JunitCase {
  classname: string;
  name: string;
  failure?: { message: string; type: string; '#text'?: string };
  error?: { message: string; type: string; '#text'?: string };
}
export interface JunitSuite {
  name: string;
  tests: string;
  failures: string;
  errors: string;
  properties: { property: Array<{ name: string; value: string }> };
  testcase: JunitCase[];
}
export interface JunitDocument {
  testsuites: { tests: string; failures: string; errors: string; testsuite: JunitSuite[] };
}

export interface TapAssert {
  ok: boolean;
  id: number;
  name: string;
  diag?: Record<string, unknown>;
}

/** Parses TAP with the TAP 14 reference parser in strict mode: any line that is not TAP fails it. */
export function parseTap(text: string): Promise<{ ok: boolean; asserts: TapAssert[]; extra: string[]; version: unknown; plan: { start: number; end: number }; failures: unknown[] }> {
  return new Promise((resolve) => {
    const asserts: TapAssert[] = [];
    const extra: string[] = [];
    let version: unknown;
    const parser = new Parser({ strict: true }, (results) => {
      resolve({ ok: results.ok, asserts, extra, version, plan: { start: results.plan.start ?? 0, end: results.plan.end ?? 0 }, failures: results.failures });
    });
    parser.on('assert', (a: TapAssert) => asserts.push(a));
    parser.on('extra', (line: string) => extra.push(line));
    parser.on('version', (v: unknown) => (version = v));
    parser.end(text);
  });
}
