/**
 * Client certificates issued through the CertificateSigningRequest API, read as the API server
 * reads them: the subject's CN is the user name and each O a group. The usual slips are named —
 * the certificate saved still base64-encoded, the request saved instead of the certificate, a
 * request made from another key than the one kept.
 */
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { field, items, text } from './reader.js';

export interface CertificateSubject {
  readonly commonName: string | undefined;
  readonly organizations: readonly string[];
}

/** X509Certificate.subject is one `KEY=value` per line; a value may itself hold escaped commas. */
export function subjectOf(certificate: X509Certificate): CertificateSubject {
  const entries = certificate.subject.split('\n').map((line) => {
    const at = line.indexOf('=');
    return [line.slice(0, at), line.slice(at + 1)] as const;
  });
  return {
    commonName: entries.find(([key]) => key === 'CN')?.[1],
    organizations: entries.filter(([key]) => key === 'O').map(([, value]) => value),
  };
}

export function subjectText(subject: CertificateSubject): string {
  return [...subject.organizations.map((o) => `O=${o}`), ...(subject.commonName === undefined ? [] : [`CN=${subject.commonName}`])].join(', ') || '(empty)';
}

function parseCertificate(pem: string): X509Certificate | undefined {
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}

/** Where a CSR stands: its terminal conditions first, as `kubectl get csr` shows them. */
export type CsrState =
  | { readonly state: 'denied' | 'failed'; readonly reason: string }
  | { readonly state: 'pending' }
  | { readonly state: 'approved' }
  | { readonly state: 'issued'; readonly certificate: X509Certificate }
  | { readonly state: 'unreadable' };

export function csrState(csr: unknown): CsrState {
  const conditions = items(csr, 'status', 'conditions');
  const holding = (type: string) => conditions.find((c) => field(c, 'type') === type && field(c, 'status') !== 'False');
  const explained = (c: unknown) => [text(c, 'reason'), text(c, 'message')].filter((s) => s !== undefined && s !== '').join(': ') || 'no reason given';
  const denied = holding('Denied');
  if (denied !== undefined) return { state: 'denied', reason: explained(denied) };
  const failed = holding('Failed');
  if (failed !== undefined) return { state: 'failed', reason: explained(failed) };
  if (holding('Approved') === undefined) return { state: 'pending' };
  const encoded = text(csr, 'status', 'certificate');
  if (encoded === undefined || encoded === '') return { state: 'approved' };
  const certificate = parseCertificate(Buffer.from(encoded, 'base64').toString('utf8'));
  return certificate === undefined ? { state: 'unreadable' } : { state: 'issued', certificate };
}

/** What differs between a certificate's subject and the user and groups asked for. */
export function subjectProblems(subject: CertificateSubject, wanted: { readonly commonName: string; readonly organizations: readonly string[] }): string[] {
  const problems: string[] = [];
  if (subject.commonName !== wanted.commonName) {
    problems.push(`its CN is ${subject.commonName ?? '(none)'}, so the API server knows its holder as ${subject.commonName === undefined ? 'nobody' : `user ${subject.commonName}`}, not ${wanted.commonName}`);
  }
  const missing = wanted.organizations.filter((o) => !subject.organizations.includes(o));
  if (missing.length > 0) problems.push(`it has no O=${missing.join(', no O=')} (its groups come from O: ${subject.organizations.join(', ') || 'none'})`);
  return problems;
}

const base64Pem = /^LS0tLS1CRUdJT/;

/** What is wrong with a file meant to hold the issued certificate in PEM, or undefined when it does. */
export function savedCertificateProblem(content: string, issued: X509Certificate): string | undefined {
  const trimmed = content.trim();
  if (base64Pem.test(trimmed)) {
    const decoded = parseCertificate(Buffer.from(trimmed, 'base64').toString('utf8'));
    return decoded?.fingerprint256 === issued.fingerprint256
      ? 'holds the certificate still base64-encoded, as status.certificate has it: decode it (base64 -d) to get the PEM file clients read'
      : 'holds base64 text that is not the issued certificate';
  }
  if (trimmed.includes('CERTIFICATE REQUEST-----')) return 'holds the certificate signing request, not the certificate issued for it (status.certificate of the CSR, base64-decoded)';
  const saved = parseCertificate(trimmed);
  if (saved === undefined) return 'is not a PEM certificate';
  if (saved.fingerprint256 !== issued.fingerprint256) return `holds another certificate (${subjectText(subjectOf(saved))}, serial ${saved.serialNumber}) than the one issued for the request (serial ${issued.serialNumber})`;
  return undefined;
}

export interface KeyWanted {
  readonly type?: string;
  readonly bits?: number;
}

/** What is wrong with a file meant to hold the private key of the issued certificate, or undefined. */
export function privateKeyProblem(content: string, issued: X509Certificate, wanted: KeyWanted): string | undefined {
  let key: KeyObject;
  try {
    key = createPrivateKey(content);
  } catch {
    return content.includes('PUBLIC KEY') ? 'holds a public key, not the private key' : 'is not a PEM private key (an encrypted key cannot be used by kubectl either)';
  }
  const type = key.asymmetricKeyType;
  if (wanted.type !== undefined && type !== wanted.type) return `holds a ${type ?? 'unknown'} key, expected ${wanted.type}`;
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (wanted.bits !== undefined && bits !== wanted.bits) return `holds a ${bits ?? '?'}-bit key, expected ${wanted.bits} bits`;
  if (!issued.checkPrivateKey(key)) return "is not the key the certificate was issued for (the request was made from another key): the certificate's public key does not match it";
  return undefined;
}
