#!/usr/bin/env node
// Starts cnsd, the HTTP server, from its bundle (dist/cnsd.mjs, built by scripts/build.mjs).
import '../dist/cnsd.mjs';
