'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { ComponentProps } from 'react';

type Props = Omit<ComponentProps<typeof Link>, 'href' | 'prefetch'> & { href: string };

/**
 * A link that prefetches its route when the user shows intent (pointer over it, keyboard focus,
 * a touch), not when it scrolls into view. next/link prefetches every link in the viewport as the
 * page hydrates: the header's six links and the experiment page's two cost 13 server renders per
 * page load (each one the root layout and a session read), which ran on the same two cores as the
 * page's own hydration and held up the next page's document by up to 1.5 s in bench/ui. A pointer
 * rests on a link for 100 ms or more before the click, which is time enough for the prefetch.
 */
export function IntentLink({ href, onMouseEnter, onFocus, onTouchStart, ...props }: Props) {
  const router = useRouter();
  const prefetch = () => router.prefetch(href);
  return (
    <Link
      href={href}
      prefetch={false}
      onMouseEnter={(event) => {
        prefetch();
        onMouseEnter?.(event);
      }}
      onFocus={(event) => {
        prefetch();
        onFocus?.(event);
      }}
      onTouchStart={(event) => {
        prefetch();
        onTouchStart?.(event);
      }}
      {...props}
    />
  );
}
