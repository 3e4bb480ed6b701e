// Prints what the app would sign sessions with under the current environment (for platform tests).
import { authSecret, ensureEmbeddedAuthSecret } from "@/env";

ensureEmbeddedAuthSecret();
console.log(JSON.stringify(authSecret()));
