// Signs a demo user in through next-auth's credentials endpoint; returns the session cookie header.
export async function signIn(base: string, email: string): Promise<string> {
  let cookies = '';
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) cookies += `${c.split(';')[0]}; `;
  };
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    // A browser's sign-in carries its origin: cookie-signed writes without one are refused as cross-site.
    headers: { cookie: cookies, origin: base, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken, email, password: 'fleetpane-demo', json: 'true' }),
  });
  keep(res);
  return cookies;
}
