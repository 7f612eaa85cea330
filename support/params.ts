// Parameter types shared by the steps: endpoints (`ns/pod` or an external host) and ports (`80/TCP`).
import { defineParameterType } from '@cucumber/cucumber';
import { parsePort } from '../src/harness/notation.js';

defineParameterType({
  name: 'endpoint',
  regexp: /[a-z0-9][a-z0-9.-]*(?:\/[a-z0-9][a-z0-9.-]*)?/,
  transformer: (text: string) => text,
});

defineParameterType({
  name: 'port',
  regexp: /\d+\/(?:TCP|UDP|SCTP)/,
  transformer: (text: string) => parsePort(text, 'step'),
});
