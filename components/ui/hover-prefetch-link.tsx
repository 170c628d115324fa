'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { ComponentProps } from 'react';

/**
 * A link that prefetches its page when the pointer or focus comes to it, not when it scrolls into view.
 * For long lists: a fleet page of 50 rows would otherwise send 50 prefetch requests per view (the pattern
 * of Next's prefetching guide, "hover-triggered prefetch").
 */
export function HoverPrefetchLink(props: Omit<ComponentProps<typeof Link>, 'prefetch'>) {
  const [active, setActive] = useState(false);
  return (
    <Link
      {...props}
      prefetch={active ? null : false}
      onMouseEnter={() => setActive(true)}
      onFocus={() => setActive(true)}
    />
  );
}
