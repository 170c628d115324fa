'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { FleetPage } from '@/lib/fleet/dto';

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return (
    !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)
  );
}

/** Ctrl+K (or ⌘K, or "/") opens a box that jumps to a chain by name. */
export function CommandPalette() {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [term, setTerm] = useState('');
  const [debounced, setDebounced] = useState('');
  const [active, setActive] = useState(0);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') || (e.key === '/' && !typingIn(e.target))) {
        e.preventDefault();
        dialog.current?.showModal();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(term.trim()), 150);
    return () => clearTimeout(timer);
  }, [term]);

  const results = useQuery({
    queryKey: ['palette', debounced],
    enabled: debounced.length > 0,
    queryFn: async () => {
      const res = await fetch(`/api/v1/chains?q=${encodeURIComponent(debounced)}&size=8`);
      if (!res.ok) throw new Error(`Search failed (${res.status}).`);
      return ((await res.json()) as FleetPage).chains;
    },
  });
  const chains = debounced ? (results.data ?? []) : [];

  function go(slug: string) {
    dialog.current?.close();
    setTerm('');
    router.push(`/chains/${slug}`);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, chains.length - 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
    else if (e.key === 'Enter' && chains[active]) go(chains[active].slug);
    else return;
    e.preventDefault();
  }

  return (
    <>
      <button
        type="button"
        onClick={() => dialog.current?.showModal()}
        className="rounded border border-slate-300 px-2 py-1 text-slate-600"
      >
        Jump to chain <kbd className="ml-1 rounded bg-slate-100 px-1 text-xs">Ctrl K</kbd>
      </button>
      <dialog
        ref={dialog}
        aria-label="Jump to a chain"
        className="m-auto mt-24 w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/30"
        onClose={() => setActive(0)}
      >
        <div className="p-3">
          <input
            autoFocus
            type="search"
            role="combobox"
            aria-expanded={chains.length > 0}
            aria-controls="palette-results"
            aria-activedescendant={chains[active] ? `palette-${chains[active].slug}` : undefined}
            aria-label="Chain name"
            placeholder="Type a chain name…"
            value={term}
            onChange={(e) => {
              setTerm(e.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
            className="w-full rounded border border-slate-300 px-2 py-1.5"
          />
          <ul
            id="palette-results"
            role="listbox"
            aria-label="Matching chains"
            className="mt-2 max-h-72 overflow-y-auto"
          >
            {chains.map((c, i) => (
              <li
                key={c.slug}
                id={`palette-${c.slug}`}
                role="option"
                aria-selected={i === active}
                onMouseEnter={() => setActive(i)}
                onClick={() => go(c.slug)}
                className={`cursor-pointer rounded px-2 py-1.5 text-sm ${i === active ? 'bg-slate-100' : ''}`}
              >
                {c.name}{' '}
                <span className="text-slate-500">
                  · {c.tier.name} · {c.region}
                </span>
              </li>
            ))}
            {debounced && results.isSuccess && chains.length === 0 && (
              <li className="px-2 py-1.5 text-sm text-slate-500">No chain matches.</li>
            )}
          </ul>
        </div>
      </dialog>
    </>
  );
}
