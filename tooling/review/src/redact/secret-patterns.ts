/** Well-known credential formats. Each regex matches the whole secret. */
export const SECRET_PATTERNS: readonly { name: string; pattern: RegExp }[] = [
  { name: "AWS access key id", pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { name: "GitHub token", pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/g },
  { name: "GitHub fine-grained token", pattern: /\bgithub_pat_[A-Za-z0-9_]{40,}\b/g },
  { name: "Slack token", pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g },
  { name: "Stripe secret key", pattern: /\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}\b/g },
  { name: "PostHog personal API key", pattern: /\bphx_[A-Za-z0-9]{30,}\b/g },
  { name: "Google API key", pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { name: "OpenAI-style secret key", pattern: /\bsk-[A-Za-z0-9_-]{32,}\b/g },
  { name: "JSON Web Token", pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\b/g },
  { name: "private key", pattern: /-----BEGIN (?:RSA |EC |OPENSSH |DSA |PGP )?PRIVATE KEY( BLOCK)?-----/g },
  { name: "credentials in a URL", pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@'"`]+:[^\s:/@'"`]{3,}@[^\s'"`]+/gi },
];

/** The first known credential format `text` contains, with the matched secret. */
export function matchSecretPattern(text: string): { name: string; secret: string } | undefined {
  for (const { name, pattern } of SECRET_PATTERNS) {
    pattern.lastIndex = 0;
    const match = pattern.exec(text);
    if (match) return { name, secret: match[0] };
  }
  return undefined;
}

/**
 * Shannon entropy in bits per character.
 *
 * @example
 * shannonEntropy("aaaa") // 0
 */
export function shannonEntropy(text: string): number {
  if (!text) return 0;
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/**
 * True for a string that looks like a random key: long, token-shaped (no spaces), mixing character
 * classes and with high entropy. Hex needs 32+ chars, other alphabets 20+.
 */
export function isHighEntropySecret(value: string): boolean {
  if (value.length < 20 || value.length > 4096 || /\s/.test(value)) return false;
  if (!/^[A-Za-z0-9+/=_\-.~]+$/.test(value)) return false;
  if (/^[a-z]+(?:[-_.][a-z]+)*$/i.test(value)) return false;
  if (/^(https?:|\$|\.|\/)/.test(value) || /\.(ts|js|json|md)$/.test(value)) return false;
  if (/^[0-9a-f]+$/i.test(value)) return value.length >= 32 && shannonEntropy(value) >= 3.5;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(value)).length;
  return classes >= 3 && shannonEntropy(value) >= 4.0;
}
