#!/usr/bin/env node
// Entry of the `yixian` command: runs the TypeScript sources through tsx's loader.
import { register } from 'tsx/esm/api';
register();
await import('../src/server/main.ts');
