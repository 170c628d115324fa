import NextAuth from 'next-auth';
import { authOptions } from '@/lib/server/auth/auth-options';

type Context = { params: Promise<{ nextauth: string[] }> };

// Options are built per request, so configuration is read at run time, never at build time.
function handler(request: Request, context: Context): Promise<Response> {
  return NextAuth(request as never, context as never, authOptions());
}

export { handler as GET, handler as POST };
