#!/usr/bin/env node
import { main } from '../dist/src/cli/main.js';

await main(['deploy', ...process.argv.slice(2)]);
