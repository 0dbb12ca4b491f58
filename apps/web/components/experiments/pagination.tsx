import Link from 'next/link';
import buttonStyles from '@/components/ui/button.module.css';
import paginationStyles from '@/components/ui/pagination.module.css';

interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  /** Builds the link of a page (1-based). */
  href: (page: number) => string;
}

export function Pagination({ page, pageSize, total, href }: PaginationProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav className={paginationStyles.pagination} aria-label="Pagination">
      <span className="num">
        {first}–{last} of {total}
      </span>
      <div className={paginationStyles.links}>
        <Link
          className={buttonStyles.button}
          href={href(page - 1)}
          aria-disabled={page <= 1}
          tabIndex={page <= 1 ? -1 : undefined}
          rel="prev"
        >
          ← Previous
        </Link>
        <span className="num">
          Page {page} of {pages}
        </span>
        <Link
          className={buttonStyles.button}
          href={href(page + 1)}
          aria-disabled={page >= pages}
          tabIndex={page >= pages ? -1 : undefined}
          rel="next"
        >
          Next →
        </Link>
      </div>
    </nav>
  );
}
