#!/usr/bin/env node
// Things the test suite needs beyond node_modules, installed by the test command itself so a fresh
// machine with only Node 20 and corepack can run it. Nothing yet beyond the workspace install.
