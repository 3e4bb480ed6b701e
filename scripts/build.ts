import { buildNow } from "./build-fingerprint";

process.exit(buildNow() ? 0 : 1);
