// Runs in the browser before the app's own code (Next's instrumentation-client). zod compiles object
// schemas with `new Function` unless told not to, and even its probe for whether eval is allowed is reported
// as a CSP violation under our policy (no 'unsafe-eval'): parse without it. Set here, before any schema is
// built, because zod reads the setting when a schema is constructed.
import { z } from 'zod';

z.config({ jitless: true });
