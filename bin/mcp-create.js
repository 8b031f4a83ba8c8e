#!/usr/bin/env node
// `mcp-create …` is `mcp-factory create …`.
import { main } from '../dist/src/cli/main.js';

await main(['create', ...process.argv.slice(2)]);
