#!/usr/bin/env node
// `npx platform ...`: loads cli/main.ts through tsx (the TypeScript runner synth already uses).
require('tsx/cjs');
void require('./main.ts').cli();
