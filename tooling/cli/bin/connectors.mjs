#!/usr/bin/env node
// Runs the TypeScript CLI without a build step (tsx registers its loader in this process).
import { register } from "tsx/esm/api";

register();
await import("../src/bin.ts");
