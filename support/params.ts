// Parameter types shared by the steps: endpoints (`ns/pod` or an external host) and ports (`80/TCP`).
import { defineParameterType } from '@cucumber/cucumber';
import { parsePort } from '../src/index.js';

defineParameterType({
  name: 'endpoint',
  regexp: /[a-z0-9][a-z0-9.-]*(?:\/[a-z0-9][a-z0-9.-]*)?/,
  transformer: (text: string) => text,
  // It matches any lowercase word: as a snippet suggestion it would turn every word of a misspelt
  // step into a parameter.
  useForSnippets: false,
});

defineParameterType({
  name: 'family',
  regexp: /IPv4|IPv6/,
  transformer: (text: string): 4 | 6 => (text === 'IPv6' ? 6 : 4),
});

defineParameterType({
  name: 'port',
  regexp: /\d+\/(?:TCP|UDP|SCTP)/,
  transformer: (text: string) => parsePort(text, 'step'),
});
