import NextAuth from 'next-auth';
import { authOptions } from '@/lib/server/auth/auth-options';
import { gateCredentialsSignIn } from '@/lib/server/auth/credentials-gate';
import { requestIp } from '@/lib/server/auth/request-ip';

type Context = { params: Promise<{ nextauth: string[] }> };

// Options are built per request, so configuration is read at run time, never at build time. A credentials
// sign-in passes the throttle first (429 while its account or address is locked).
async function handler(request: Request, context: Context): Promise<Response> {
  const ip = await requestIp();
  const refused = await gateCredentialsSignIn(request, ip);
  if (refused) return refused;
  return NextAuth(request as never, context as never, authOptions({ ip }));
}

export { handler as GET, handler as POST };
