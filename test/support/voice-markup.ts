// Parses TwiML and VoiceXML documents with fast-xml-parser and checks them against the parts of
// the platforms' documentation that Citas relies on:
// - TwiML: Twilio's <Response>, <Say>, <Gather>, <Redirect>, <Dial>, <Hangup> reference pages (the
//   same verbs and attributes as SignalWire's compatibility XML and Telnyx TeXML).
// - VoiceXML 2.1 (W3C Recommendation, 2007, over VoiceXML 2.0): the vxml root with version and
//   namespace, forms of field/block/transfer items, SRGS 1.0 DTMF grammars, submit/disconnect.
// A violation throws with the path of the offending element, so a test fails at the first bad answer.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Text directly inside the element, trimmed and joined. */
  text: string;
}

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
});

function toElement(node: Ordered): XmlElement | null {
  const name = Object.keys(node).find((k) => k !== ':@');
  if (!name || name === '#text' || name === '?xml') return null;
  const content = (node[name] as Ordered[]) ?? [];
  return {
    name,
    attrs: node[':@'] ?? {},
    children: content.map(toElement).filter((e): e is XmlElement => e !== null),
    text: content
      .filter((c) => '#text' in c)
      .map((c) => String(c['#text']))
      .join(' '),
  };
}

/** The root element of a well-formed document (throws on malformed XML). */
export function parseXml(xml: string): XmlElement {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  if (!xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')) throw new Error('missing XML declaration');
  const roots = (parser.parse(xml) as Ordered[]).map(toElement).filter((e): e is XmlElement => e !== null);
  if (roots.length !== 1 || !roots[0]) throw new Error(`expected one root element, got ${roots.length}`);
  return roots[0];
}

class MarkupError extends Error {}

function expectThat(condition: boolean, path: string, message: string): asserts condition {
  if (!condition) throw new MarkupError(`${path}: ${message}`);
}

function onlyAttributes(element: XmlElement, path: string, allowed: string[]) {
  for (const name of Object.keys(element.attrs)) {
    expectThat(allowed.includes(name), path, `attribute ${name} is not one of ${allowed.join(', ')}`);
  }
}

const isAbsoluteUrl = (value: string) => /^https?:\/\/[^\s]+$/.test(value);
const isE164 = (value: string) => /^\+[1-9][0-9]{7,14}$/.test(value);
const positiveInteger = (value: string | undefined) => value !== undefined && /^[1-9][0-9]*$/.test(value);

const TWIML_VERBS = ['Say', 'Gather', 'Redirect', 'Dial', 'Hangup'];

/** Checks a TwiML <Response> against the verbs and attributes Citas uses. */
export function checkTwiml(root: XmlElement): void {
  expectThat(root.name === 'Response', 'Response', `root is <${root.name}>`);
  expectThat(Object.keys(root.attrs).length === 0, 'Response', 'takes no attributes');
  root.children.forEach((verb, i) => {
    const path = `Response/${verb.name}[${i}]`;
    expectThat(TWIML_VERBS.includes(verb.name), path, 'not a TwiML voice verb Citas uses');
    const isLast = i === root.children.length - 1;
    switch (verb.name) {
      case 'Say':
        checkSay(verb, path);
        break;
      case 'Gather':
        onlyAttributes(verb, path, ['input', 'action', 'method', 'numDigits', 'timeout', 'finishOnKey']);
        expectThat(verb.attrs.input === 'dtmf', path, 'input must be dtmf');
        expectThat(isAbsoluteUrl(verb.attrs.action ?? ''), path, 'action must be an absolute URL');
        expectThat(verb.attrs.method === 'POST', path, 'method must be POST');
        expectThat(positiveInteger(verb.attrs.numDigits), path, 'numDigits must be a positive integer');
        expectThat(positiveInteger(verb.attrs.timeout), path, 'timeout must be a positive integer');
        expectThat(/^[0-9#*]?$/.test(verb.attrs.finishOnKey ?? '#'), path, 'finishOnKey: one key or empty');
        expectThat(verb.children.length > 0, path, 'a Gather without a prompt says nothing');
        verb.children.forEach((child, j) => {
          expectThat(
            child.name === 'Say',
            `${path}/${child.name}[${j}]`,
            'only Say is nested in Gather here',
          );
          checkSay(child, `${path}/Say[${j}]`);
        });
        break;
      case 'Redirect':
        onlyAttributes(verb, path, ['method']);
        expectThat(verb.attrs.method === 'POST', path, 'method must be POST');
        expectThat(isAbsoluteUrl(verb.text), path, 'must contain an absolute URL');
        expectThat(isLast, path, 'verbs after a Redirect are never reached');
        break;
      case 'Dial':
        onlyAttributes(verb, path, ['action', 'method', 'timeout']);
        expectThat(isE164(verb.text), path, 'must dial an E.164 number');
        expectThat(positiveInteger(verb.attrs.timeout), path, 'timeout must be a positive integer');
        if (verb.attrs.action !== undefined) {
          expectThat(isAbsoluteUrl(verb.attrs.action), path, 'action must be an absolute URL');
          expectThat(verb.attrs.method === 'POST', path, 'method must be POST');
          expectThat(isLast, path, 'with an action, the call continues there, not with the next verb');
        }
        break;
      case 'Hangup':
        expectThat(Object.keys(verb.attrs).length === 0 && verb.children.length === 0, path, 'takes nothing');
        expectThat(isLast, path, 'verbs after Hangup are never reached');
        break;
    }
  });
  const last = root.children.at(-1)?.name;
  expectThat(
    last !== 'Say' && last !== 'Gather',
    'Response',
    `ends with <${last}>: the call would end silently`,
  );
}

function checkSay(say: XmlElement, path: string) {
  onlyAttributes(say, path, ['language', 'voice']);
  expectThat(say.attrs.language === 'es-MX', path, 'language must be es-MX');
  expectThat(say.children.length === 0, path, 'Say holds plain text here');
  expectThat(say.text.trim().length > 0, path, 'Say must say something');
}

const VXML_NAMESPACE = 'http://www.w3.org/2001/vxml';
const VXML_VARIABLE = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Checks a VoiceXML 2.1 document against the elements Citas uses. */
export function checkVxml(root: XmlElement): void {
  expectThat(root.name === 'vxml', 'vxml', `root is <${root.name}>`);
  expectThat(root.attrs.version === '2.1', 'vxml', 'version must be 2.1');
  expectThat(root.attrs.xmlns === VXML_NAMESPACE, 'vxml', `namespace must be ${VXML_NAMESPACE}`);
  expectThat(root.attrs['xml:lang'] === 'es-MX', 'vxml', 'xml:lang must be es-MX');
  const variables = new Set<string>();
  const forms = root.children.filter((c) => c.name === 'form');
  expectThat(forms.length >= 1, 'vxml', 'needs a form');
  for (const [i, child] of root.children.entries()) {
    const path = `vxml/${child.name}[${i}]`;
    expectThat(['property', 'var', 'form'].includes(child.name), path, 'not expected at document level');
    if (child.name === 'property') checkProperty(child, path);
    if (child.name === 'var') {
      onlyAttributes(child, path, ['name', 'expr']);
      expectThat(VXML_VARIABLE.test(child.attrs.name ?? ''), path, 'name must be an ECMAScript identifier');
      variables.add(child.attrs.name as string);
    }
  }
  for (const form of forms) checkForm(form, `vxml/form#${form.attrs.id}`, variables);
}

function checkProperty(property: XmlElement, path: string) {
  onlyAttributes(property, path, ['name', 'value']);
  expectThat(['inputmodes', 'timeout'].includes(property.attrs.name ?? ''), path, 'unexpected property');
  if (property.attrs.name === 'timeout')
    expectThat(/^[0-9]+m?s$/.test(property.attrs.value ?? ''), path, 'timeout is a CSS2 time');
}

function checkForm(form: XmlElement, path: string, documentVariables: Set<string>) {
  onlyAttributes(form, path, ['id']);
  expectThat(VXML_VARIABLE.test(form.attrs.id ?? ''), path, 'a form needs an id');
  const itemNames = new Set(documentVariables);
  for (const item of form.children) if (item.attrs.name) itemNames.add(item.attrs.name);
  expectThat(form.children.length > 0, path, 'an empty form does nothing');
  form.children.forEach((item, i) => {
    const itemPath = `${path}/${item.name}[${i}]`;
    switch (item.name) {
      case 'field':
        checkField(item, itemPath, itemNames);
        break;
      case 'transfer':
        onlyAttributes(item, itemPath, ['name', 'dest', 'type', 'connecttimeout']);
        expectThat(VXML_VARIABLE.test(item.attrs.name ?? ''), itemPath, 'name must be an identifier');
        expectThat(
          /^tel:\+[1-9][0-9]{7,14}$/.test(item.attrs.dest ?? ''),
          itemPath,
          'dest must be a tel: URI',
        );
        expectThat(
          ['bridge', 'blind', 'consultation'].includes(item.attrs.type ?? ''),
          itemPath,
          'type (2.1)',
        );
        expectThat(/^[0-9]+s$/.test(item.attrs.connecttimeout ?? ''), itemPath, 'connecttimeout in seconds');
        for (const child of item.children) {
          expectThat(
            ['prompt', 'filled'].includes(child.name),
            `${itemPath}/${child.name}`,
            'unexpected in transfer',
          );
          if (child.name === 'prompt') checkPrompt(child, `${itemPath}/prompt`);
          if (child.name === 'filled') checkActions(child, `${itemPath}/filled`, itemNames);
        }
        break;
      case 'block':
        checkActions(item, itemPath, itemNames);
        break;
      default:
        throw new MarkupError(`${itemPath}: not a form item Citas uses`);
    }
  });
}

function checkField(field: XmlElement, path: string, names: Set<string>) {
  onlyAttributes(field, path, ['name']);
  expectThat(VXML_VARIABLE.test(field.attrs.name ?? ''), path, 'name must be an ECMAScript identifier');
  const allowed = ['property', 'grammar', 'prompt', 'noinput', 'nomatch', 'filled'];
  for (const child of field.children)
    expectThat(allowed.includes(child.name), `${path}/${child.name}`, 'unexpected in field');
  const one = (name: string) => {
    const found = field.children.filter((c) => c.name === name);
    expectThat(found.length === 1, path, `needs exactly one <${name}>`);
    return found[0] as XmlElement;
  };
  for (const property of field.children.filter((c) => c.name === 'property'))
    checkProperty(property, `${path}/property`);
  checkGrammar(one('grammar'), `${path}/grammar`);
  checkPrompt(one('prompt'), `${path}/prompt`);
  for (const handler of ['noinput', 'nomatch', 'filled'])
    checkActions(one(handler), `${path}/${handler}`, names);
}

function checkGrammar(grammar: XmlElement, path: string) {
  onlyAttributes(grammar, path, ['mode', 'version', 'root']);
  expectThat(grammar.attrs.mode === 'dtmf', path, 'mode must be dtmf');
  expectThat(grammar.attrs.version === '1.0', path, 'SRGS version must be 1.0');
  const rules = grammar.children.filter((c) => c.name === 'rule');
  expectThat(rules.length === grammar.children.length && rules.length > 0, path, 'holds rules only');
  expectThat(
    rules.some((r) => r.attrs.id === grammar.attrs.root),
    path,
    `root "${grammar.attrs.root}" names no rule`,
  );
  const checkItems = (element: XmlElement, at: string) => {
    for (const child of element.children) {
      const childPath = `${at}/${child.name}`;
      expectThat(
        ['one-of', 'item'].includes(child.name),
        childPath,
        'only one-of and item in these grammars',
      );
      if (child.name === 'item') {
        onlyAttributes(child, childPath, ['repeat']);
        if (child.children.length === 0)
          expectThat(/^[0-9*#]$/.test(child.text), childPath, 'a DTMF token is 0-9, * or #');
      }
      checkItems(child, childPath);
    }
  };
  for (const rule of rules) {
    onlyAttributes(rule, `${path}/rule`, ['id', 'scope']);
    checkItems(rule, `${path}/rule#${rule.attrs.id}`);
  }
}

function checkPrompt(prompt: XmlElement, path: string) {
  expectThat(Object.keys(prompt.attrs).length === 0, path, 'no attributes needed');
  expectThat(prompt.text.trim().length > 0, path, 'must say something');
  for (const child of prompt.children) {
    expectThat(child.name === 'break', `${path}/${child.name}`, 'only <break> inside prompts');
    expectThat(/^[0-9]+m?s$/.test(child.attrs.time ?? ''), `${path}/break`, 'time is a CSS2 time');
  }
}

/** Executable content of a block, filled or event handler: prompts, then one submit or disconnect. */
function checkActions(element: XmlElement, path: string, names: Set<string>) {
  const last = element.children.at(-1);
  expectThat(
    last?.name === 'submit' || last?.name === 'disconnect',
    path,
    'must end in submit or disconnect',
  );
  for (const [i, child] of element.children.entries()) {
    const childPath = `${path}/${child.name}[${i}]`;
    if (child.name === 'prompt') {
      checkPrompt(child, childPath);
      continue;
    }
    expectThat(i === element.children.length - 1, childPath, 'nothing runs after submit or disconnect');
    if (child.name === 'disconnect') continue;
    expectThat(child.name === 'submit', childPath, 'unexpected element');
    onlyAttributes(child, childPath, ['next', 'method', 'namelist']);
    expectThat(isAbsoluteUrl(child.attrs.next ?? ''), childPath, 'next must be an absolute URL');
    expectThat(child.attrs.method === 'post', childPath, 'method must be post');
    for (const name of (child.attrs.namelist ?? '').split(/\s+/).filter(Boolean)) {
      expectThat(names.has(name), childPath, `namelist names ${name}, which is not declared`);
    }
  }
}
