/**
 * Checks a label selector as the API server parses it (k8s.io/apimachinery labels.Parse), so that
 * a typo stops the process at start instead of failing every list with 400 forever.
 * Terms: `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`, separated by commas.
 */
const NAME = '[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?';
const DNS_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const KEY = `((${DNS_LABEL})(\\.${DNS_LABEL})*/)?${NAME}`;
const VALUE = `(${NAME})?`;
const SET = `\\(\\s*${VALUE}(\\s*,\\s*${VALUE})*\\s*\\)`;
const TERM = new RegExp(`^\\s*(!\\s*${KEY}|${KEY}\\s*((==?|!=)\\s*${VALUE}|\\s(in|notin)\\s*${SET})?)\\s*$`);

/** The reason `selector` is not a valid label selector, or undefined when it is. */
export function labelSelectorProblem(selector: string): string | undefined {
  if (selector.trim() === '') return 'it is empty';
  for (const term of splitTerms(selector)) {
    if (!TERM.test(term)) return `term "${term.trim()}" is not key=value, key!=value, key in (...), key notin (...), key or !key`;
    const prefix = term.replace(/^\s*!?\s*/, '').split(/[\s=!(]/)[0].split('/');
    if (prefix.length === 2 && prefix[0].length > 253) return `the prefix of "${term.trim()}" is longer than 253 characters`;
  }
  return undefined;
}

/** Commas inside `( )` belong to a set, not to the next term. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    if (selector[i] === '(') depth++;
    else if (selector[i] === ')') depth--;
    else if (selector[i] === ',' && depth === 0) {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}
