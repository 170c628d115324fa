import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { actions, pages, routes } from '@/lib/server/auth/access-matrix';

// The matrix covers what the app serves: every page, route handler method and server action under app/
// is in it, and a route's or a page's code asks for the permission the matrix names.

const appDir = path.resolve(import.meta.dirname, '../../app');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

const files = walk(appDir);

/** The URL pattern of a page or route file: route groups "(x)" dropped. */
function urlPattern(file: string): string {
  const segments = path
    .relative(appDir, path.dirname(file))
    .split(path.sep)
    .filter((segment) => segment && !/^\(.*\)$/.test(segment));
  return `/${segments.join('/')}`;
}

const relative = (file: string) => path.relative(path.resolve(appDir, '..'), file).split(path.sep).join('/');

describe('the access matrix', () => {
  it('lists every page, with the permission its code checks', () => {
    const found = files.filter((file) => file.endsWith('/page.tsx')).map(urlPattern);
    expect(new Set(found)).toEqual(new Set(pages.map((page) => page.path)));
    for (const file of files.filter((f) => f.endsWith('/page.tsx'))) {
      const entry = pages.find((page) => page.path === urlPattern(file))!;
      if (entry.permission === 'public') continue;
      const source = readFileSync(file, 'utf8');
      expect(source, relative(file)).toContain(`'${entry.permission}'`);
    }
  });

  it('lists every route handler method, with the permission withAuth is given', () => {
    const found: string[] = [];
    for (const file of files.filter((f) => f.endsWith('/route.ts'))) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(
        /export const (GET|POST|PUT|PATCH|DELETE) = withAuth(?:<[^>]*>)?\('([^']+)'/g,
      )) {
        found.push(`${match[1]} ${urlPattern(file)} ${match[2]}`);
      }
      for (const match of source.matchAll(/export \{ handler as (GET|POST)(?:, handler as (GET|POST))? \}/g)) {
        for (const method of [match[1], match[2]].filter(Boolean)) found.push(`${method} ${urlPattern(file)} public`);
      }
    }
    const listed = routes.map((route) => `${route.method} ${route.path} ${route.permission}`);
    expect(new Set(found)).toEqual(new Set(listed));
  });

  it('lists every server action', () => {
    const found: string[] = [];
    for (const file of files.filter((f) => /\.tsx?$/.test(f))) {
      const source = readFileSync(file, 'utf8');
      if (!/^'use server';/m.test(source)) continue;
      for (const match of source.matchAll(/^export async function (\w+)/gm))
        found.push(`${relative(file)}#${match[1]}`);
    }
    expect(new Set(found)).toEqual(new Set(actions.map((action) => `${action.file}#${action.name}`)));
  });
});
